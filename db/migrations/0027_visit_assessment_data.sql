-- The visit assessment (ECOG, weight, RECIST response) leaves participant_visits for the standard
-- CRF form `visit_assessment` (the same design as lib/crf/visit-assessment.ts; the next migration
-- drops the columns). For every study with a recorded visit: the scheduled events of its visits'
-- codes when missing, the form (version 1 under the protocol version in force, created by the PI)
-- with its section, items and choices, attached to every scheduled event; one form instance per
-- recorded visit, values as the entry rules store them (REDCap raw text: "2", "61.5", "SD",
-- "2025-01-12"), complete, or verified with the visit's SDV mark; every saved version of the visit
-- copied as a version of the instance (item names for field names, item paths for changed
-- fields, same changer, time and reason); queries on ECOG, weight and response moved to the
-- instance's item with their thread (answers keep their corrected version). Queries on the visit
-- date, status or missed reason stay on the visit, which keeps those facts. Works on an empty
-- database (every statement then touches no row). 'crf_form' is cast from text at run time: on a
-- new database the whole migration runs in one transaction, and PostgreSQL refuses a constant of
-- an enum value added in it (0021) as "unsafe use of new value".
CREATE TEMP TABLE va_visits AS
SELECT v.id AS visit_id, v.participant_id, v.study_id, d.id AS def_id, d.code AS visit_code, d.ordinal AS visit_ordinal, d.name_zh, d.name_en,
  v.visit_date, v.ecog, v.weight_kg, v.tumour_response, v.version, v.recorded_by, v.recorded_at, v.sdv_by, v.sdv_at, v.created_at
FROM participant_visits v JOIN visit_definitions d ON d.id = v.visit_definition_id
WHERE v.visit_date IS NOT NULL OR v.ecog IS NOT NULL OR v.weight_kg IS NOT NULL OR v.tumour_response IS NOT NULL;
--> statement-breakpoint
INSERT INTO crf_events (study_id, name, kind, visit_code, ordinal, label_zh, label_en)
SELECT c.study_id,
  CASE WHEN EXISTS (SELECT 1 FROM crf_events e WHERE e.study_id = c.study_id AND e.name = c.ev_name) THEN c.ev_name || '_' || c.def_id ELSE c.ev_name END,
  'scheduled', c.visit_code,
  (SELECT coalesce(max(e.ordinal), 0) FROM crf_events e WHERE e.study_id = c.study_id) + row_number() OVER (PARTITION BY c.study_id ORDER BY c.visit_ordinal, c.visit_code),
  c.name_zh, c.name_en
