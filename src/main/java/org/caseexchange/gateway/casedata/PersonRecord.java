package org.caseexchange.gateway.casedata;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything our agency holds about one person. Personal data: its {@code toString} shows the id only,
 * so it never reaches a log by accident.
 *
 * @param names the name on record first, then aliases and other transliterations
 * @param documents every travel document on record, renewed ones included
 * @param status the immigration status, when there is one
 */
public record PersonRecord(
        UUID id,
        List<Name> names,
        Optional<PartialDate> dateOfBirth,
        String sex,
        String countryOfBirth,
        Set<String> nationalities,
        Set<String> citizenOf,
        Set<String> permanentResidentOf,
        List<Document> documents,
        Optional<Status> status,
        List<HistoryEvent> history,
        List<Alert> alerts) {

    public PersonRecord {
        Objects.requireNonNull(id, "id");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a person has at least one name");
        }
        names = List.copyOf(names);
        nationalities = Set.copyOf(nationalities);
        citizenOf = Set.copyOf(citizenOf);
        permanentResidentOf = Set.copyOf(permanentResidentOf);
        documents = List.copyOf(documents);
        history = List.copyOf(history);
        alerts = List.copyOf(alerts);
    }

    /** @param givenNames null when none */
    public record Name(String familyName, String givenNames, String originalScript) {
        @Override
        public String toString() {
            return "Name[redacted]";
        }
    }

    /** @param type, status the protocol's DocumentType and DocumentStatus values */
    public record Document(
            String type, String number, String issuingCountry, LocalDate issuedOn, LocalDate expiresOn, String status) {
        @Override
        public String toString() {
            return "Document[redacted]";
        }
    }

    /** @param code the protocol's ImmigrationStatusCode; protection and the country feared are never released */
    public record Status(String code, LocalDate since, LocalDate until, Protection protection, String countryFeared) {
        @Override
        public String toString() {
            return "Status[redacted]";
        }
    }

    /** @param kind APPLICATION, or one of the protocol's PriorDecisionKind values */
    public record HistoryEvent(String kind, LocalDate occurredOn, String summary) {
        @Override
        public String toString() {
            return "HistoryEvent[redacted]";
        }
    }

    public record Alert(String code, LocalDate issuedOn, String text) {
        @Override
        public String toString() {
            return "Alert[redacted]";
        }
    }

    public Protection protection() {
        return status.map(Status::protection).orElse(Protection.NONE);
    }

    @Override
    public String toString() {
        return "PersonRecord[" + id + "]";
    }
}
