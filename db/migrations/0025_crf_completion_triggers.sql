-- Data-entry figures (crf_completion_facts, db/schema/crf.ts), exact in the same transaction as
-- every write they depend on. Whatever a statement changes for a participant — a form instance
-- (entered, status, event date), a visit (done, window, definition), the participant's centre
-- (a transfer) — they are counted again from the base rows and compared with their ledger rows
-- (crf_completion_ledger): what differs is taken back from or added to the counters, in one
-- statement (crf_completion_refresh). A design change (the forms of an
-- event, an event's visit code, a visit definition's code) counts the participants of the study
-- again. Set-based: one call for every participant a statement touches.
-- The days from visit to entry are counted in the zone of crf_completion_settings (the triggers
-- cannot read the app's NETWORK_TIME_ZONE); lib/crf/completion-zone.ts recounts everything when
-- the two differ.
CREATE TABLE crf_completion_settings (
  id smallint PRIMARY KEY CHECK (id = 1),
  zone text NOT NULL
);
--> statement-breakpoint
INSERT INTO crf_completion_settings (id, zone) VALUES (1, 'Asia/Shanghai');
--> statement-breakpoint
CREATE FUNCTION crf_completion_recount(pids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z text := (SELECT zone FROM crf_completion_settings WHERE id = 1);
  s integer;
BEGIN
  IF coalesce(cardinality(pids), 0) = 0 THEN RETURN; END IF;
  -- One recount at a time per study, in study order: a transaction-scoped advisory lock (not the
  -- participant's row, which a save locks before its instance and a verification after it), one
  -- lock per study however many participants a statement touches. Every later statement here sees
  -- what the previous holder committed.
  FOR s IN
    SELECT DISTINCT u.study_id FROM (
      SELECT p.study_id FROM participants p WHERE p.id = ANY (pids)
      UNION SELECT l.study_id FROM crf_completion_ledger l WHERE l.participant_id = ANY (pids)
    ) u ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(1129465411, s); -- 'CRFC'
  END LOOP;

  WITH p AS (
    SELECT id, study_id, centre_id FROM participants WHERE id = ANY (pids)
  ), counted AS (
    SELECT i.participant_id, 'status'::text AS kind, i.status::text AS key, count(*)::int AS n
    FROM crf_form_instances i JOIN p ON p.id = i.participant_id
    GROUP BY 1, 3
    UNION ALL
    SELECT i.participant_id, 'days', (((i.created_at AT TIME ZONE z)::date - i.event_date))::text, count(*)::int
    FROM crf_form_instances i JOIN p ON p.id = i.participant_id
    WHERE i.event_date IS NOT NULL
    GROUP BY 1, 3
    UNION ALL
    SELECT c.participant_id, 'due', c.due, count(*)::int
    FROM (
      SELECT v.participant_id, e.id AS event_id, ef.form_id,
        CASE WHEN bool_or(v.status = 'done') THEN '' ELSE to_char(min(v.window_end), 'YYYY-MM-DD') END AS due
      FROM participant_visits v
      JOIN p ON p.id = v.participant_id
      JOIN visit_definitions d ON d.id = v.visit_definition_id
      JOIN crf_events e ON e.study_id = p.study_id AND e.kind = 'scheduled' AND e.visit_code = d.code
      JOIN crf_event_forms ef ON ef.event_id = e.id
      WHERE v.status IN ('done', 'expected')
      GROUP BY 1, 2, 3
    ) c
    WHERE NOT EXISTS (
      SELECT 1 FROM crf_form_instances i
      WHERE i.participant_id = c.participant_id AND i.event_id = c.event_id AND i.form_id = c.form_id AND i.repeat = 1
    )
    GROUP BY 1, 3
  ), fresh AS (
    SELECT c.participant_id, p.study_id, p.centre_id, c.kind, c.key, c.n FROM counted c JOIN p ON p.id = c.participant_id
  ), old AS (
    SELECT l.participant_id, l.study_id, l.centre_id, l.kind, l.key, l.n FROM crf_completion_ledger l WHERE l.participant_id = ANY (pids)
  ), diff AS (
    -- Only what changed: a status change rewrites two ledger rows and two counters, not all of them.
    SELECT coalesce(f.participant_id, o.participant_id) AS participant_id, coalesce(f.kind, o.kind) AS kind, coalesce(f.key, o.key) AS key,
      f.study_id AS f_study, f.centre_id AS f_centre, f.n AS f_n, o.study_id AS o_study, o.centre_id AS o_centre, o.n AS o_n
    FROM fresh f FULL JOIN old o ON o.participant_id = f.participant_id AND o.kind = f.kind AND o.key = f.key
    WHERE f.n IS DISTINCT FROM o.n OR f.study_id IS DISTINCT FROM o.study_id OR f.centre_id IS DISTINCT FROM o.centre_id
  ), dropped AS (
    DELETE FROM crf_completion_ledger l USING diff d
    WHERE d.f_n IS NULL AND l.participant_id = d.participant_id AND l.kind = d.kind AND l.key = d.key
  ), kept AS (
    INSERT INTO crf_completion_ledger (participant_id, study_id, centre_id, kind, key, n)
    SELECT d.participant_id, d.f_study, d.f_centre, d.kind, d.key, d.f_n FROM diff d WHERE d.f_n IS NOT NULL
    ON CONFLICT (participant_id, kind, key) DO UPDATE SET study_id = excluded.study_id, centre_id = excluded.centre_id, n = excluded.n
  ), delta AS (
    SELECT d.o_study AS study_id, d.o_centre AS centre_id, d.kind, d.key, -d.o_n AS n FROM diff d WHERE d.o_n IS NOT NULL
    UNION ALL
    SELECT d.f_study, d.f_centre, d.kind, d.key, d.f_n FROM diff d WHERE d.f_n IS NOT NULL
  )
  INSERT INTO crf_completion_facts AS f (study_id, centre_id, kind, key, n)
  SELECT t.study_id, t.centre_id, t.kind, t.key, sum(t.n)::int FROM delta t GROUP BY 1, 2, 3, 4 HAVING sum(t.n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (study_id, centre_id, kind, key) DO UPDATE SET n = f.n + excluded.n;
END $$;
--> statement-breakpoint
-- A write touches one participant or a few: their recount runs on generic plans (planned once per
-- session; custom plans cost more to make than to run here). A bulk statement keeps custom plans.
CREATE FUNCTION crf_completion_recount_few(pids integer[]) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM crf_completion_recount(pids);
END $$;
--> statement-breakpoint
CREATE FUNCTION crf_completion_refresh(pids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(pids), 0) = 0 THEN RETURN; END IF;
  IF cardinality(pids) <= 64 THEN
    PERFORM crf_completion_recount_few(pids);
  ELSE
    PERFORM crf_completion_recount(pids);
  END IF;
END $$;
--> statement-breakpoint
-- Every participant of the studies given, again.
CREATE FUNCTION crf_completion_refresh_studies(study_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh(ARRAY(SELECT p.id FROM participants p WHERE p.study_id = ANY (study_ids) ORDER BY p.id));
END $$;
--> statement-breakpoint
-- Every figure again from the base rows, counting days in `new_zone`.
CREATE FUNCTION crf_completion_rebuild(new_zone text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM now() AT TIME ZONE new_zone; -- refuses an unknown zone before anything is changed
  UPDATE crf_completion_settings SET zone = new_zone WHERE id = 1;
  DELETE FROM crf_completion_ledger;
  DELETE FROM crf_completion_facts;
  PERFORM crf_completion_refresh(ARRAY(SELECT id FROM participants ORDER BY id));
END $$;
--> statement-breakpoint
-- Statement-level for inserts and deletes (bulk writes: one refresh); row-level with WHEN for
-- updates, so that a save that changes only values counts nothing again.
CREATE FUNCTION crf_completion_new_rows_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh(ARRAY(SELECT DISTINCT participant_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION crf_completion_old_rows_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh(ARRAY(SELECT DISTINCT participant_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION crf_completion_row_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh(ARRAY[OLD.participant_id, NEW.participant_id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crf_completion_instances_ins AFTER INSERT ON crf_form_instances REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_new_rows_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_instances_del AFTER DELETE ON crf_form_instances REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_old_rows_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_instances_upd AFTER UPDATE ON crf_form_instances FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.event_date IS DISTINCT FROM NEW.event_date OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.participant_id <> NEW.participant_id OR OLD.event_id <> NEW.event_id OR OLD.form_id <> NEW.form_id OR OLD.repeat <> NEW.repeat)
  EXECUTE FUNCTION crf_completion_row_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_visits_ins AFTER INSERT ON participant_visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_new_rows_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_visits_del AFTER DELETE ON participant_visits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_old_rows_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_visits_upd AFTER UPDATE ON participant_visits FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.window_end IS DISTINCT FROM NEW.window_end
    OR OLD.visit_definition_id <> NEW.visit_definition_id OR OLD.participant_id <> NEW.participant_id)
  EXECUTE FUNCTION crf_completion_row_trg();
--> statement-breakpoint
CREATE FUNCTION crf_completion_participant_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM crf_completion_refresh(ARRAY[OLD.id]);
  ELSE
    PERFORM crf_completion_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crf_completion_participants_upd AFTER UPDATE ON participants FOR EACH ROW
  WHEN (OLD.centre_id IS DISTINCT FROM NEW.centre_id OR OLD.study_id IS DISTINCT FROM NEW.study_id)
  EXECUTE FUNCTION crf_completion_participant_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_participants_del AFTER DELETE ON participants FOR EACH ROW
  EXECUTE FUNCTION crf_completion_participant_trg();
--> statement-breakpoint
-- Design: the forms an event collects, an event's kind or visit code, a visit definition's code.
CREATE FUNCTION crf_completion_event_forms_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM crf_completion_refresh_studies(ARRAY(SELECT DISTINCT e.study_id FROM crf_events e WHERE e.id IN (SELECT event_id FROM new_rows) AND e.kind = 'scheduled'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM crf_completion_refresh_studies(ARRAY(SELECT DISTINCT e.study_id FROM crf_events e WHERE e.id IN (SELECT event_id FROM old_rows) AND e.kind = 'scheduled'));
  ELSE
    PERFORM crf_completion_refresh_studies(ARRAY(SELECT DISTINCT e.study_id FROM crf_events e WHERE e.id IN (SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crf_completion_event_forms_ins AFTER INSERT ON crf_event_forms REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_event_forms_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_event_forms_del AFTER DELETE ON crf_event_forms REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_event_forms_trg();
--> statement-breakpoint
CREATE TRIGGER crf_completion_event_forms_upd AFTER UPDATE ON crf_event_forms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crf_completion_event_forms_trg();
--> statement-breakpoint
CREATE FUNCTION crf_completion_event_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh_studies(ARRAY[OLD.study_id, NEW.study_id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crf_completion_events_upd AFTER UPDATE ON crf_events FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.visit_code IS DISTINCT FROM NEW.visit_code OR OLD.study_id <> NEW.study_id)
  EXECUTE FUNCTION crf_completion_event_trg();
--> statement-breakpoint
CREATE FUNCTION crf_completion_visit_definition_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crf_completion_refresh(ARRAY(SELECT v.participant_id FROM participant_visits v WHERE v.visit_definition_id = NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crf_completion_visit_definitions_upd AFTER UPDATE ON visit_definitions FOR EACH ROW
  WHEN (OLD.code IS DISTINCT FROM NEW.code)
  EXECUTE FUNCTION crf_completion_visit_definition_trg();
--> statement-breakpoint
SELECT crf_completion_refresh(ARRAY(SELECT id FROM participants ORDER BY id));
