-- A message of ours is sealed once and kept where it is sent from (the exchange's reply or the
-- outbox); its evidence keeps the SignedData and the sealed bytes' digest, and reads the sealed bytes
-- from there (audit.evidence.EvidenceStore). A partner's message keeps both, as before.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE evidence DROP CONSTRAINT ck_evidence_content;
ALTER TABLE evidence ADD CONSTRAINT ck_evidence_content CHECK (
    (destroyed_at IS NULL AND signed_content IS NOT NULL AND (sealed_content IS NOT NULL OR direction = 'OUTBOUND'))
    OR (destroyed_at IS NOT NULL AND sealed_content IS NULL AND signed_content IS NULL));
