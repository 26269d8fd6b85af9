-- What refused messages made us keep, per partner and day: the bytes kept as evidence, and the
-- messages (and their bytes) recorded by digest only once gateway.exchange.refused-evidence-per-day
-- was reached. Counted in the transaction that refuses the message.
CREATE TABLE refused_evidence_usage (
    partner_code        VARCHAR(32) NOT NULL,
    day                 DATE        NOT NULL,
    kept_bytes          BIGINT      DEFAULT 0 NOT NULL,
    not_kept_messages   BIGINT      DEFAULT 0 NOT NULL,
    not_kept_bytes      BIGINT      DEFAULT 0 NOT NULL,
    CONSTRAINT pk_refused_evidence_usage PRIMARY KEY (partner_code, day)
);
