-- The persons a query sent to review may be about, as matching scored them, best first: what an
-- officer confirms a possible match from, and what an auditor later sees the choice was made among.
-- Internal ids and scores only; no name, date or document is copied here. Written in the
-- transaction that inserts the exchange row, hence the deferred foreign key.
CREATE TABLE review_candidate (
    exchange_id        UUID             NOT NULL,
    ordinal            SMALLINT         NOT NULL,
    person_id          UUID             NOT NULL,
    score              DOUBLE PRECISION NOT NULL,
    name_score         DOUBLE PRECISION NOT NULL,
    birth_score        DOUBLE PRECISION NOT NULL,
    document_score     DOUBLE PRECISION NOT NULL,
    sex_score          DOUBLE PRECISION NOT NULL,
    nationality_score  DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_review_candidate PRIMARY KEY (exchange_id, ordinal),
    CONSTRAINT fk_review_candidate_exchange FOREIGN KEY (exchange_id) REFERENCES exchange (id)
        DEFERRABLE INITIALLY DEFERRED
);

-- The candidate an officer proposes as the person the query is about, when the rules found no single
-- match; a supervisor confirms it with the rest of the proposal.
ALTER TABLE review_proposal ADD COLUMN person_id UUID;
