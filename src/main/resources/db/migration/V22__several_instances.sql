-- Several gateway instances on one database. An instance claims the outbox rows it is about to send
-- until this time, so that no other sends them at once; a claim that outlives a crash lapses.
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- The locks of work that one instance does at a time (checkpoints, destruction at the end of
-- retention): ShedLock's table (net.javacrumbs.shedlock, JdbcTemplateLockProvider).
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT pk_shedlock PRIMARY KEY (name)
);
