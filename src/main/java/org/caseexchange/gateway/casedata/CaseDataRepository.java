package org.caseexchange.gateway.casedata;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The case data tables of V6: persons written in batches, read back whole, and found by document or
 * blocking key. The reads that matching makes run whether or not there is anything to read (an id no
 * record has stands in for none), so that the statements a query costs do not depend on whom it finds.
 */
public class CaseDataRepository {

    /** The id no person has: what a read of no one reads. */
    static final UUID NOBODY = new UUID(0, 0);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private volatile UUID anyPerson;

    public CaseDataRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class);
    }

    /** Writes persons with every row that belongs to them, a batch per table. */
    public void insert(List<PersonRecord> persons) {
        List<Object[]> people = new ArrayList<>();
        List<Object[]> names = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> nationalities = new ArrayList<>();
        List<Object[]> standings = new ArrayList<>();
        List<Object[]> documents = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<Object[]> alerts = new ArrayList<>();
        for (PersonRecord person : persons) {
            UUID id = person.id();
            people.add(new Object[] {
                id, person.dateOfBirth().map(PartialDate::toString).orElse(null), person.sex(), person.countryOfBirth()
            });
            for (int i = 0; i < person.names().size(); i++) {
                PersonRecord.Name name = person.names().get(i);
                names.add(new Object[] {id, i, name.familyName(), name.givenNames(), name.originalScript()});
            }
            MatchKeys.of(person.names(), person.dateOfBirth()).forEach(key -> keys.add(new Object[] {key, id}));
            person.nationalities().forEach(country -> nationalities.add(new Object[] {id, country}));
            person.citizenOf().forEach(country -> standings.add(new Object[] {id, country, "CITIZEN"}));
            person.permanentResidentOf()
                    .forEach(country -> standings.add(new Object[] {id, country, "PERMANENT_RESIDENT"}));
            for (int i = 0; i < person.documents().size(); i++) {
                PersonRecord.Document document = person.documents().get(i);
                documents.add(new Object[] {
                    id,
                    i,
                    document.type(),
                    Names.documentNumber(document.number()),
                    document.issuingCountry(),
                    date(document.issuedOn()),
                    date(document.expiresOn()),
                    document.status()
                });
            }
            person.status()
                    .ifPresent(status -> statuses.add(new Object[] {
                        id,
                        status.code(),
                        date(status.since()),
                        date(status.until()),
                        status.protection().name(),
                        status.countryFeared()
                    }));
            for (int i = 0; i < person.history().size(); i++) {
                PersonRecord.HistoryEvent event = person.history().get(i);
                history.add(new Object[] {id, i, event.kind(), date(event.occurredOn()), event.summary()});
            }
            for (int i = 0; i < person.alerts().size(); i++) {
                PersonRecord.Alert alert = person.alerts().get(i);
                alerts.add(new Object[] {id, i, alert.code(), date(alert.issuedOn()), alert.text()});
            }
        }
        jdbc.batchUpdate("INSERT INTO person (id, date_of_birth, sex, country_of_birth) VALUES (?, ?, ?, ?)", people);
        jdbc.batchUpdate(
                "INSERT INTO person_name (person_id, ordinal, family_name, given_names, original_script) VALUES (?, ?, ?, ?, ?)",
                names);
        jdbc.batchUpdate("INSERT INTO person_match_key (match_key, person_id) VALUES (?, ?)", keys);
        jdbc.batchUpdate("INSERT INTO person_nationality (person_id, country) VALUES (?, ?)", nationalities);
        jdbc.batchUpdate("INSERT INTO person_standing (person_id, country, kind) VALUES (?, ?, ?)", standings);
        jdbc.batchUpdate(
                "INSERT INTO travel_document (person_id, ordinal, document_type, number, issuing_country, issued_on, expires_on,"
                        + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                documents);
        jdbc.batchUpdate(
                "INSERT INTO immigration_status (person_id, status, valid_since, valid_until, protection, country_feared)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                statuses);
        jdbc.batchUpdate(
                "INSERT INTO immigration_history (person_id, ordinal, kind, occurred_on, summary) VALUES (?, ?, ?, ?, ?)",
                history);
        jdbc.batchUpdate(
                "INSERT INTO person_alert (person_id, ordinal, code, issued_on, alert_text) VALUES (?, ?, ?, ?, ?)",
                alerts);
    }

    /** Persons holding a document with this number (any separators) from this country. */
    public Set<UUID> byDocument(String number, String issuingCountry) {
        return new LinkedHashSet<>(jdbc.queryForList(
                "SELECT DISTINCT person_id FROM travel_document WHERE number = ? AND issuing_country = ?",
                UUID.class,
                Names.documentNumber(number),
                issuingCountry));
    }

    /** Persons filed under any of these blocking keys. */
    public Set<UUID> byKeys(Collection<String> keys) {
        Set<String> asked = keys.isEmpty() ? Set.of("") : new TreeSet<>(keys);
        return new LinkedHashSet<>(named.queryForList(
                "SELECT DISTINCT person_id FROM person_match_key WHERE match_key IN (:keys)",
                new MapSqlParameterSource("keys", asked),
                UUID.class));
    }

    /** Names and date of birth only, for many candidates: enough to drop those that cannot reach a possible match. */
    public Map<UUID, PersonRecord> loadNamesAndBirth(Collection<UUID> ids) {
        MapSqlParameterSource in = new MapSqlParameterSource("ids", orNobody(ids));
        Map<UUID, List<PersonRecord.Name>> names = names(in);
        Map<UUID, PersonRecord> persons = new LinkedHashMap<>();
        for (Map<String, Object> row :
                named.queryForList("SELECT id, date_of_birth, sex FROM person WHERE id IN (:ids)", in)) {
            UUID id = (UUID) row.get("id");
            persons.put(
                    id,
                    new PersonRecord(
                            id,
                            names.getOrDefault(id, List.of()),
                            PartialDate.parse(string(row, "date_of_birth")),
                            string(row, "sex"),
                            null,
                            Set.of(),
                            Set.of(),
                            Set.of(),
                            List.of(),
                            Optional.empty(),
                            List.of(),
                            List.of()));
        }
        return persons;
    }

    /**
     * The rest of what scoring reads, added to records read by {@link #loadNamesAndBirth}: nationalities
     * and document numbers. Status, standing, history and alerts stay out (empty); only the matched
     * person is then read whole.
     */
    public Map<UUID, PersonRecord> withNationalitiesAndDocuments(Map<UUID, PersonRecord> light) {
        MapSqlParameterSource in = new MapSqlParameterSource("ids", orNobody(light.keySet()));
        Map<UUID, List<String>> nationalities = grouped(
                "SELECT person_id, country FROM person_nationality WHERE person_id IN (:ids)",
                in,
                row -> string(row, "country"));
        Map<UUID, List<PersonRecord.Document>> documents = grouped(
                "SELECT person_id, number, issuing_country FROM travel_document" + " WHERE person_id IN (:ids)",
                in,
                row -> new PersonRecord.Document(
                        "OTHER", string(row, "number"), string(row, "issuing_country"), null, null, "VALID"));
        Map<UUID, PersonRecord> persons = new LinkedHashMap<>();
        light.forEach((id, person) -> persons.put(
                id,
                new PersonRecord(
                        id,
                        person.names(),
                        person.dateOfBirth(),
                        person.sex(),
                        null,
                        Set.copyOf(nationalities.getOrDefault(id, List.of())),
                        Set.of(),
                        Set.of(),
                        documents.getOrDefault(id, List.of()),
                        Optional.empty(),
                        List.of(),
                        List.of())));
        return persons;
    }

    /** Some person, the same each time: what a query with no candidate loads instead, to take as long. */
    public Optional<UUID> anyPerson() {
        UUID cached = anyPerson;
        if (cached == null) {
            cached = jdbc.queryForList("SELECT id FROM person ORDER BY id FETCH FIRST 1 ROWS ONLY", UUID.class).stream()
                    .findFirst()
                    .orElse(null);
            anyPerson = cached;
        }
        return Optional.ofNullable(cached);
    }

    public Optional<PersonRecord> load(UUID id) {
        return Optional.ofNullable(load(List.of(id)).get(id));
    }

    /** The persons with these ids, whole. */
    public Map<UUID, PersonRecord> load(Collection<UUID> ids) {
        MapSqlParameterSource in = new MapSqlParameterSource("ids", orNobody(ids));
        Map<UUID, List<PersonRecord.Name>> names = names(in);
        Map<UUID, List<String>> nationalities = grouped(
                "SELECT * FROM person_nationality WHERE person_id IN (:ids)", in, row -> string(row, "country"));
        Map<UUID, List<String[]>> standings =
                grouped("SELECT * FROM person_standing WHERE person_id IN (:ids)", in, row ->
                        new String[] {string(row, "country"), string(row, "kind")});
        Map<UUID, List<PersonRecord.Document>> documents = grouped(
                "SELECT * FROM travel_document WHERE person_id IN (:ids) ORDER BY person_id, ordinal",
                in,
                row -> new PersonRecord.Document(
                        string(row, "document_type"),
                        string(row, "number"),
                        string(row, "issuing_country"),
                        localDate(row, "issued_on"),
                        localDate(row, "expires_on"),
                        string(row, "status")));
        Map<UUID, List<PersonRecord.Status>> statuses = grouped(
                "SELECT * FROM immigration_status WHERE person_id IN (:ids)",
                in,
                row -> new PersonRecord.Status(
                        string(row, "status"),
                        localDate(row, "valid_since"),
                        localDate(row, "valid_until"),
                        Protection.valueOf(string(row, "protection")),
                        string(row, "country_feared")));
        Map<UUID, List<PersonRecord.HistoryEvent>> history = grouped(
                "SELECT * FROM immigration_history WHERE person_id IN (:ids) ORDER BY person_id, ordinal",
                in,
                row -> new PersonRecord.HistoryEvent(
                        string(row, "kind"), localDate(row, "occurred_on"), string(row, "summary")));
        Map<UUID, List<PersonRecord.Alert>> alerts = grouped(
                "SELECT * FROM person_alert WHERE person_id IN (:ids) ORDER BY person_id, ordinal",
                in,
                row -> new PersonRecord.Alert(
                        string(row, "code"), localDate(row, "issued_on"), string(row, "alert_text")));
        Map<UUID, PersonRecord> persons = new LinkedHashMap<>();
        for (Map<String, Object> row : named.queryForList("SELECT * FROM person WHERE id IN (:ids)", in)) {
            UUID id = (UUID) row.get("id");
            List<String[]> standing = standings.getOrDefault(id, List.of());
            persons.put(
                    id,
                    new PersonRecord(
                            id,
                            names.getOrDefault(id, List.of()),
                            PartialDate.parse(string(row, "date_of_birth")),
                            string(row, "sex"),
                            string(row, "country_of_birth"),
                            Set.copyOf(nationalities.getOrDefault(id, List.of())),
                            countries(standing, "CITIZEN"),
                            countries(standing, "PERMANENT_RESIDENT"),
                            documents.getOrDefault(id, List.of()),
                            statuses.getOrDefault(id, List.of()).stream().findFirst(),
                            history.getOrDefault(id, List.of()),
                            alerts.getOrDefault(id, List.of())));
        }
        return persons;
    }

    private static Collection<UUID> orNobody(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of(NOBODY) : ids;
    }

    /** Each person's names, the name on record first. */
    private Map<UUID, List<PersonRecord.Name>> names(MapSqlParameterSource in) {
        return grouped(
                "SELECT person_id, family_name, given_names, original_script FROM person_name WHERE person_id IN (:ids)"
                        + " ORDER BY person_id, ordinal",
                in,
                row -> new PersonRecord.Name(
                        string(row, "family_name"), string(row, "given_names"), string(row, "original_script")));
    }

    private <T> Map<UUID, List<T>> grouped(String sql, MapSqlParameterSource in, Function<Map<String, Object>, T> map) {
        Map<UUID, List<T>> grouped = new HashMap<>();
        for (Map<String, Object> row : named.queryForList(sql, in)) {
            grouped.computeIfAbsent((UUID) row.get("person_id"), any -> new ArrayList<>())
                    .add(map.apply(row));
        }
        return grouped;
    }

    private static Set<String> countries(List<String[]> standings, String kind) {
        Set<String> countries = new LinkedHashSet<>();
        standings.stream().filter(standing -> standing[1].equals(kind)).forEach(standing -> countries.add(standing[0]));
        return countries;
    }

    private static String string(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString().strip();
    }

    private static LocalDate localDate(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null
                ? null
                : value instanceof Date date ? date.toLocalDate() : LocalDate.parse(value.toString());
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
