-- Dashboard facts, second form (0012 is the first; its triggers stay and call these functions):
-- - every fact is also counted in an all-time bucket (grain 0, bucket 0001-01-01), so that
--   "everything up to a day" is read as all time less what came after that day — one row per
--   centre and study for a view that ends today;
-- - counters, histograms and specimens are also kept for all studies of a centre together,
--   under study_id -1, for the views that count every study (a quarter of the rows).
-- Locking, as before, takes the metric_site_state rows of every (centre, study) a statement
-- touches — now including (centre, -1) — in key order, before any fact row.

CREATE OR REPLACE FUNCTION metric_buckets(d date) RETURNS TABLE (grain smallint, bucket date) LANGUAGE sql IMMUTABLE AS $$
  VALUES (1::smallint, d), (2::smallint, date_trunc('month', d::timestamp)::date), (3::smallint, date_trunc('year', d::timestamp)::date),
    (0::smallint, date '0001-01-01')
$$;
--> statement-breakpoint
-- The keys a fact is counted under: its own study, and -1 (all studies of the centre).
CREATE FUNCTION metric_study_keys(study integer) RETURNS TABLE (study_id integer) LANGUAGE sql IMMUTABLE AS $$
  VALUES (study), (-1)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_enrol_apply(deltas metric_enrol_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  -- Queue behind other writers of the same centre and study, and of the centre (see the top of 0012).
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, k.study_id FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;

  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, enrolled, enrolled_withdrawn)
  SELECT b.grain, b.bucket, r.centre_id, k.study_id, sum(r.sign), sum(r.sign * r.withdrawn::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k CROSS JOIN LATERAL metric_buckets(r.enrolled_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.withdrawn::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET enrolled = f.enrolled + excluded.enrolled, enrolled_withdrawn = f.enrolled_withdrawn + excluded.enrolled_withdrawn;

  INSERT INTO metric_enrol_days AS h (grain, bucket, centre_id, study_id, days, n)
  SELECT b.grain, b.bucket, r.centre_id, k.study_id, r.days, sum(r.sign)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k CROSS JOIN LATERAL metric_buckets(r.enrolled_on) b
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, centre_id, study_id, days) DO UPDATE SET n = h.n + excluded.n;

  -- The site's last enrolment, read from its day facts now that its state row is locked.
  UPDATE metric_site_state s SET last_enrolled_on = (
      SELECT max(f.bucket) FROM metric_facts f
      WHERE f.grain = 1 AND f.centre_id = s.centre_id AND f.study_id = s.study_id AND f.enrolled > 0)
  WHERE (s.centre_id, s.study_id) IN (SELECT r.centre_id, r.study_id FROM unnest(deltas) r);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_ae_apply(deltas metric_ae_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, k.study_id FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;

  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, aes, saes, late_saes)
  SELECT b.grain, b.bucket, r.centre_id, k.study_id, sum(r.sign), sum(r.sign * r.serious::int), sum(r.sign * r.late::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k CROSS JOIN LATERAL metric_buckets(r.onset_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.serious::int) <> 0 OR sum(r.sign * r.late::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET aes = f.aes + excluded.aes, saes = f.saes + excluded.saes, late_saes = f.late_saes + excluded.late_saes;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_query_apply(deltas metric_query_row[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z text := metric_zone();
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, k.study_id FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;

  -- Not closed now (per study only): the counts, and the oldest (a query added can only make it older).
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
  SELECT b.grain, b.bucket, e.centre_id, k.study_id, sum(e.opened), sum(e.closed)
  FROM (
    SELECT r.centre_id, r.study_id, (r.opened_at AT TIME ZONE z)::date AS day, r.sign AS opened, 0 AS closed FROM unnest(deltas) r
    UNION ALL
    SELECT r.centre_id, r.study_id, (r.closed_at AT TIME ZONE z)::date, 0, r.sign FROM unnest(deltas) r WHERE r.closed_at IS NOT NULL
  ) e CROSS JOIN LATERAL metric_study_keys(e.study_id) k CROSS JOIN LATERAL metric_buckets(e.day) b
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
CREATE OR REPLACE FUNCTION metric_screenings_apply(deltas metric_screening_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, k.study_id FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;

  INSERT INTO metric_facts AS f (grain, bucket, centre_id, study_id, screened, screen_failed)
  SELECT b.grain, b.bucket, r.centre_id, k.study_id, sum(r.sign), sum(r.sign * r.failed::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k CROSS JOIN LATERAL metric_buckets(r.screened_on) b
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.failed::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, centre_id, study_id) DO UPDATE
    SET screened = f.screened + excluded.screened, screen_failed = f.screen_failed + excluded.screen_failed;

  -- Reasons stay per study (they are listed by study).
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
CREATE OR REPLACE FUNCTION metric_specimens_apply(deltas metric_specimen_row[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO metric_site_state AS s (centre_id, study_id)
  SELECT DISTINCT r.centre_id, k.study_id FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k ORDER BY 1, 2
  ON CONFLICT (centre_id, study_id) DO UPDATE SET last_enrolled_on = s.last_enrolled_on;

  INSERT INTO metric_specimens AS m (grain, bucket, centre_id, study_id, type, collected, of_participants)
  SELECT b.grain, b.bucket, r.centre_id, k.study_id, r.type, sum(r.sign), sum(r.sign * r.of_participant::int)
  FROM unnest(deltas) r CROSS JOIN LATERAL metric_study_keys(r.study_id) k CROSS JOIN LATERAL metric_buckets(r.collected_on) b
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0 OR sum(r.sign * r.of_participant::int) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, centre_id, study_id, type) DO UPDATE
    SET collected = m.collected + excluded.collected, of_participants = m.of_participants + excluded.of_participants;
END;
$$;
--> statement-breakpoint
-- The facts in their new form, from the base rows.
SELECT metric_rebuild(metric_zone());
