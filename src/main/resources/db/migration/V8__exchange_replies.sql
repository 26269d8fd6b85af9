-- What the gateway answered, kept with the exchange so that a redelivered or resent message gets the
-- same bytes again instead of a second decision (docs/protocol.md section 4.7), and the processing
-- faults counted per message so that a message the gateway cannot process is dead-lettered after a
-- limit while an outage of the database or broker never uses that limit up.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- SHA-256 of the sealed bytes as they arrived: a redelivery is recognised before any private-key operation.
ALTER TABLE exchange ADD COLUMN sealed_digest CHAR(64);
-- SHA-256 of the signed payload: the same message id with another payload is a conflict, not a resend.
ALTER TABLE exchange ADD COLUMN payload_digest CHAR(64);
-- ALLOW, PARTIAL, REFUSE, PENDING_REVIEW, ERROR (an errorReply was sent), RECEIPT, QUARANTINED.
ALTER TABLE exchange ADD COLUMN outcome VARCHAR(24);
ALTER TABLE exchange ADD COLUMN reason_code VARCHAR(64);
ALTER TABLE exchange ADD COLUMN reply_message_id VARCHAR(64);
ALTER TABLE exchange ADD COLUMN reply_kind VARCHAR(32);
-- The messageId the reply answers (its JMSCorrelationID), when the refused message's id could be read.
ALTER TABLE exchange ADD COLUMN reply_correlation_id VARCHAR(64);
-- The reply exactly as sealed (encrypted to the partner): sent again, never rebuilt.
ALTER TABLE exchange ADD COLUMN reply_sealed BYTEA;
-- For a case waiting for an officer: the matched person (an internal id) and the elements proposed.
ALTER TABLE exchange ADD COLUMN subject_person UUID;
ALTER TABLE exchange ADD COLUMN review_elements VARCHAR(200);
ALTER TABLE exchange ADD COLUMN legal_basis VARCHAR(64);

CREATE INDEX ix_exchange_sealed ON exchange (partner_code, sealed_digest);

-- The final answer after an officer's review: committed with the review, then sent by the outbox.
CREATE TABLE outbox (
    id               UUID                     NOT NULL,
    exchange_id      UUID                     NOT NULL,
    partner_code     VARCHAR(32)              NOT NULL,
    destination      VARCHAR(128)             NOT NULL,
    message_kind     VARCHAR(32)              NOT NULL,
    message_id       VARCHAR(64)              NOT NULL,
    correlation_id   VARCHAR(64),
    sealed           BYTEA                    NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_outbox PRIMARY KEY (id),
    CONSTRAINT fk_outbox_exchange FOREIGN KEY (exchange_id) REFERENCES exchange (id)
);

CREATE INDEX ix_outbox_unsent ON outbox (sent_at, created_at);

-- Processing faults (not outages) per inbound message, by the digest of its bytes.
CREATE TABLE delivery_fault (
    partner_code     VARCHAR(32)              NOT NULL,
    queue            VARCHAR(128)             NOT NULL,
    body_digest      CHAR(64)                 NOT NULL,
    faults           INT                      NOT NULL,
    last_fault       VARCHAR(200)             NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delivery_fault PRIMARY KEY (partner_code, queue, body_digest)
);

-- A partner's proactive disclosure, accepted under an annex that allows it: case information for the
-- officers, kept as the signed document it arrived as.
CREATE TABLE received_disclosure (
    exchange_id      UUID                     NOT NULL,
    partner_code     VARCHAR(32)              NOT NULL,
    legal_basis      VARCHAR(64)              NOT NULL,
    sender_reference VARCHAR(64)              NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    document         BYTEA                    NOT NULL,
    CONSTRAINT pk_received_disclosure PRIMARY KEY (exchange_id)
);
