package org.caseexchange.gateway.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Picks people of the synthetic case data for each kind of case the demo shows: somebody plainly on
 * file, a citizen, a protected person who fears the partner's country, a minor. Each is an adult with a
 * full date of birth and nobody else on file shares their family name and date of birth, so that the
 * partner's query matches exactly one person and the case shows the rule it is about.
 */
public final class DemoCases {

    public enum Kind {
        ON_FILE,
        CITIZEN,
        PROTECTED,
        MINOR
    }

    /** A full date of birth that no one else shares with the same family name: one aggregate, not a scan per person. */
    private static final String UNIQUE_AND_FULL_BIRTH = """
            LENGTH(p.date_of_birth) = 10
            AND (p.date_of_birth, n.family_name) IN (SELECT q.date_of_birth, qn.family_name FROM person q
                    JOIN person_name qn ON qn.person_id = q.id AND qn.ordinal = 0
                    GROUP BY q.date_of_birth, qn.family_name HAVING COUNT(*) = 1)
            """;

    private final JdbcTemplate jdbc;
    private final CaseDataRepository repository;

    public DemoCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.repository = new CaseDataRepository(jdbc);
    }

    /** The {@code index}-th person of this kind, in a stable order. */
    public Optional<PersonRecord> pick(Kind kind, int index, LocalDate today) {
        String adult = "p.date_of_birth <= '" + today.minusYears(19) + "'";
        String condition = switch (kind) {
            case ON_FILE ->
                adult
                        + " AND s.protection = 'NONE' AND NOT EXISTS (SELECT 1 FROM person_standing t WHERE t.person_id = p.id)"
                        + " AND EXISTS (SELECT 1 FROM travel_document d WHERE d.person_id = p.id AND d.document_type = 'PASSPORT')";
            case CITIZEN ->
                adult
                        + " AND s.protection = 'NONE' AND EXISTS (SELECT 1 FROM person_standing t WHERE t.person_id = p.id"
                        + " AND t.kind = 'CITIZEN' AND t.country IN ('CAN', 'USA'))";
            case PROTECTED ->
                adult + " AND s.protection <> 'NONE' AND s.country_feared = 'USA'"
                        + " AND NOT EXISTS (SELECT 1 FROM person_standing t WHERE t.person_id = p.id)";
            case MINOR ->
                "p.date_of_birth > '" + today.minusYears(16) + "' AND s.protection = 'NONE'"
                        + " AND NOT EXISTS (SELECT 1 FROM person_standing t WHERE t.person_id = p.id)";
        };
        List<UUID> ids = jdbc.queryForList(
                "SELECT p.id FROM person p JOIN person_name n ON n.person_id = p.id AND n.ordinal = 0"
                        + " JOIN immigration_status s ON s.person_id = p.id WHERE " + UNIQUE_AND_FULL_BIRTH + " AND "
                        + condition
                        + " ORDER BY p.id OFFSET " + index + " ROWS FETCH FIRST 1 ROWS ONLY",
                UUID.class);
        return ids.stream().findFirst().flatMap(repository::load);
    }
}