FROM (
  SELECT DISTINCT ON (v.study_id, v.visit_code) v.study_id, v.visit_code, v.visit_ordinal, v.name_zh, v.name_en, v.def_id,
    CASE WHEN n.name ~ '^[a-z]' THEN n.name ELSE 'v_' || n.name END AS ev_name
  FROM va_visits v CROSS JOIN LATERAL (SELECT regexp_replace(lower(v.visit_code), '[^a-z0-9_]', '_', 'g') AS name) n
  WHERE NOT EXISTS (SELECT 1 FROM crf_events e WHERE e.study_id = v.study_id AND e.visit_code = v.visit_code)
  ORDER BY v.study_id, v.visit_code, v.def_id DESC
) c
ORDER BY c.study_id, c.visit_ordinal, c.visit_code;
--> statement-breakpoint
INSERT INTO crf_forms (study_id, name, ordinal, label_zh, label_en)
SELECT s.study_id, 'visit_assessment', coalesce((SELECT max(f.ordinal) FROM crf_forms f WHERE f.study_id = s.study_id), 0) + 1, '访视评估', 'Visit assessment'
FROM (SELECT DISTINCT study_id FROM va_visits) s
WHERE NOT EXISTS (SELECT 1 FROM crf_forms f WHERE f.study_id = s.study_id AND f.name = 'visit_assessment')
ORDER BY s.study_id;
--> statement-breakpoint
INSERT INTO crf_form_versions (form_id, version, protocol_version_id, created_by)
SELECT f.id, 1, pv.id, s.pi_user_id
FROM crf_forms f JOIN studies s ON s.id = f.study_id JOIN protocol_versions pv ON pv.study_id = s.id AND pv.version = s.current_protocol_version
WHERE f.name = 'visit_assessment' AND f.study_id IN (SELECT study_id FROM va_visits) AND NOT EXISTS (SELECT 1 FROM crf_form_versions x WHERE x.form_id = f.id)
ORDER BY f.id;
--> statement-breakpoint
CREATE TEMP TABLE va_versions AS
SELECT fv.id AS form_version_id FROM crf_form_versions fv JOIN crf_forms f ON f.id = fv.form_id
WHERE f.name = 'visit_assessment' AND f.study_id IN (SELECT study_id FROM va_visits) AND NOT EXISTS (SELECT 1 FROM crf_items i WHERE i.form_version_id = fv.id);
--> statement-breakpoint
INSERT INTO crf_sections (form_version_id, ordinal, label_zh, label_en)
SELECT form_version_id, 1, '访视评估', 'Visit assessment' FROM va_versions ORDER BY form_version_id;
--> statement-breakpoint
INSERT INTO crf_items (form_version_id, section_id, ordinal, name, type, validation, label_zh, label_en, note_zh, note_en, unit, decimal_places, required, hard_min, hard_max, missing_codes)
SELECT v.form_version_id, s.id, i.ord, i.name, i.type::crf_item_type, i.validation::crf_validation_type, i.zh, i.en, i.note_zh, i.note_en, i.unit, i.places, i.required, i.hard_min, i.hard_max, i.missing
FROM va_versions v JOIN crf_sections s ON s.form_version_id = v.form_version_id AND s.ordinal = 1
CROSS JOIN (VALUES
  (1, 'visit_date', 'date', 'date_ymd', '评估日期', 'Date of assessment', '即访视日期。', 'The date of the visit.', NULL, NULL::smallint, true, NULL, 'today', '{}'::text[]),
  (2, 'ecog', 'radio', NULL, 'ECOG 体能状态', 'ECOG performance status', NULL, NULL, NULL, NULL::smallint, false, NULL, NULL, '{ND}'::text[]),
  (3, 'weight_kg', 'decimal', 'number_1dp', '体重', 'Weight', NULL, NULL, 'kg', 1::smallint, false, '1', '400', '{ND}'::text[]),
  (4, 'recist', 'radio', NULL, '肿瘤疗效（RECIST 1.1）', 'Tumour response (RECIST 1.1)', NULL, NULL, NULL, NULL::smallint, false, NULL, NULL, '{ND,NA}'::text[])
) AS i(ord, name, type, validation, zh, en, note_zh, note_en, unit, places, required, hard_min, hard_max, missing)
ORDER BY v.form_version_id, i.ord;
--> statement-breakpoint
INSERT INTO crf_item_choices (item_id, ordinal, code, label_zh, label_en)
SELECT i.id, c.ord, c.code, c.zh, c.en
FROM crf_items i JOIN va_versions v ON v.form_version_id = i.form_version_id
JOIN (VALUES
  ('ecog', 1, '0', '0 – 活动完全正常，无任何限制', '0 – Fully active, no restrictions'),
  ('ecog', 2, '1', '1 – 剧烈活动受限，可从事轻体力工作', '1 – Restricted in strenuous activity, able to do light work'),
  ('ecog', 3, '2', '2 – 生活自理，不能工作，卧床时间少于一半', '2 – Ambulatory and capable of self-care, unable to work, up more than half of waking hours'),
  ('ecog', 4, '3', '3 – 生活仅部分自理，卧床时间超过一半', '3 – Capable of limited self-care, in bed or chair more than half of waking hours'),
  ('ecog', 5, '4', '4 – 完全失能，完全卧床', '4 – Completely disabled, totally confined to bed or chair'),
  ('ecog', 6, '5', '5 – 死亡', '5 – Dead'),
  ('recist', 1, 'CR', 'CR 完全缓解', 'CR complete response'),
  ('recist', 2, 'PR', 'PR 部分缓解', 'PR partial response'),
  ('recist', 3, 'SD', 'SD 疾病稳定', 'SD stable disease'),
  ('recist', 4, 'PD', 'PD 疾病进展', 'PD progressive disease'),
  ('recist', 5, 'NE', 'NE 无法评价', 'NE not evaluable')
) AS c(item, ord, code, zh, en) ON c.item = i.name
ORDER BY i.id, c.ord;
--> statement-breakpoint
INSERT INTO crf_event_forms (event_id, form_id, ordinal)
SELECT e.id, f.id, coalesce((SELECT max(x.ordinal) FROM crf_event_forms x WHERE x.event_id = e.id), 0) + 1
FROM crf_events e JOIN crf_forms f ON f.study_id = e.study_id AND f.name = 'visit_assessment'
WHERE e.kind = 'scheduled' AND e.study_id IN (SELECT study_id FROM va_visits) AND NOT EXISTS (SELECT 1 FROM crf_event_forms x WHERE x.event_id = e.id AND x.form_id = f.id)
ORDER BY e.id;
--> statement-breakpoint
CREATE TEMP TABLE va_source AS
SELECT DISTINCT ON (v.participant_id, e.id) v.*, e.id AS event_id, f.id AS form_id,
  (SELECT fv.id FROM crf_form_versions fv WHERE fv.form_id = f.id ORDER BY fv.version DESC LIMIT 1) AS form_version_id,
  (SELECT r.changed_by FROM record_versions r WHERE r.entity_type = 'visit' AND r.entity_id = v.visit_id ORDER BY r.version LIMIT 1) AS first_by,
  (SELECT r.changed_at FROM record_versions r WHERE r.entity_type = 'visit' AND r.entity_id = v.visit_id ORDER BY r.version LIMIT 1) AS first_at,
  (SELECT max(r.version) FROM record_versions r WHERE r.entity_type = 'visit' AND r.entity_id = v.visit_id) AS last_version,
  s.pi_user_id
