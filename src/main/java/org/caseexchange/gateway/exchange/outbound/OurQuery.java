package org.caseexchange.gateway.exchange.outbound;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;

/**
 * A query one of our officers wants to send a partner: whom it is about, under which annex and for what
 * purpose, what it asks for, and why. Personal data: never logged.
 *
 * @param officer the officer's id, recorded as the actor of the request
 * @param partner the agency code of the partner asked
 * @param legalBasis the annex the query relies on
 * @param caseReference our own case reference, which the partner's answer quotes back
 */
public record OurQuery(
        String officer,
        String partner,
        String legalBasis,
        Purpose purpose,
        Set<DataElement> requested,
        Subject subject,
        String caseReference,
        String justification) {

    /** Whom the query is about, as our officer knows them. */
    public record Subject(
            List<Name> names,
            Optional<String> dateOfBirth,
            Sex sex,
            List<String> nationalities,
            List<Document> documents) {

        public Subject {
            names = List.copyOf(names);
            nationalities = List.copyOf(nationalities);
            documents = List.copyOf(documents);
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
            Objects.requireNonNull(sex, "sex");
        }

        @Override
        public String toString() {
            return "Subject[redacted]";
        }
    }

    public record Name(String familyName, String givenNames) {
        @Override
        public String toString() {
            return "Name[redacted]";
        }
    }

    public record Document(DocumentType type, String number, String issuingCountry, Optional<LocalDate> expiresOn) {
        @Override
        public String toString() {
            return "Document[redacted]";
        }
    }

    public OurQuery {
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        requested = Set.copyOf(requested);
    }

    @Override
    public String toString() {
        return "OurQuery[" + partner + " " + legalBasis + " " + purpose + "]";
    }
}
