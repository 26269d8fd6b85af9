-- The console's local accounts: who may sign in, with which roles. Passwords are kept only as
-- Spring Security's encoded hashes ({argon2}…); failed sign-ins count towards a back-off and a lock-out.
CREATE TABLE console_account (
    username         VARCHAR(64)              NOT NULL,
    password_hash    VARCHAR(255)             NOT NULL,
    roles            VARCHAR(128)             NOT NULL,
    failed_sign_ins  INTEGER                  DEFAULT 0 NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_console_account PRIMARY KEY (username)
);

-- An officer's proposed verdict on a case sent to review, waiting for a supervisor (four-eyes). A
-- confirmed proposal becomes the exchange's review (reviewed_by the officer, confirmed_by the
-- supervisor) and its row goes; a rejected one goes and the case waits for a new proposal.
CREATE TABLE review_proposal (
    exchange_id      UUID                     NOT NULL,
    proposed_by      VARCHAR(64)              NOT NULL,
    approved         VARCHAR(200),
    refusal          VARCHAR(64),
    justification    VARCHAR(2000)            NOT NULL,
    proposed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_review_proposal PRIMARY KEY (exchange_id),
    CONSTRAINT fk_review_proposal_exchange FOREIGN KEY (exchange_id) REFERENCES exchange (id)
);
