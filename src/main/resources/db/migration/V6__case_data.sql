-- The persons our agency holds records about (docs/rules.md, "Case data"). Portable SQL: the same
-- file runs on H2 and PostgreSQL. Dates of birth may be partial (1987, 1987-04, 1987-04-12).

CREATE TABLE person (
    id                UUID                     NOT NULL,
    date_of_birth     VARCHAR(10),
    sex               VARCHAR(8)               NOT NULL,
    country_of_birth  CHAR(3),
    CONSTRAINT pk_person PRIMARY KEY (id),
    CONSTRAINT ck_person_sex CHECK (sex IN ('F', 'M', 'X', 'UNKNOWN'))
);

-- The name on record first (ordinal 0), then aliases and other transliterations.
CREATE TABLE person_name (
    person_id         UUID                     NOT NULL,
    ordinal           INT                      NOT NULL,
    family_name       VARCHAR(100)             NOT NULL,
    given_names       VARCHAR(100),
    original_script   VARCHAR(100),
    CONSTRAINT pk_person_name PRIMARY KEY (person_id, ordinal),
    CONSTRAINT fk_person_name_person FOREIGN KEY (person_id) REFERENCES person (id)
);

-- Blocking keys: a phonetic code of a family name with the year of birth, or with the first given
-- name's code; matching reads candidates by key instead of scanning every person.
CREATE TABLE person_match_key (
    match_key         VARCHAR(80)              NOT NULL,
    person_id         UUID                     NOT NULL,
    CONSTRAINT pk_person_match_key PRIMARY KEY (match_key, person_id),
    CONSTRAINT fk_person_match_key_person FOREIGN KEY (person_id) REFERENCES person (id)
);

CREATE TABLE person_nationality (
    person_id         UUID                     NOT NULL,
    country           CHAR(3)                  NOT NULL,
    CONSTRAINT pk_person_nationality PRIMARY KEY (person_id, country),
    CONSTRAINT fk_person_nationality_person FOREIGN KEY (person_id) REFERENCES person (id)
);

-- Citizenship or permanent residence of a country whose law protects the person from disclosure.
CREATE TABLE person_standing (
    person_id         UUID                     NOT NULL,
    country           CHAR(3)                  NOT NULL,
    kind              VARCHAR(24)              NOT NULL,
    CONSTRAINT pk_person_standing PRIMARY KEY (person_id, country, kind),
    CONSTRAINT ck_person_standing_kind CHECK (kind IN ('CITIZEN', 'PERMANENT_RESIDENT')),
    CONSTRAINT fk_person_standing_person FOREIGN KEY (person_id) REFERENCES person (id)
);

-- Every document on record, renewed ones included: a query may carry an old number.
CREATE TABLE travel_document (
    person_id         UUID                     NOT NULL,
    ordinal           INT                      NOT NULL,
    document_type     VARCHAR(24)              NOT NULL,
    number            VARCHAR(20)              NOT NULL,
    issuing_country   CHAR(3)                  NOT NULL,
    issued_on         DATE,
    expires_on        DATE,
    status            VARCHAR(32)              NOT NULL,
    CONSTRAINT pk_travel_document PRIMARY KEY (person_id, ordinal),
    CONSTRAINT fk_travel_document_person FOREIGN KEY (person_id) REFERENCES person (id)
);

CREATE INDEX ix_travel_document_number ON travel_document (number, issuing_country);

-- The status that may be released (the protocol's codes), and protection, which never is.
CREATE TABLE immigration_status (
    person_id         UUID                     NOT NULL,
    status            VARCHAR(24)              NOT NULL,
    valid_since       DATE,
    valid_until       DATE,
    protection        VARCHAR(24)              NOT NULL,
    country_feared    CHAR(3),
    CONSTRAINT pk_immigration_status PRIMARY KEY (person_id),
    CONSTRAINT ck_immigration_protection CHECK (protection IN ('NONE', 'REFUGEE_CLAIMANT', 'PROTECTED_PERSON')),
    CONSTRAINT fk_immigration_status_person FOREIGN KEY (person_id) REFERENCES person (id)
);

-- Applications, decisions, refusals and removals, with their dates.
CREATE TABLE immigration_history (
    person_id         UUID                     NOT NULL,
    ordinal           INT                      NOT NULL,
    kind              VARCHAR(24)              NOT NULL,
    occurred_on       DATE                     NOT NULL,
    summary           VARCHAR(255),
    CONSTRAINT pk_immigration_history PRIMARY KEY (person_id, ordinal),
    CONSTRAINT fk_immigration_history_person FOREIGN KEY (person_id) REFERENCES person (id)
);

CREATE TABLE person_alert (
    person_id         UUID                     NOT NULL,
    ordinal           INT                      NOT NULL,
    code              VARCHAR(64)              NOT NULL,
    issued_on         DATE                     NOT NULL,
    alert_text        VARCHAR(255)             NOT NULL,
    CONSTRAINT pk_person_alert PRIMARY KEY (person_id, ordinal),
    CONSTRAINT fk_person_alert_person FOREIGN KEY (person_id) REFERENCES person (id)
);

-- How many queries each partner sent under each annex, per day and per year (UTC): quotas hold
-- across restarts.
CREATE TABLE annex_quota_usage (
    partner_code      VARCHAR(32)              NOT NULL,
    annex_id          VARCHAR(64)              NOT NULL,
    period_key        VARCHAR(16)              NOT NULL,
    used              BIGINT                   NOT NULL,
    CONSTRAINT pk_annex_quota_usage PRIMARY KEY (partner_code, annex_id, period_key)
);