FROM va_visits v JOIN studies s ON s.id = v.study_id
JOIN crf_events e ON e.study_id = v.study_id AND e.kind = 'scheduled' AND e.visit_code = v.visit_code
JOIN crf_forms f ON f.study_id = v.study_id AND f.name = 'visit_assessment'
WHERE NOT EXISTS (SELECT 1 FROM crf_form_instances i WHERE i.participant_id = v.participant_id AND i.event_id = e.id AND i.form_id = f.id AND i.repeat = 1)
ORDER BY v.participant_id, e.id, v.visit_date DESC NULLS LAST, v.version DESC, v.visit_id;
--> statement-breakpoint
INSERT INTO crf_form_instances (participant_id, study_id, event_id, form_id, repeat, form_version_id, status, values, missing, version, entered_by,
  completed_at, event_date, verified_by, verified_at, created_at, updated_at)
SELECT s.participant_id, s.study_id, s.event_id, s.form_id, 1, s.form_version_id,
  (CASE WHEN s.sdv_at IS NOT NULL THEN 'verified' ELSE 'complete' END)::crf_form_instance_status,
  jsonb_strip_nulls(jsonb_build_object('visit_date', s.visit_date::text, 'ecog', s.ecog::text, 'weight_kg', s.weight_kg::text, 'recist', s.tumour_response::text)),
  '{}'::jsonb,
  greatest(coalesce(s.last_version, 0), 1),
  coalesce(s.first_by, s.recorded_by, s.pi_user_id),
  coalesce(s.recorded_at, s.first_at, s.created_at),
  s.visit_date,
  CASE WHEN s.sdv_at IS NOT NULL THEN s.sdv_by END, s.sdv_at,
  coalesce(s.first_at, s.recorded_at, s.created_at),
  coalesce(s.recorded_at, s.first_at, s.created_at)
