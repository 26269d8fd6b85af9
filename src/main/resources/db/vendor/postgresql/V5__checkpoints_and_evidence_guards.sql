-- What the application's role may do with the tables of V4 (docs/audit.md, "Append-only"):
-- checkpoints and trust material are only ever added; evidence is added and, at the end of its
-- retention, emptied (the trigger allows nothing else).
REVOKE ALL ON audit_checkpoint, audit_acknowledgement, evidence, trust_material, person_index FROM PUBLIC;
GRANT SELECT, INSERT ON audit_checkpoint TO "${application_role}";
GRANT SELECT, INSERT ON audit_acknowledgement TO "${application_role}";
GRANT SELECT, INSERT, UPDATE ON evidence TO "${application_role}";
GRANT SELECT, INSERT ON trust_material TO "${application_role}";
GRANT SELECT, INSERT ON person_index TO "${application_role}";

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_acknowledgement_append_only BEFORE UPDATE OR DELETE ON audit_acknowledgement
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE FUNCTION evidence_only_destroy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.destroyed_at IS NOT NULL OR NEW.destroyed_at IS NULL
            OR NEW.sealed_content IS NOT NULL OR NEW.signed_content IS NOT NULL
            OR (NEW.id, NEW.exchange_id, NEW.direction, NEW.partner_code, NEW.suite, NEW.stored_at, NEW.retain_until,
                NEW.sealed_digest, NEW.signed_digest, NEW.crl_digests, NEW.archive_key)
               IS DISTINCT FROM
               (OLD.id, OLD.exchange_id, OLD.direction, OLD.partner_code, OLD.suite, OLD.stored_at, OLD.retain_until,
                OLD.sealed_digest, OLD.signed_digest, OLD.crl_digests, OLD.archive_key) THEN
        RAISE EXCEPTION 'evidence is only ever destroyed, never changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_only_destroyed BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_only_destroy();
