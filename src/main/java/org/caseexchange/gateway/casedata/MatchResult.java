package org.caseexchange.gateway.casedata;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What matching found.
 *
 * @param score the best candidate's score, 0 to 1 (0 when there was none)
 * @param candidates how many records scored at or above the possible-match threshold
 * @param person the matched person, present only for an unambiguous MATCH
 */
public record MatchResult(MatchOutcome outcome, double score, int candidates, Optional<UUID> person) {

    public MatchResult {
        Objects.requireNonNull(outcome, "outcome");
        if (person.isPresent() != (outcome == MatchOutcome.MATCH && candidates == 1)) {
            throw new IllegalArgumentException("a person is named exactly when there is one MATCH");
        }
    }

    public static MatchResult noMatch(double bestScore) {
        return new MatchResult(MatchOutcome.NO_MATCH, bestScore, 0, Optional.empty());
    }

    /** True only for one candidate above the match threshold: the one case data may be released on. */
    public boolean unambiguous() {
        return person.isPresent();
    }
}
