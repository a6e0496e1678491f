-- Dashboard facts (db/schema/metrics-facts.ts), kept exact by the database itself: statement
-- triggers on every base table a figure counts subtract the old rows' contributions and add the
-- new rows', in the same transaction as the write, so no command can forget one. Upserts add
-- (`n = n + excluded.n`), which is safe when transactions run side by side on PostgreSQL; the
-- two figures that are not sums (a site's last enrolment, the oldest query not closed) are read
-- back in a later statement, once their row is locked, so its snapshot includes every
-- transaction that held the lock before. Every change to the facts of a centre and study first
-- locks that pair's metric_site_state row, the pairs of one statement in key order: writers of
-- the same pair queue there, before they hold any day, month or year row the other may need
-- (without it, two enrolments a day apart deadlocked on each other's day rows). metric_rebuild()
-- recomputes everything from the base rows; it also backfills at the end of this migration.

-- The network day of the timestamp facts is counted in this zone (lib/metrics/facts-zone.ts
-- rebuilds the facts when NETWORK_TIME_ZONE names another one).
INSERT INTO metric_settings (id, zone) VALUES (1, 'Asia/Shanghai') ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION metric_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT zone FROM metric_settings WHERE id = 1
$$;
--> statement-breakpoint
-- The three buckets a fact of day d is counted in: the day, its month, its year.
CREATE FUNCTION metric_buckets(d date) RETURNS TABLE (grain smallint, bucket date) LANGUAGE sql IMMUTABLE AS $$
  VALUES (1::smallint, d), (2::smallint, date_trunc('month', d::timestamp)::date), (3::smallint, date_trunc('year', d::timestamp)::date)
$$;
--> statement-breakpoint
-- One participant's enrolment as counted: at the enrolling site's centre, on the enrolment day.
CREATE TYPE metric_enrol_row AS (centre_id integer, study_id integer, enrolled_on date, withdrawn boolean, days integer, sign integer);
--> statement-breakpoint
-- One adverse event as counted: at the participant's current centre, on the onset day.
CREATE TYPE metric_ae_row AS (centre_id integer, study_id integer, onset_on date, serious boolean, late boolean, sign integer);
--> statement-breakpoint
-- One screening as counted: at the screening's centre, on the screening day.
CREATE TYPE metric_screening_row AS (centre_id integer, study_id integer, screened_on date, failed boolean, protocol_version integer, failed_codes text[], sign integer);
--> statement-breakpoint
-- One query as counted: at the participant's current centre.
CREATE TYPE metric_query_row AS (centre_id integer, study_id integer, status query_status, opened_at timestamptz, closed_at timestamptz, sign integer);
--> statement-breakpoint
CREATE FUNCTION metric_enrol_apply(deltas metric_enrol_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Queue behind other writers of the same centre and study (see the top of this file).
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, r.study_id FROM unnest(deltas) r ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;
  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, enrolled, enrolled_withdrawn)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, sum(r.sign), sum(r.sign * r.withdrawn::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_buckets(r.enrolled_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.withdrawn::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET enrolled = f.enrolled + excluded.enrolled, enrolled_withdrawn = f.enrolled_withdrawn + excluded.enrolled_withdrawn;

  INSERT INTO metric_enrol_days AS h (grain, bucket, centre_id, study_id, days, n)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, r.days, sum(r.sign)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_buckets(r.enrolled_on) b
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, centre_id, study_id, days) DO UPDATE SET n = h.n + excluded.n;

  -- The site's last enrolment, read from the day facts now that its state row is locked.
  UPDATE metric_site_state s SET last_enrolled_on = (
      SELECT max(f.bucket) FROM metric_facts f
      WHERE f.grain = 1 AND f.centre_id = s.centre_id AND f.study_id = s.study_id AND f.enrolled > 0)
  WHERE (s.centre_id, s.study_id) IN (SELECT r.centre_id, r.study_id FROM unnest(deltas) r);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION metric_ae_apply(deltas metric_ae_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Queue behind other writers of the same centre and study (see the top of this file).
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, r.study_id FROM unnest(deltas) r ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;
  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, aes, saes, late_saes)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, sum(r.sign), sum(r.sign * r.serious::int), sum(r.sign * r.late::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_buckets(r.onset_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.serious::int) <> 0 OR sum(r.sign * r.late::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET aes = f.aes + excluded.aes, saes = f.saes + excluded.saes, late_saes = f.late_saes + excluded.late_saes;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION metric_query_apply(deltas metric_query_row[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z text := metric_zone();
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Not closed now: the counts, and the oldest (a query added can only make it older). This
  -- upsert also locks the pair's state row before any fact row (see the top of this file).
  INSERT INTO metric_site_state AS s (centre_id, study_id, open_queries, answered_queries, oldest_unclosed_at)
  SELECT r.centre_id, r.study_id, sum(r.sign * (r.status = 'open')::int), sum(r.sign * (r.status = 'answered')::int),
    min(r.opened_at) FILTER (WHERE r.sign > 0 AND r.status <> 'closed')
  FROM unnest(deltas) r
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE
    SET open_queries = s.open_queries + excluded.open_queries,
      answered_queries = s.answered_queries + excluded.answered_queries,
      oldest_unclosed_at = least(s.oldest_unclosed_at, excluded.oldest_unclosed_at);
  -- Raised and closed, by the network day of each.
  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, queries_opened, queries_closed)
  SELECT b.grain, b.bucket, e.centre_id, e.study_id, sum(e.opened), sum(e.closed)
  FROM (
    SELECT r.centre_id, r.study_id, (r.opened_at AT TIME ZONE z)::date AS day, r.sign AS opened, 0 AS closed FROM unnest(deltas) r
    UNION ALL
    SELECT r.centre_id, r.study_id, (r.closed_at AT TIME ZONE z)::date, 0, r.sign FROM unnest(deltas) r WHERE r.closed_at IS NOT NULL
  ) e CROSS JOIN LATERAL metric_buckets(e.day) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(e.opened) <> 0 OR sum(e.closed) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET queries_opened = f.queries_opened + excluded.queries_opened, queries_closed = f.queries_closed + excluded.queries_closed;

  -- A query that stopped counting may have been the oldest: read it again (the row is locked).
  UPDATE metric_site_state s SET oldest_unclosed_at = (
      SELECT min(q.opened_at) FROM queries q JOIN participants p ON p.id = q.participant_id
      WHERE q.study_id = s.study_id AND p.centre_id = s.centre_id AND q.status <> 'closed')
  WHERE (s.centre_id, s.study_id) IN (SELECT r.centre_id, r.study_id FROM unnest(deltas) r WHERE r.sign < 0 AND r.status <> 'closed');
END;
$$;
--> statement-breakpoint
-- One specimen collection as counted: at the collecting centre, on the network day of collection.
CREATE TYPE metric_specimen_row AS (centre_id integer, study_id integer, type specimen_type, collected_on date, of_participant boolean, sign integer);
--> statement-breakpoint
CREATE FUNCTION metric_screenings_apply(deltas metric_screening_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Queue behind other writers of the same centre and study (see the top of this file).
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, r.study_id FROM unnest(deltas) r ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;
  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, screened, screen_failed)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, sum(r.sign), sum(r.sign * r.failed::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_buckets(r.screened_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.failed::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET screened = f.screened + excluded.screened, screen_failed = f.screen_failed + excluded.screen_failed;

  INSERT INTO metric_screen_reasons AS m (grain, bucket, centre_id, study_id, protocol_version, code, n)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, r.protocol_version, c.code, sum(r.sign)
  FROM unnest(deltas) r
  CROSS JOIN LATERAL unnest(r.failed_codes) AS c(code)
  CROSS JOIN LATERAL metric_buckets(r.screened_on) b
  WHERE r.failed
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(r.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (grain, bucket, centre_id, study_id, protocol_version, code) DO UPDATE SET n = m.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION metric_specimens_apply(deltas metric_specimen_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Queue behind other writers of the same centre and study (see the top of this file).
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, r.study_id FROM unnest(deltas) r ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;
  INSERT INTO metric_specimens AS m (grain, bucket, centre_id, study_id, type, collected, of_participants)
  SELECT b.grain, b.bucket, r.centre_id, r.study_id, r.type, sum(r.sign), sum(r.sign * r.of_participant::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_buckets(r.collected_on) b
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.of_participant::int) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, centre_id, study_id, type) DO UPDATE
    SET collected = m.collected + excluded.collected, of_participants = m.of_participants + excluded.of_participants;
END;
$$;
--> statement-breakpoint
-- Each trigger function below serves the INSERT, UPDATE and DELETE triggers of its table. It
-- finds the rows whose counted columns changed (all rows for INSERT and DELETE), subtracts what
-- their old versions counted and adds what the new versions count. An UPDATE that touches no
-- counted column costs one comparison.
CREATE FUNCTION metric_screenings_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed integer[];
  d metric_screening_row[] := '{}';
  e metric_enrol_row[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT n.id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT o.id FROM old_rows o);
  ELSE
    changed := array(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.centre_id, o.study_id, o.screened_on, o.outcome, o.failed_codes, o.protocol_version)
        IS DISTINCT FROM (n.centre_id, n.study_id, n.screened_on, n.outcome, n.failed_codes, n.protocol_version));
  END IF;
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    d := d || array(
      SELECT row(o.centre_id, o.study_id, o.screened_on, o.outcome = 'screen_failed', o.protocol_version, o.failed_codes, -1)::metric_screening_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id);
    -- A participant's days from screening to enrolment follow its screening's day.
    e := e || array(
      SELECT row(ss.centre_id, p.study_id, p.enrolled_on, p.status = 'withdrawn', p.enrolled_on - o.screened_on, -1)::metric_enrol_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id
      JOIN participants p ON p.screening_id = o.id JOIN study_sites ss ON ss.id = p.enrol_site_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    d := d || array(
      SELECT row(n.centre_id, n.study_id, n.screened_on, n.outcome = 'screen_failed', n.protocol_version, n.failed_codes, 1)::metric_screening_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id);
    e := e || array(
      SELECT row(ss.centre_id, p.study_id, p.enrolled_on, p.status = 'withdrawn', p.enrolled_on - n.screened_on, 1)::metric_enrol_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id
      JOIN participants p ON p.screening_id = n.id JOIN study_sites ss ON ss.id = p.enrol_site_id);
  END IF;
  PERFORM metric_screenings_apply(d);
  PERFORM metric_enrol_apply(e);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Enrolments at the enrolling site's centre; when a participant moves to another centre, its
-- adverse events and queries move with it (follow-up is counted where the participant is followed).
CREATE FUNCTION metric_participants_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed integer[];
  moved integer[] := '{}';
  e metric_enrol_row[] := '{}';
  a metric_ae_row[] := '{}';
  q metric_query_row[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT n.id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT o.id FROM old_rows o);
    moved := changed;
  ELSE
    changed := array(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.study_id, o.enrol_site_id, o.screening_id, o.enrolled_on, o.status)
        IS DISTINCT FROM (n.study_id, n.enrol_site_id, n.screening_id, n.enrolled_on, n.status));
    moved := array(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.centre_id IS DISTINCT FROM n.centre_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    e := e || array(
      SELECT row(ss.centre_id, o.study_id, o.enrolled_on, o.status = 'withdrawn', o.enrolled_on - sc.screened_on, -1)::metric_enrol_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id
      JOIN study_sites ss ON ss.id = o.enrol_site_id JOIN screenings sc ON sc.id = o.screening_id);
    a := a || array(
      SELECT row(o.centre_id, x.study_id, x.onset_on, x.serious, x.serious AND x.report_late, -1)::metric_ae_row
      FROM old_rows o JOIN unnest(moved) c(id) ON c.id = o.id JOIN adverse_events x ON x.participant_id = o.id);
    q := q || array(
      SELECT row(o.centre_id, x.study_id, x.status, x.opened_at, x.closed_at, -1)::metric_query_row
      FROM old_rows o JOIN unnest(moved) c(id) ON c.id = o.id JOIN queries x ON x.participant_id = o.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    e := e || array(
      SELECT row(ss.centre_id, n.study_id, n.enrolled_on, n.status = 'withdrawn', n.enrolled_on - sc.screened_on, 1)::metric_enrol_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id
      JOIN study_sites ss ON ss.id = n.enrol_site_id JOIN screenings sc ON sc.id = n.screening_id);
    a := a || array(
      SELECT row(n.centre_id, x.study_id, x.onset_on, x.serious, x.serious AND x.report_late, 1)::metric_ae_row
      FROM new_rows n JOIN unnest(moved) c(id) ON c.id = n.id JOIN adverse_events x ON x.participant_id = n.id);
    q := q || array(
      SELECT row(n.centre_id, x.study_id, x.status, x.opened_at, x.closed_at, 1)::metric_query_row
      FROM new_rows n JOIN unnest(moved) c(id) ON c.id = n.id JOIN queries x ON x.participant_id = n.id);
  END IF;
  PERFORM metric_enrol_apply(e);
  PERFORM metric_ae_apply(a);
  PERFORM metric_query_apply(q);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A site's centre is where its participants' enrolments count: should it ever change, they move.
CREATE FUNCTION metric_study_sites_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_enrol_apply(array(
    SELECT row(o.centre_id, p.study_id, p.enrolled_on, p.status = 'withdrawn', p.enrolled_on - sc.screened_on, -1)::metric_enrol_row
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN participants p ON p.enrol_site_id = o.id JOIN screenings sc ON sc.id = p.screening_id
    WHERE o.centre_id IS DISTINCT FROM n.centre_id
    UNION ALL
    SELECT row(n.centre_id, p.study_id, p.enrolled_on, p.status = 'withdrawn', p.enrolled_on - sc.screened_on, 1)::metric_enrol_row
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN participants p ON p.enrol_site_id = n.id JOIN screenings sc ON sc.id = p.screening_id
    WHERE o.centre_id IS DISTINCT FROM n.centre_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Adverse events by onset day at the participant's current centre.
CREATE FUNCTION metric_adverse_events_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed integer[];
  a metric_ae_row[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT n.id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT o.id FROM old_rows o);
  ELSE
    changed := array(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.participant_id, o.study_id, o.onset_on, o.serious, o.report_late)
        IS DISTINCT FROM (n.participant_id, n.study_id, n.onset_on, n.serious, n.report_late));
  END IF;
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    a := a || array(
      SELECT row(p.centre_id, o.study_id, o.onset_on, o.serious, o.serious AND o.report_late, -1)::metric_ae_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id JOIN participants p ON p.id = o.participant_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    a := a || array(
      SELECT row(p.centre_id, n.study_id, n.onset_on, n.serious, n.serious AND n.report_late, 1)::metric_ae_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id JOIN participants p ON p.id = n.participant_id);
  END IF;
  PERFORM metric_ae_apply(a);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Queries raised and closed, and those not closed now, at the participant's current centre.
CREATE FUNCTION metric_queries_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed integer[];
  q metric_query_row[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT n.id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT o.id FROM old_rows o);
  ELSE
    changed := array(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.participant_id, o.study_id, o.status, o.opened_at, o.closed_at)
        IS DISTINCT FROM (n.participant_id, n.study_id, n.status, n.opened_at, n.closed_at));
  END IF;
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    q := q || array(
      SELECT row(p.centre_id, o.study_id, o.status, o.opened_at, o.closed_at, -1)::metric_query_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id JOIN participants p ON p.id = o.participant_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    q := q || array(
      SELECT row(p.centre_id, n.study_id, n.status, n.opened_at, n.closed_at, 1)::metric_query_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id JOIN participants p ON p.id = n.participant_id);
  END IF;
  PERFORM metric_query_apply(q);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Specimens collected (not aliquots) at the collecting centre, in the participant's study.
CREATE FUNCTION metric_specimens_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  z text := metric_zone();
  changed integer[];
  s metric_specimen_row[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT n.id FROM new_rows n WHERE n.parent_id IS NULL);
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT o.id FROM old_rows o WHERE o.parent_id IS NULL);
  ELSE
    changed := array(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.centre_id, o.type, o.collected_at, o.participant_id, o.parent_id IS NULL)
        IS DISTINCT FROM (n.centre_id, n.type, n.collected_at, n.participant_id, n.parent_id IS NULL));
  END IF;
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    s := s || array(
      SELECT row(o.centre_id, coalesce(p.study_id, 0), o.type, (o.collected_at AT TIME ZONE z)::date, o.participant_id IS NOT NULL, -1)::metric_specimen_row
      FROM old_rows o JOIN unnest(changed) c(id) ON c.id = o.id LEFT JOIN participants p ON p.id = o.participant_id
      WHERE o.parent_id IS NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    s := s || array(
      SELECT row(n.centre_id, coalesce(p.study_id, 0), n.type, (n.collected_at AT TIME ZONE z)::date, n.participant_id IS NOT NULL, 1)::metric_specimen_row
      FROM new_rows n JOIN unnest(changed) c(id) ON c.id = n.id LEFT JOIN participants p ON p.id = n.participant_id
      WHERE n.parent_id IS NULL);
  END IF;
  PERFORM metric_specimens_apply(s);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Every fact again from the base rows, counting timestamps in `new_zone`'s days. Used to backfill
-- (below), after a TRUNCATE of a base table, and when the network's time zone changes.
CREATE FUNCTION metric_rebuild(new_zone text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z text := new_zone;
BEGIN
  PERFORM now() AT TIME ZONE z; -- refuses an unknown zone before anything is changed
  -- Writers wait until the recount commits (their triggers would otherwise race it).
  LOCK TABLE screenings, participants, study_sites, adverse_events, queries, specimens IN SHARE MODE;
  INSERT INTO metric_settings (id, zone) VALUES (1, z) ON CONFLICT (id) DO UPDATE SET zone = excluded.zone;
  DELETE FROM metric_facts;
  DELETE FROM metric_enrol_days;
  DELETE FROM metric_screen_reasons;
  DELETE FROM metric_specimens;
  DELETE FROM metric_site_state;
  PERFORM metric_screenings_apply(array(
    SELECT row(s.centre_id, s.study_id, s.screened_on, s.outcome = 'screen_failed', s.protocol_version, s.failed_codes, 1)::metric_screening_row
    FROM screenings s));
  PERFORM metric_enrol_apply(array(
    SELECT row(ss.centre_id, p.study_id, p.enrolled_on, p.status = 'withdrawn', p.enrolled_on - sc.screened_on, 1)::metric_enrol_row
    FROM participants p JOIN study_sites ss ON ss.id = p.enrol_site_id JOIN screenings sc ON sc.id = p.screening_id));
  PERFORM metric_ae_apply(array(
    SELECT row(p.centre_id, a.study_id, a.onset_on, a.serious, a.serious AND a.report_late, 1)::metric_ae_row
    FROM adverse_events a JOIN participants p ON p.id = a.participant_id));
  PERFORM metric_query_apply(array(
    SELECT row(p.centre_id, q.study_id, q.status, q.opened_at, q.closed_at, 1)::metric_query_row
    FROM queries q JOIN participants p ON p.id = q.participant_id));
  PERFORM metric_specimens_apply(array(
    SELECT row(s.centre_id, coalesce(p.study_id, 0), s.type, (s.collected_at AT TIME ZONE z)::date, s.participant_id IS NOT NULL, 1)::metric_specimen_row
    FROM specimens s LEFT JOIN participants p ON p.id = s.participant_id WHERE s.parent_id IS NULL));
END;
$$;
--> statement-breakpoint
CREATE FUNCTION metric_rebuild_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_rebuild(metric_zone());
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metric_screenings_ins AFTER INSERT ON screenings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_screenings_trg();
--> statement-breakpoint
CREATE TRIGGER metric_screenings_upd AFTER UPDATE ON screenings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_screenings_trg();
--> statement-breakpoint
CREATE TRIGGER metric_screenings_del AFTER DELETE ON screenings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_screenings_trg();
--> statement-breakpoint
CREATE TRIGGER metric_participants_ins AFTER INSERT ON participants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_participants_trg();
--> statement-breakpoint
CREATE TRIGGER metric_participants_upd AFTER UPDATE ON participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_participants_trg();
--> statement-breakpoint
CREATE TRIGGER metric_participants_del AFTER DELETE ON participants REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_participants_trg();
--> statement-breakpoint
CREATE TRIGGER metric_study_sites_upd AFTER UPDATE ON study_sites REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_study_sites_trg();
--> statement-breakpoint
CREATE TRIGGER metric_adverse_events_ins AFTER INSERT ON adverse_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_adverse_events_trg();
--> statement-breakpoint
CREATE TRIGGER metric_adverse_events_upd AFTER UPDATE ON adverse_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_adverse_events_trg();
--> statement-breakpoint
CREATE TRIGGER metric_adverse_events_del AFTER DELETE ON adverse_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_adverse_events_trg();
--> statement-breakpoint
CREATE TRIGGER metric_queries_ins AFTER INSERT ON queries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_queries_trg();
--> statement-breakpoint
CREATE TRIGGER metric_queries_upd AFTER UPDATE ON queries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_queries_trg();
--> statement-breakpoint
CREATE TRIGGER metric_queries_del AFTER DELETE ON queries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_queries_trg();
--> statement-breakpoint
CREATE TRIGGER metric_specimens_ins AFTER INSERT ON specimens REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_specimens_trg();
--> statement-breakpoint
CREATE TRIGGER metric_specimens_upd AFTER UPDATE ON specimens REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_specimens_trg();
--> statement-breakpoint
CREATE TRIGGER metric_specimens_del AFTER DELETE ON specimens REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_specimens_trg();
--> statement-breakpoint
-- TRUNCATE fires no row or statement DELETE trigger: recount after one.
CREATE TRIGGER metric_screenings_truncate AFTER TRUNCATE ON screenings FOR EACH STATEMENT EXECUTE FUNCTION metric_rebuild_trg();
--> statement-breakpoint
CREATE TRIGGER metric_participants_truncate AFTER TRUNCATE ON participants FOR EACH STATEMENT EXECUTE FUNCTION metric_rebuild_trg();
--> statement-breakpoint
CREATE TRIGGER metric_adverse_events_truncate AFTER TRUNCATE ON adverse_events FOR EACH STATEMENT EXECUTE FUNCTION metric_rebuild_trg();
--> statement-breakpoint
CREATE TRIGGER metric_queries_truncate AFTER TRUNCATE ON queries FOR EACH STATEMENT EXECUTE FUNCTION metric_rebuild_trg();
--> statement-breakpoint
CREATE TRIGGER metric_specimens_truncate AFTER TRUNCATE ON specimens FOR EACH STATEMENT EXECUTE FUNCTION metric_rebuild_trg();
--> statement-breakpoint
-- "Withdrawn by the period's end" leaves out withdrawals after it: an index range over those only.
CREATE INDEX IF NOT EXISTS "participants_withdrawn_on_idx" ON "participants" USING btree ("withdrawn_on") WHERE "withdrawn_on" IS NOT NULL;
--> statement-breakpoint
SELECT metric_rebuild(metric_zone());
