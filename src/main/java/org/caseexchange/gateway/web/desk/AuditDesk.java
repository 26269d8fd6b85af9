package org.caseexchange.gateway.web.desk;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.export.AuditExporter;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.web.ConsoleUser;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What auditors and review bodies read: exchanges found by their facts or by a person's identifiers,
 * an exchange's timeline in the chain, the log's integrity, and exports that verify offline. Read-only:
 * nothing here starts or decides anything, and each export is itself an entry of the log.
 */
public class AuditDesk {

    /** The directions an exchange has. */
    public static final Set<String> DIRECTIONS =
            Set.of("INBOUND_QUERY", "OUTBOUND_QUERY", "INBOUND_DISCLOSURE", "OUTBOUND_DISCLOSURE", "INBOUND_ANSWER");

    /**
     * What an auditor searches by; every field may be empty. The person's identifiers are looked up
     * through the keyed person index: a full date of birth with a family name, or a document.
     */
    public record Criteria(
            LocalDate from,
            LocalDate to,
            String partner,
            String direction,
            String annex,
            String purpose,
            String outcome,
            String reasonCode,
            String officer,
            Person person) {

        public static Criteria none() {
            return new Criteria(null, null, null, null, null, null, null, null, null, Person.none());
        }
    }

    /** A person's identifiers as an auditor types them. Personal data: never logged. */
    public record Person(
            String familyName, String givenNames, String dateOfBirth, String documentNumber, String documentCountry) {

        public static Person none() {
            return new Person(null, null, null, null, null);
        }

        public boolean given() {
            return present(familyName) || present(documentNumber);
        }

        SubjectQuery asQuery() {
            List<PersonRecord.Name> names = present(familyName)
                    ? List.of(new PersonRecord.Name(familyName, givenNames == null ? "" : givenNames, null))
                    : List.of();
            List<SubjectQuery.DocumentReference> documents = present(documentNumber)
                    ? List.of(new SubjectQuery.DocumentReference(
                            documentNumber, documentCountry == null ? "" : documentCountry))
                    : List.of();
            Optional<PartialDate> born =
                    present(dateOfBirth) ? PartialDate.parse(dateOfBirth.trim()) : Optional.empty();
            return new SubjectQuery(names, born, "UNKNOWN", Set.of(), documents);
        }

        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    /** One exchange in a list of results. */
    public record Found(
            UUID id,
            String partner,
            String direction,
            String state,
            String outcome,
            String reasonCode,
            String annex,
            String purpose,
            Instant receivedAt,
            String officers) {}

    public record Page(List<Found> rows, int page, boolean more) {}

    /** One entry of an exchange's timeline, with the rules its decision cited. */
    public record Step(AuditEntry entry, Optional<DecisionSummary> decision) {}

    public record Timeline(Found exchange, List<Step> steps, String reviewJustification) {}

    /**
     * One kept message of an exchange as an auditor reads it on request: the signed XML, or nothing
     * once its retention ended. Personal data: never logged.
     */
    public record Content(String direction, Instant storedAt, String signedDigest, Optional<String> document) {
        @Override
        public String toString() {
            return "Content[" + direction + " " + signedDigest + "]";
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final PersonIndex personIndex;
    private final AuditLog audit;
    private final AuditIntegrity integrity;
    private final AuditExporter exporter;
    private final EvidenceStore evidence;
    private final TransactionTemplate transactions;
    private final int pageSize;

    public AuditDesk(
            NamedParameterJdbcTemplate jdbc,
            PersonIndex personIndex,
            AuditLog audit,
            AuditIntegrity integrity,
            AuditExporter exporter,
            EvidenceStore evidence,
            TransactionTemplate transactions,
            int pageSize) {
        this.jdbc = jdbc;
        this.personIndex = personIndex;
        this.audit = audit;
        this.integrity = integrity;
        this.exporter = exporter;
        this.evidence = evidence;
        this.transactions = transactions;
        this.pageSize = pageSize;
    }

    public Page search(Criteria criteria, int page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM exchange WHERE 1 = 1");
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if (criteria.from() != null) {
            sql.append(" AND received_at >= :from");
            parameters.addValue("from", criteria.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (criteria.to() != null) {
            sql.append(" AND received_at < :to");
            parameters.addValue("to", criteria.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        equal(sql, parameters, "partner_code", criteria.partner());
        if (present(criteria.direction())) {
            if (!DIRECTIONS.contains(criteria.direction())) {
                throw new Refused("a direction is one of " + DIRECTIONS);
            }
            equal(sql, parameters, "direction", criteria.direction());
        }
        equal(sql, parameters, "legal_basis", criteria.annex());
        equal(sql, parameters, "query_purpose", criteria.purpose());
        equal(sql, parameters, "outcome", criteria.outcome());
        equal(sql, parameters, "reason_code", criteria.reasonCode());
        if (present(criteria.officer())) {
            sql.append(" AND (requested_by = :officer OR reviewed_by = :officer OR confirmed_by = :officer)");
            parameters.addValue("officer", criteria.officer().trim());
        }
        if (criteria.person() != null && criteria.person().given()) {
            Set<UUID> about = personIndex.exchangesAbout(criteria.person().asQuery());
            if (about.isEmpty()) {
                return new Page(List.of(), page, false);
            }
            sql.append(" AND id IN (:about)");
            parameters.addValue("about", about);
        }
        int first = Math.max(0, page) * pageSize;
        sql.append(" ORDER BY received_at DESC, id LIMIT :limit OFFSET :offset");
        parameters.addValue("limit", pageSize + 1);
        parameters.addValue("offset", first);
        List<Found> rows = new ArrayList<>(jdbc.query(sql.toString(), parameters, AuditDesk::found));
        boolean more = rows.size() > pageSize;
        return new Page(more ? rows.subList(0, pageSize) : rows, Math.max(0, page), more);
    }

    public Timeline timeline(UUID exchangeId) {
        List<Found> found = jdbc.query(
                "SELECT * FROM exchange WHERE id = :id", new MapSqlParameterSource("id", exchangeId), AuditDesk::found);
        if (found.isEmpty()) {
            throw new NotFound(exchangeId);
        }
        List<Step> steps = audit.entriesOf(exchangeId).stream()
                .map(entry ->
                        new Step(entry, Optional.ofNullable(entry.decision()).map(DecisionSummary::parse)))
                .toList();
        String justification = jdbc.queryForObject(
                "SELECT review_justification FROM exchange WHERE id = :id",
                new MapSqlParameterSource("id", exchangeId),
                String.class);
        return new Timeline(found.get(0), steps, justification);
    }

    /**
     * The messages of an exchange decrypted, on an auditor's explicit request: the PERSONAL_DATA_VIEWED
     * entry that records who read them commits before anything is shown.
     */
    public List<Content> content(UUID exchangeId, ConsoleUser auditor) {
        timeline(exchangeId);
        String partner = jdbc.queryForObject(
                "SELECT partner_code FROM exchange WHERE id = :id",
                new MapSqlParameterSource("id", exchangeId),
                String.class);
        transactions.executeWithoutResult(
                status -> audit.record(AuditEvent.of(AuditEventType.PERSONAL_DATA_VIEWED, exchangeId, partner)
                        .by(auditor.name())));
        return evidence.ofExchange(exchangeId).stream()
                .map(kept -> new Content(
                        kept.direction().name(),
                        kept.storedAt(),
                        kept.signedDigest(),
                        kept.signed().map(bytes -> new String(bytes, StandardCharsets.UTF_8))))
                .toList();
    }

    public AuditIntegrity.State integrity() {
        return integrity.state();
    }

    public void exportExchange(UUID exchangeId, ConsoleUser auditor, OutputStream out) {
        timeline(exchangeId);
        exporter.exportExchange(exchangeId, auditor.name(), out);
    }

    /** Refuses a range an export cannot take, before any byte of the export is written. */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new Refused("an export of a date range needs a first and a last day, in that order");
        }
    }

    /** Refuses identifiers a person export cannot search by, before any byte of the export is written. */
    public void checkPerson(Person person) {
        if (person == null || !person.given()) {
            throw new Refused(
                    "an export about a person needs a family name with the full date of birth, or a document");
        }
    }

    public void exportRange(LocalDate from, LocalDate to, ConsoleUser auditor, OutputStream out) {
        checkRange(from, to);
        exporter.exportRange(
                from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                auditor.name(),
                out);
    }

    public void exportPerson(Person person, ConsoleUser auditor, OutputStream out) {
        checkPerson(person);
        exporter.exportPerson(person.asQuery(), auditor.name(), out);
    }

    private static void equal(StringBuilder sql, MapSqlParameterSource parameters, String column, String value) {
        if (present(value)) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            parameters.addValue(column, value.trim());
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Found found(ResultSet rs, int row) throws SQLException {
        Timestamp received = rs.getTimestamp("received_at");
        List<String> officers = new ArrayList<>();
        for (String column : List.of("requested_by", "reviewed_by", "confirmed_by")) {
            String officer = rs.getString(column);
            if (officer != null && !officers.contains(officer)) {
                officers.add(officer);
            }
        }
        return new Found(
                rs.getObject("id", UUID.class),
                rs.getString("partner_code"),
                rs.getString("direction"),
                rs.getString("state"),
                rs.getString("outcome"),
                rs.getString("reason_code"),
                rs.getString("legal_basis"),
                rs.getString("query_purpose"),
                received == null ? null : received.toInstant(),
                String.join(", ", officers));
    }
}
