package org.caseexchange.gateway.web.desk;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.exchange.outbound.OurDisclosure;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;

/**
 * A proactive disclosure as an officer fills it in: the person by their id in our case data (as our
 * case-management system shows it), what to disclose, under which annex and why.
 */
public record DisclosureForm(
        String partner,
        String annex,
        Purpose purpose,
        String person,
        List<DataElement> elements,
        String caseReference,
        String justification) {

    public static DisclosureForm empty() {
        return new DisclosureForm(null, null, null, null, List.of(), null, null);
    }

    public OurDisclosure toDisclosure(String officer) {
        if (partner == null || partner.isBlank() || annex == null || annex.isBlank() || purpose == null) {
            throw new Refused("a disclosure names a partner, an annex and a purpose");
        }
        if (elements == null || elements.isEmpty()) {
            throw new Refused("a disclosure discloses at least one element");
        }
        if (caseReference == null || !caseReference.trim().matches("[A-Za-z0-9._:/-]{1,64}")) {
            throw new Refused("a disclosure gives our case reference: up to 64 letters, digits and . _ : / -");
        }
        UUID id;
        try {
            id = UUID.fromString(person == null ? "" : person.trim());
        } catch (IllegalArgumentException e) {
            throw new Refused("the person is named by their id in our case data");
        }
        return new OurDisclosure(
                officer,
                partner,
                annex,
                purpose,
                id,
                Set.copyOf(elements),
                caseReference.trim(),
                justification == null || justification.isBlank() ? null : justification.trim());
    }
}
