-- Dashboard figures (lib/metrics) count enrolment at the enrolling site by date: with this index
-- a regional or site view reads only its own sites' participants instead of all of them.
CREATE INDEX IF NOT EXISTS "participants_enrol_site_idx" ON "participants" USING btree ("enrol_site_id", "enrolled_on");
