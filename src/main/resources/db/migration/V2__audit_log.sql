-- The audit log (docs/audit.md): append-only, hash-chained entries, and the head of the chain.
-- Portable SQL: the same file runs on H2 and PostgreSQL; what keeps the rows unchanged differs per
-- database and lives in db/vendor/<database>/V3__audit_append_only.sql.
CREATE TABLE audit_entry (
    seq              BIGINT                   NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    event            VARCHAR(40)              NOT NULL,
    exchange_id      UUID,
    partner_code     VARCHAR(32),
    actor            VARCHAR(80)              NOT NULL,
    reason_code      VARCHAR(64),
    digests          VARCHAR(1000),
    decision         VARCHAR(4000),
    evidence_ref     VARCHAR(200),
    previous_hash    CHAR(64)                 NOT NULL,
    entry_hash       CHAR(64)                 NOT NULL,
    CONSTRAINT pk_audit_entry PRIMARY KEY (seq),
    CONSTRAINT ck_audit_entry_seq CHECK (seq >= 1)
);

CREATE INDEX ix_audit_entry_exchange ON audit_entry (exchange_id, seq);
CREATE INDEX ix_audit_entry_time ON audit_entry (recorded_at);

-- One row: the last entry's sequence number and hash. Appenders lock it, so the chain has one head
-- and contiguous sequence numbers however many threads append; it is the only audit row ever updated.
CREATE TABLE audit_head (
    id               INTEGER                  NOT NULL,
    seq              BIGINT                   NOT NULL,
    entry_hash       CHAR(64)                 NOT NULL,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single CHECK (id = 1)
);

INSERT INTO audit_head (id, seq, entry_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
