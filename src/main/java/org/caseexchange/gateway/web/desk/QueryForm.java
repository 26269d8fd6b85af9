package org.caseexchange.gateway.web.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;

/**
 * A query as an officer fills it in, on a page or in an API call: one name, the date of birth, sex,
 * one nationality and one travel document. Personal data: never logged.
 */
public record QueryForm(
        String partner,
        String annex,
        Purpose purpose,
        List<DataElement> requested,
        String familyName,
        String givenNames,
        String dateOfBirth,
        Sex sex,
        String nationality,
        DocumentType documentType,
        String documentNumber,
        String documentCountry,
        String caseReference,
        String justification) {

    public static QueryForm empty() {
        return new QueryForm(
                null, null, null, List.of(), null, null, null, Sex.UNKNOWN, null, null, null, null, null, null);
    }

    /** The query, asked in the officer's name. */
    public OurQuery toQuery(String officer) {
        if (blank(partner) || blank(annex) || purpose == null) {
            throw new Refused("a query names a partner, an annex and a purpose");
        }
        if (requested == null || requested.isEmpty()) {
            throw new Refused("a query asks for at least one element");
        }
        if (blank(caseReference) || !caseReference.trim().matches("[A-Za-z0-9._:/-]{1,64}")) {
            throw new Refused("a query gives our case reference: up to 64 letters, digits and . _ : / -");
        }
        if (blank(familyName)) {
            throw new Refused("a query names the person: at least a family name");
        }
        List<OurQuery.Document> documents = new ArrayList<>();
        if (!blank(documentNumber)) {
            documents.add(new OurQuery.Document(
                    documentType == null ? DocumentType.PASSPORT : documentType,
                    documentNumber.trim(),
                    blank(documentCountry) ? "" : documentCountry.trim(),
                    Optional.empty()));
        }
        return new OurQuery(
                officer,
                partner,
                annex,
                purpose,
                Set.copyOf(requested),
                new OurQuery.Subject(
                        List.of(new OurQuery.Name(familyName.trim(), blank(givenNames) ? null : givenNames.trim())),
                        blank(dateOfBirth) ? Optional.empty() : Optional.of(dateOfBirth.trim()),
                        sex == null ? Sex.UNKNOWN : sex,
                        blank(nationality) ? List.of() : List.of(nationality.trim()),
                        documents),
                caseReference.trim(),
                blank(justification) ? null : justification.trim());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "QueryForm[" + partner + " " + annex + " " + purpose + "]";
    }
}
