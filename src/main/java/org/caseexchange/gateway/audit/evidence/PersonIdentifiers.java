package org.caseexchange.gateway.audit.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * What identifies the person an exchange is about, as the query named them: the keys of the person
 * index. Never logged, never stored in clear.
 *
 * @param dateOfBirth full date, or null when only partly known
 */
public record PersonIdentifiers(String familyName, String givenNames, LocalDate dateOfBirth, List<Document> documents) {

    /** @param issuingCountry ISO 3166-1 alpha-3 */
    public record Document(String issuingCountry, String number) {
        @Override
        public String toString() {
            return "Document[redacted]";
        }
    }

    public PersonIdentifiers {
        documents = List.copyOf(documents);
    }

    @Override
    public String toString() {
        return "PersonIdentifiers[redacted]";
    }
}
