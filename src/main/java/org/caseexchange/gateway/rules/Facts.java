package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.casedata.Protection;

/**
 * Everything a decision depends on, and nothing else: given the same facts, the same rule set and the
 * same annex catalogue, the decision is the same (an auditor recomputes it from these).
 *
 * @param today the decision date (UTC), for the annex's period in force and retention dates
 * @param ourCountry ISO 3166-1 alpha-3 of our agency's country
 */
public record Facts(
        Query query,
        Partner partner,
        MatchResult match,
        Subject subject,
        boolean quotaExceeded,
        LocalDate today,
        String ourCountry) {

    public Facts {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(ourCountry, "ourCountry");
    }

    /**
     * The same query decided as one about someone we hold no record of: no match, nothing known of
     * the subject. A guarded person is answered on these facts.
     */
    public Facts asSomeoneWeHoldNoRecordOf() {
        return new Facts(query, partner, MatchResult.noMatch(0), Subject.UNKNOWN, quotaExceeded, today, ourCountry);
    }

    /** @param legalBasis the annex id the query cites */
    public record Query(String legalBasis, Purpose purpose, List<DataElement> requested, boolean hasJustification) {
        public Query {
            requested = List.copyOf(requested);
        }
    }

    /** @param annexes the annexes configured as in force with this partner */
    public record Partner(String code, String country, Set<String> annexes, HumanRightsRisk risk) {
        public Partner {
            annexes = Set.copyOf(annexes);
        }
    }

    /**
     * What the record of a person says about them: the matched person's, or for a guard each
     * candidate's; {@link #UNKNOWN} when nobody matched.
     *
     * @param countryFeared the country a refugee claimant or protected person fears, or null
     */
    public record Subject(
            OptionalInt age,
            Set<String> citizenOf,
            Set<String> permanentResidentOf,
            Protection protection,
            String countryFeared) {
        public static final Subject UNKNOWN =
                new Subject(OptionalInt.empty(), Set.of(), Set.of(), Protection.NONE, null);

        public Subject {
            citizenOf = Set.copyOf(citizenOf);
            permanentResidentOf = Set.copyOf(permanentResidentOf);
        }
    }
}
