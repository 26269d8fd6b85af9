-- Our own queries to a partner: the officer who asked, and the second officer who confirmed where the
-- rules ask for one.
ALTER TABLE exchange ADD COLUMN requested_by VARCHAR(64);
ALTER TABLE exchange ADD COLUMN confirmed_by VARCHAR(64);

-- A query waiting for a second officer: the caseQuery as written, encrypted with the archive key (it
-- names a person), removed once the query is sealed or refused.
CREATE TABLE pending_query (
    exchange_id      UUID                     NOT NULL,
    document         BYTEA                    NOT NULL,
    archive_key      VARCHAR(64)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_pending_query PRIMARY KEY (exchange_id),
    CONSTRAINT fk_pending_query_exchange FOREIGN KEY (exchange_id) REFERENCES exchange (id)
);
