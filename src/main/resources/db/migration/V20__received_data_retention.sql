-- What partners give us is kept no longer than its retention: the annex's, cut short by any date the
-- partner's caveats set. Disclosures received before this column existed keep the default two years.
ALTER TABLE received_disclosure ADD COLUMN retain_until TIMESTAMP WITH TIME ZONE;
UPDATE received_disclosure SET retain_until = received_at + INTERVAL '2 years';
ALTER TABLE received_disclosure ALTER COLUMN retain_until SET NOT NULL;
CREATE INDEX ix_received_disclosure_retention ON received_disclosure (retain_until);
CREATE INDEX ix_received_answer_retention ON received_answer (retain_until);

-- The partner's caveat codes (comma-separated), so that views and exports say how the data must be
-- handled without decrypting it; the caveats' free text stays in the encrypted document.
ALTER TABLE received_answer ADD COLUMN caveats VARCHAR(512);
ALTER TABLE received_disclosure ADD COLUMN caveats VARCHAR(512);
