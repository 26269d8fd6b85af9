-- Received proactive disclosures are encrypted at rest with the archive key, as evidence is; the key id
-- says which archive key. A row without one was written before, in the clear: no gateway writes such
-- rows any more, and none are expected outside development data folders.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE received_disclosure ADD COLUMN archive_key VARCHAR(64);