FROM va_source s
WHERE s.form_version_id IS NOT NULL
ORDER BY s.participant_id, s.event_id;
--> statement-breakpoint
CREATE TEMP TABLE va_map AS
SELECT s.visit_id, i.id AS instance_id, s.study_id, s.participant_id
FROM va_source s JOIN crf_form_instances i ON i.participant_id = s.participant_id AND i.event_id = s.event_id AND i.form_id = s.form_id AND i.repeat = 1;
--> statement-breakpoint
INSERT INTO record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_fields, changed_by, changed_at, reason)
SELECT 'crf_form'::text::clinical_entity, m.instance_id, r.study_id, r.participant_id, r.version,
  jsonb_build_object(
    'values', jsonb_strip_nulls(jsonb_build_object(
      'visit_date', r.values->>'visitDate',
      'ecog', r.values->>'ecog',
      'weight_kg', round((r.values->>'weightKg')::numeric, 1)::text,
      'recist', r.values->>'tumourResponse')),
    'missing', '{}'::jsonb,
    'status', CASE WHEN r.values->>'status' = 'missed' THEN 'in_progress' ELSE 'complete' END),
  ARRAY(SELECT CASE u.f WHEN 'visitDate' THEN 'visit_date' WHEN 'weightKg' THEN 'weight_kg' WHEN 'tumourResponse' THEN 'recist' ELSE u.f END
        FROM unnest(r.changed_fields) AS u(f) WHERE u.f IN ('visitDate', 'ecog', 'weightKg', 'tumourResponse') ORDER BY 1),
  r.changed_by, r.changed_at, r.reason
FROM record_versions r JOIN va_map m ON m.visit_id = r.entity_id
WHERE r.entity_type = 'visit'
ORDER BY m.instance_id, r.version;
--> statement-breakpoint
INSERT INTO record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_fields, changed_by, changed_at, reason)
SELECT 'crf_form'::text::clinical_entity, i.id, i.study_id, i.participant_id, 1, jsonb_build_object('values', i.values, 'missing', '{}'::jsonb, 'status', 'complete'), '{}'::text[], i.entered_by, i.created_at, NULL
FROM va_map m JOIN crf_form_instances i ON i.id = m.instance_id
WHERE NOT EXISTS (SELECT 1 FROM record_versions r WHERE r.entity_type = 'visit' AND r.entity_id = m.visit_id)
ORDER BY i.id;
--> statement-breakpoint
CREATE TEMP TABLE va_queries AS
SELECT q.id AS query_id, m.instance_id, CASE q.field WHEN 'weightKg' THEN 'weight_kg' WHEN 'tumourResponse' THEN 'recist' ELSE q.field END AS item
FROM queries q JOIN va_map m ON m.visit_id = q.entity_id
WHERE q.entity_type = 'visit' AND q.field IN ('ecog', 'weightKg', 'tumourResponse');
--> statement-breakpoint
UPDATE query_events qe SET record_version_id = nr.id
FROM va_queries vq, record_versions orv, record_versions nr
WHERE qe.query_id = vq.query_id AND orv.id = qe.record_version_id AND orv.entity_type = 'visit'
  AND nr.entity_type::text = 'crf_form' AND nr.entity_id = vq.instance_id AND nr.version = orv.version;
--> statement-breakpoint
UPDATE queries q SET entity_type = 'crf_form'::text::clinical_entity, entity_id = vq.instance_id, field = vq.item
FROM va_queries vq WHERE q.id = vq.query_id;
--> statement-breakpoint
UPDATE notifications n SET params = n.params || jsonb_build_object('record', 'crf_form', 'field', vq.item)
FROM va_queries vq WHERE n.entity_type = 'query' AND n.entity_id = vq.query_id AND n.params ? 'record';
--> statement-breakpoint
UPDATE record_versions SET values = values - 'ecog' - 'weightKg' - 'tumourResponse',
  changed_fields = ARRAY(SELECT u.f FROM unnest(changed_fields) AS u(f) WHERE u.f NOT IN ('ecog', 'weightKg', 'tumourResponse'))
WHERE entity_type = 'visit' AND values ?| array['ecog', 'weightKg', 'tumourResponse'];
--> statement-breakpoint
DROP TABLE va_queries;
--> statement-breakpoint
DROP TABLE va_map;
--> statement-breakpoint
DROP TABLE va_source;
--> statement-breakpoint
DROP TABLE va_versions;
--> statement-breakpoint
DROP TABLE va_visits;
