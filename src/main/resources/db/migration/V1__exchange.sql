-- One row per exchange: a request and its response, or one proactive disclosure.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
CREATE TABLE exchange (
    id               UUID                     NOT NULL,
    partner_code     VARCHAR(32)              NOT NULL,
    direction        VARCHAR(24)              NOT NULL,
    message_id       VARCHAR(64)              NOT NULL,
    state            VARCHAR(32)              NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_exchange PRIMARY KEY (id),
    -- A partner's message id names one exchange for ever: a redelivered or resent message finds it
    -- instead of creating a second decision.
    CONSTRAINT uq_exchange_partner_message UNIQUE (partner_code, direction, message_id),
    CONSTRAINT ck_exchange_direction CHECK (direction IN ('INBOUND_QUERY', 'OUTBOUND_QUERY', 'INBOUND_DISCLOSURE', 'OUTBOUND_DISCLOSURE'))
);

CREATE INDEX ix_exchange_state ON exchange (state, updated_at);
