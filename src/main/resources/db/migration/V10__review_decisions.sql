-- Who decided a case sent to review, when, and on what justification: the officer's reasons are part of
-- the exchange's record (the audit entry names the officer and the decision; the text stays here).
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE exchange ADD COLUMN reviewed_by VARCHAR(64);
ALTER TABLE exchange ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE exchange ADD COLUMN review_justification VARCHAR(2000);

-- One final answer per reviewed exchange, whatever happens between two officers.
CREATE UNIQUE INDEX ux_outbox_exchange ON outbox (exchange_id);
