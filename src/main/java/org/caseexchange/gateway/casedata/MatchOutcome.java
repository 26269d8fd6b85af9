package org.caseexchange.gateway.casedata;

/** The protocol's MatchResult values. Only MATCH with a single candidate ever releases data. */
public enum MatchOutcome {
    MATCH,
    POSSIBLE_MATCH,
    NO_MATCH
}
