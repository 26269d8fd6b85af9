package org.caseexchange.gateway.casedata;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a response releases about a person, element by element; an element not released is absent,
 * never empty-but-present. Built by {@link Enrichment} from the record and the released elements only.
 */
public record ReleasedData(
        Optional<Identity> identity,
        Optional<PersonRecord.Status> immigrationStatus,
        List<PersonRecord.HistoryEvent> priorDecisions,
        List<PersonRecord.Document> documents,
        List<PersonRecord.Alert> alerts) {

    /** The identity element: names, date of birth, sex, nationalities, country of birth. */
    public record Identity(
            List<PersonRecord.Name> names,
            Optional<PartialDate> dateOfBirth,
            String sex,
            Set<String> nationalities,
            String countryOfBirth) {
        @Override
        public String toString() {
            return "Identity[redacted]";
        }
    }

    public static final ReleasedData NOTHING =
            new ReleasedData(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());

    public ReleasedData {
        priorDecisions = List.copyOf(priorDecisions);
        documents = List.copyOf(documents);
        alerts = List.copyOf(alerts);
    }

    @Override
    public String toString() {
        return "ReleasedData[redacted]";
    }
}
