-- H2 has no per-role grants worth the name in embedded mode, so a trigger refuses every change to an
-- audit entry, whoever asks (docs/audit.md, "Append-only").
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE, DELETE ON audit_entry FOR EACH ROW
    CALL 'org.caseexchange.gateway.audit.AppendOnlyTrigger';
