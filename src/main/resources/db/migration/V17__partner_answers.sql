-- The partner's answers to our queries arrive as messages of their own (direction INBOUND_ANSWER),
-- each with its own row, so a redelivery or resend finds it as any inbound message does.
ALTER TABLE exchange DROP CONSTRAINT ck_exchange_direction;
ALTER TABLE exchange ADD CONSTRAINT ck_exchange_direction CHECK (direction IN (
    'INBOUND_QUERY', 'OUTBOUND_QUERY', 'INBOUND_DISCLOSURE', 'OUTBOUND_DISCLOSURE', 'INBOUND_ANSWER'));

-- On our query's row: the partner's decision as it stands (its caseResponse, then its finalResponse
-- after a review on its side), its reason code when it refused, and the messageId of that answer.
ALTER TABLE exchange ADD COLUMN partner_decision VARCHAR(24);
ALTER TABLE exchange ADD COLUMN partner_reason_code VARCHAR(64);
ALTER TABLE exchange ADD COLUMN partner_answer_id VARCHAR(64);

-- What the partner answered, as the signed document it arrived as: personal data, so encrypted with
-- the archive key as evidence is; kept with our query until the retention the answer's caveats or
-- the annex set.
CREATE TABLE received_answer (
    exchange_id       UUID                     NOT NULL,
    query_exchange_id UUID                     NOT NULL,
    message_kind      VARCHAR(32)              NOT NULL,
    decision          VARCHAR(24)              NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    retain_until      TIMESTAMP WITH TIME ZONE NOT NULL,
    document          BYTEA                    NOT NULL,
    archive_key       VARCHAR(64)              NOT NULL,
    CONSTRAINT pk_received_answer PRIMARY KEY (exchange_id),
    CONSTRAINT fk_received_answer_query FOREIGN KEY (query_exchange_id) REFERENCES exchange (id)
);

CREATE INDEX ix_received_answer_query ON received_answer (query_exchange_id);

-- The partner's receipt for a message of ours in the outbox (a final response after our review).
ALTER TABLE outbox ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
-- The SHA-256 of the payload we signed, which the partner's receipt quotes back.
ALTER TABLE outbox ADD COLUMN payload_digest CHAR(64);

-- A proactive disclosure of ours: our case reference, written into the message when a second officer
-- confirms it (the person is subject_person, the elements query_requested).
ALTER TABLE exchange ADD COLUMN sender_reference VARCHAR(64);
