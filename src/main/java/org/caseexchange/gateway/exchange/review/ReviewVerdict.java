package org.caseexchange.gateway.exchange.review;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;

/**
 * An officer's decision on a case sent to review: approve some of the proposed elements, or refuse with
 * a business-rule code. The justification is required either way; it is kept with the exchange for
 * auditors and never sent to the partner.
 *
 * @param approved the elements the officer releases (empty for a refusal)
 * @param person on an approval, the candidate the officer confirms as the person the query is about;
 *     required when matching found no single person, and otherwise, if given, that person
 * @param refusal the code the partner is told (null for an approval)
 */
public record ReviewVerdict(
        UUID exchangeId,
        String officer,
        Set<DataElement> approved,
        Optional<UUID> person,
        ReasonCode refusal,
        String justification) {

    static final int MAX_JUSTIFICATION = 2000;

    public ReviewVerdict {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(person, "person");
        if (officer == null || officer.isBlank() || officer.length() > 64) {
            throw new IllegalArgumentException("a review is decided by a named officer");
        }
        if (justification == null || justification.isBlank() || justification.length() > MAX_JUSTIFICATION) {
            throw new IllegalArgumentException(
                    "a review needs a justification of at most " + MAX_JUSTIFICATION + " characters");
        }
        approved = approved.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(approved));
        if (approved.isEmpty() == (refusal == null)) {
            throw new IllegalArgumentException(
                    "a review either approves elements or refuses, not both and not neither");
        }
        if (refusal != null && person.isPresent()) {
            throw new IllegalArgumentException("a refusal confirms no person");
        }
    }

    /** Approves the elements about the person the rules matched. */
    public static ReviewVerdict approve(
            UUID exchangeId, String officer, Set<DataElement> approved, String justification) {
        return new ReviewVerdict(exchangeId, officer, approved, Optional.empty(), null, justification);
    }

    /** Confirms one of the case's candidates as the person asked about, and approves the elements about them. */
    public static ReviewVerdict approveAbout(
            UUID exchangeId, String officer, UUID person, Set<DataElement> approved, String justification) {
        return new ReviewVerdict(exchangeId, officer, approved, Optional.of(person), null, justification);
    }

    public static ReviewVerdict refuse(UUID exchangeId, String officer, ReasonCode refusal, String justification) {
        return new ReviewVerdict(exchangeId, officer, Set.of(), Optional.empty(), refusal, justification);
    }

    public boolean approves() {
        return refusal == null;
    }
}
