-- The tables of V4 under the same guard as the log (docs/audit.md, "Append-only"): checkpoints are
-- never changed or removed; evidence is only ever emptied at the end of its retention.
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint FOR EACH ROW
    CALL 'org.caseexchange.gateway.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_acknowledgement_append_only BEFORE UPDATE, DELETE ON audit_acknowledgement FOR EACH ROW
    CALL 'org.caseexchange.gateway.audit.AppendOnlyTrigger';
CREATE TRIGGER evidence_only_destroyed BEFORE UPDATE, DELETE ON evidence FOR EACH ROW
    CALL 'org.caseexchange.gateway.audit.EvidenceDestructionTrigger';
