-- TRUNCATE fires no row trigger, so every table of the audit log and its evidence refuses it with a
-- statement trigger of its own (audit_entry and audit_checkpoint had theirs). The head only moves
-- forward: a head set back is the start of a cut log, whoever does it.
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_acknowledgement_no_truncate BEFORE TRUNCATE ON audit_acknowledgement
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER trust_material_no_truncate BEFORE TRUNCATE ON trust_material
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER person_index_no_truncate BEFORE TRUNCATE ON person_index
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

CREATE FUNCTION audit_head_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq THEN
        RAISE EXCEPTION 'the audit head is append-only: it only moves forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward();
