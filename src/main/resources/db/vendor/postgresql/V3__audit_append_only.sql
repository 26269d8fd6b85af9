-- The application's role may read and append audit entries, never change or remove them
-- (docs/audit.md, "Append-only"). Run migrations as the schema owner and the gateway as
-- ${application_role}; the grants then hold. The trigger also stops the owner, short of dropping it,
-- which an external checkpoint would reveal.
REVOKE ALL ON audit_entry FROM PUBLIC;
GRANT SELECT, INSERT ON audit_entry TO "${application_role}";
GRANT SELECT, UPDATE ON audit_head TO "${application_role}";
GRANT SELECT, INSERT, UPDATE ON exchange TO "${application_role}";

CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
