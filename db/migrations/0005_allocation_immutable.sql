-- An allocation list entry is assigned once and never changes afterwards; entries are never deleted.
CREATE OR REPLACE FUNCTION allocation_entries_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'allocation_entries rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.participant_id IS NOT NULL THEN
    RAISE EXCEPTION 'allocation entry % is assigned and cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.arm_id <> OLD.arm_id OR NEW.stratum_key <> OLD.stratum_key OR NEW.position <> OLD.position OR NEW.study_id <> OLD.study_id THEN
    RAISE EXCEPTION 'allocation entry % may only be assigned', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER allocation_entries_guard
  BEFORE UPDATE OR DELETE ON allocation_entries
  FOR EACH ROW EXECUTE FUNCTION allocation_entries_guard();
