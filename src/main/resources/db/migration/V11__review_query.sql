-- A case waiting for review keeps the query as asked (its legal basis is already in legal_basis), so
-- that an officer's approval is decided again on it with the person's record as it stands then.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE exchange ADD COLUMN query_purpose VARCHAR(64);
ALTER TABLE exchange ADD COLUMN query_requested VARCHAR(512);
ALTER TABLE exchange ADD COLUMN query_justified BOOLEAN;
