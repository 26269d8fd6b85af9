package org.caseexchange.gateway.exchange.outbound;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;

/**
 * A proactive disclosure one of our officers proposes: a person from our case data, the elements to
 * disclose, under which annex and for what purpose, and why.
 *
 * @param person the internal id of the person in our case data
 * @param caseReference our own case reference, which the partner's receipt is tied to
 */
public record OurDisclosure(
        String officer,
        String partner,
        String legalBasis,
        Purpose purpose,
        UUID person,
        Set<DataElement> elements,
        String caseReference,
        String justification) {

    public OurDisclosure {
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(caseReference, "caseReference");
        elements = Set.copyOf(elements);
    }

    boolean justified() {
        return justification != null && !justification.isBlank();
    }
}
