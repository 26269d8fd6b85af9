package org.caseexchange.gateway.casedata;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the data a decision releases, field by field, from the matched person's record: each element
 * is read only when released. The immigration status carries the protocol's status code and dates;
 * protection and the country feared are never part of it. Prior decisions are the refusals and
 * removals of the history, not applications.
 */
public final class Enrichment {

    /** The history kinds that are prior decisions (the protocol's PriorDecisionKind). */
    static final Set<String> PRIOR_DECISIONS =
            Set.of("VISA_REFUSED", "ADMISSION_REFUSED", "CLAIM_REJECTED", "REMOVED", "OTHER");

    /** The elements by name: {@code IDENTITY, IMMIGRATION_STATUS, PRIOR_DECISIONS, DOCUMENTS, ALERTS}. */
    public ReleasedData release(PersonRecord person, Set<String> elements) {
        if (elements.isEmpty()) {
            return ReleasedData.NOTHING;
        }
        Optional<ReleasedData.Identity> identity = elements.contains("IDENTITY")
                ? Optional.of(new ReleasedData.Identity(
                        person.names(),
                        person.dateOfBirth(),
                        person.sex(),
                        person.nationalities(),
                        person.countryOfBirth()))
                : Optional.empty();
        Optional<PersonRecord.Status> status = elements.contains("IMMIGRATION_STATUS")
                ? person.status()
                        .map(held ->
                                new PersonRecord.Status(held.code(), held.since(), held.until(), Protection.NONE, null))
                : Optional.empty();
        List<PersonRecord.HistoryEvent> decisions = elements.contains("PRIOR_DECISIONS")
                ? person.history().stream()
                        .filter(event -> PRIOR_DECISIONS.contains(event.kind()))
                        .toList()
                : List.of();
        List<PersonRecord.Document> documents = elements.contains("DOCUMENTS") ? person.documents() : List.of();
        List<PersonRecord.Alert> alerts = elements.contains("ALERTS") ? person.alerts() : List.of();
        return new ReleasedData(identity, status, decisions, documents, alerts);
    }
}
