package org.caseexchange.gateway.casedata;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The person a query names, as matching reads it: names, date of birth (possibly partial), sex,
 * nationalities, documents. Personal data: {@code toString} is redacted.
 *
 * @param sex F, M, X or UNKNOWN
 */
public record SubjectQuery(
        List<PersonRecord.Name> names,
        Optional<PartialDate> dateOfBirth,
        String sex,
        Set<String> nationalities,
        List<DocumentReference> documents) {

    public record DocumentReference(String number, String issuingCountry) {
        @Override
        public String toString() {
            return "DocumentReference[redacted]";
        }
    }

    public SubjectQuery {
        names = List.copyOf(names);
        nationalities = Set.copyOf(nationalities);
        documents = List.copyOf(documents);
    }

    @Override
    public String toString() {
        return "SubjectQuery[redacted]";
    }
}
