package org.caseexchange.gateway.audit.export;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.Checkpoint;
import org.caseexchange.gateway.audit.CheckpointWriter;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.TrustMaterialArchive;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.rules.CaveatCode;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what an auditor asks for (one exchange, a date range, every exchange about one person) as one
 * file that verifies offline (docs/audit.md, "Exports"). The export holds the contiguous stretch of the
 * log between two signed checkpoints that covers every entry of the selected exchanges: entries name
 * exchanges by id and messages by digest, never a person, so the other exchanges' entries in that
 * stretch disclose no personal data, and without them the chain could not be checked. Evidence is
 * included for the selected exchanges only. Each export is itself an entry of the log.
 */
public class AuditExporter {

    /** What was selected, for the manifest: no identifier of a person. */
    private record Selection(String kind, String description, Set<UUID> exchanges, long firstSeq, long lastSeq) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog log;
    private final CheckpointWriter checkpoints;
    private final EvidenceStore evidence;
    private final TrustMaterialArchive trustMaterial;
    private final PersonIndex personIndex;
    private final String agency;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectMapper line = new ObjectMapper();

    public AuditExporter(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            AuditLog log,
            CheckpointWriter checkpoints,
            EvidenceStore evidence,
            TrustMaterialArchive trustMaterial,
            PersonIndex personIndex,
            String agency,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.log = log;
        this.checkpoints = checkpoints;
        this.evidence = evidence;
        this.trustMaterial = trustMaterial;
        this.personIndex = personIndex;
        this.agency = agency;
        this.clock = clock;
    }

    /** @param auditor {@code auditor:<id>}, recorded in the log with the export */
    public void exportExchange(UUID exchangeId, String auditor, OutputStream out) {
        export(forExchanges("exchange", "exchange " + exchangeId, Set.of(exchangeId)), auditor, out);
    }

    /** Every exchange with an entry recorded in [from, to). */
    public void exportRange(Instant from, Instant to, String auditor, OutputStream out) {
        Set<UUID> exchanges = new TreeSet<>(jdbc.queryForList(
                "SELECT DISTINCT exchange_id FROM audit_entry WHERE recorded_at >= ?"
                        + " AND recorded_at < ? AND exchange_id IS NOT NULL",
                UUID.class,
                utc(from),
                utc(to)));
        export(forExchanges("range", "entries recorded from " + from + " to " + to, exchanges), auditor, out);
    }

    public void exportPerson(SubjectQuery person, String auditor, OutputStream out) {
        export(
                forExchanges(
                        "person",
                        "every exchange indexed under the person's identifiers",
                        personIndex.exchangesAbout(person)),
                auditor,
                out);
    }

    private Selection forExchanges(String kind, String description, Set<UUID> exchanges) {
        if (exchanges.isEmpty()) {
            return new Selection(kind, description, Set.of(), 0, 0);
        }
        Map<String, Object> range = new NamedParameterJdbcTemplate(jdbc)
                .queryForMap(
                        "SELECT MIN(seq) AS first_seq, MAX(seq) AS last_seq"
                                + " FROM audit_entry WHERE exchange_id IN (:exchanges)",
                        new MapSqlParameterSource("exchanges", exchanges));
        return range.get("first_seq") == null
                ? new Selection(kind, description, new TreeSet<>(exchanges), 0, 0)
                : new Selection(
                        kind,
                        description,
                        new TreeSet<>(exchanges),
                        ((Number) range.get("first_seq")).longValue(),
                        ((Number) range.get("last_seq")).longValue());
    }

    private void export(Selection selection, String auditor, OutputStream out) {
        transactions.executeWithoutResult(status -> log.record(
                AuditEvent.of(AuditEventType.AUDITOR_ACTION, null, null).by(auditor)));
        List<Checkpoint> matching = matchingCheckpoints();
        Checkpoint end = matching.stream()
                .filter(c -> c.logSize() >= selection.lastSeq())
                .findFirst()
                .orElseGet(checkpoints::writeNow);
        long start = selection.lastSeq() == 0
                ? end.logSize()
                : matching.stream()
                        .filter(c -> c.logSize() < selection.firstSeq())
                        .mapToLong(Checkpoint::logSize)
                        .max()
                        .orElse(0);
        List<Checkpoint> anchoring = new ArrayList<>(matching.stream()
                .filter(c -> c.logSize() >= start && c.logSize() <= end.logSize())
                .toList());
        if (!anchoring.contains(end)) {
            anchoring.add(end);
        }

        Map<String, byte[]> files = new TreeMap<>();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        log.forEachEntry(start, end.logSize(), entry -> {
            try {
                entries.write(line.writeValueAsBytes(ExportFormat.toJson(entry)));
                entries.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        files.put(ExportFormat.ENTRIES, entries.toByteArray());
        for (Checkpoint checkpoint : anchoring) {
            files.put(
                    ExportFormat.CHECKPOINTS + checkpoint.fileName(),
                    checkpoint.fileText().getBytes(UTF_8));
        }
        for (UUID exchange : selection.exchanges()) {
            for (EvidenceStore.Evidence item : evidence.ofExchange(exchange)) {
                addEvidence(files, item);
            }
            addReview(files, exchange);
            addReceived(files, exchange);
        }
        write(out, manifest(selection, start, end.logSize(), files), files);
    }

    private void addEvidence(Map<String, byte[]> files, EvidenceStore.Evidence item) {
        String folder = ExportFormat.EVIDENCE + item.id() + "/";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", item.id().toString());
        record.put("exchangeId", item.exchangeId().toString());
        record.put("direction", item.direction().name());
        record.put("partner", item.partner());
        record.put("suite", item.suite().name());
        record.put("storedAt", item.storedAt().toString());
        record.put("retainUntil", item.retainUntil().toString());
        record.put("sealedDigest", item.sealedDigest());
        record.put("signedDigest", item.signedDigest());
        record.put("crls", item.crlDigests());
        record.put("destroyedAt", item.destroyedAt().map(Instant::toString).orElse(null));
        files.put(folder + "record.json", bytes(record));
        item.sealed().ifPresent(content -> files.put(folder + "sealed.der", content));
        item.signed().ifPresent(content -> files.put(folder + "signed.der", content));
        for (String crl : item.crlDigests()) {
            trustMaterial.read(crl).ifPresent(content -> files.put(ExportFormat.CRLS + crl + ".der", content));
        }
    }

    /**
     * The decision on a case sent to review, as kept with the exchange: the officer who proposed it, the
     * supervisor who confirmed it, the justification, the person (by internal id) the decision was
     * about, and the candidates matching offered; its entries chain the justification's digest and, on an
     * approval, the person's.
     */
    private void addReview(Map<String, byte[]> files, UUID exchange) {
        jdbc.query(
                "SELECT reviewed_by, confirmed_by, reviewed_at, outcome, review_justification, subject_person"
                        + " FROM exchange WHERE id = ? AND reviewed_by IS NOT NULL",
                row -> {
                    Map<String, Object> review = new LinkedHashMap<>();
                    review.put("exchangeId", exchange.toString());
                    review.put("officer", row.getString("reviewed_by"));
                    if (row.getString("confirmed_by") != null) {
                        review.put("supervisor", row.getString("confirmed_by"));
                    }
                    review.put(
                            "reviewedAt",
                            row.getObject("reviewed_at", OffsetDateTime.class)
                                    .toInstant()
                                    .toString());
                    review.put("outcome", row.getString("outcome"));
                    review.put("justification", row.getString("review_justification"));
                    UUID person = row.getObject("subject_person", UUID.class);
                    if (person != null) {
                        review.put("person", person.toString());
                    }
                    review.put("candidates", candidatesOf(exchange));
                    files.put(ExportFormat.reviewFile(exchange), bytes(review));
                },
                exchange);
    }

    private List<Map<String, Object>> candidatesOf(UUID exchange) {
        return jdbc.query(
                "SELECT person_id, score FROM review_candidate WHERE exchange_id = ? ORDER BY ordinal",
                (rs, n) -> {
                    Map<String, Object> candidate = new LinkedHashMap<>();
                    candidate.put(
                            "person", rs.getObject("person_id", UUID.class).toString());
                    candidate.put("score", rs.getDouble("score"));
                    return candidate;
                },
                exchange);
    }

    /**
     * What the partner gave us on this exchange (its answer, its disclosure), as long as we keep it: the
     * partner's caveats travel with it, each with the handling it asks, so that whoever receives the
     * export knows, for one, that it must not pass the data on.
     */
    private void addReceived(Map<String, byte[]> files, UUID exchange) {
        jdbc.query(
                "SELECT exchange_id, query_exchange_id, message_kind, received_at, retain_until, caveats"
                        + " FROM received_answer WHERE exchange_id = ? OR query_exchange_id = ?"
                        + " UNION ALL SELECT exchange_id, NULL, 'proactiveDisclosure', received_at, retain_until, caveats"
                        + " FROM received_disclosure WHERE exchange_id = ?",
                row -> {
                    UUID received = row.getObject("exchange_id", UUID.class);
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("exchangeId", received.toString());
                    UUID answers = row.getObject("query_exchange_id", UUID.class);
                    record.put("answers", answers == null ? null : answers.toString());
                    record.put("kind", row.getString("message_kind"));
                    record.put(
                            "receivedAt",
                            row.getObject("received_at", OffsetDateTime.class)
                                    .toInstant()
                                    .toString());
                    record.put(
                            "retainUntil",
                            row.getObject("retain_until", OffsetDateTime.class)
                                    .toInstant()
                                    .toString());
                    List<Map<String, String>> caveats = new ArrayList<>();
                    String codes = row.getString("caveats");
                    for (String code : codes == null || codes.isBlank() ? new String[0] : codes.split(",")) {
                        caveats.add(Map.of(
                                "code",
                                code,
                                "handling",
                                CaveatCode.valueOf(code).handling()));
                    }
                    record.put("caveats", caveats);
                    files.put(ExportFormat.receivedFile(received), bytes(record));
                },
                exchange,
                exchange,
                exchange);
    }

    /** Stored checkpoints that match the log as it now is (an acknowledged restore may have left others), oldest first. */
    private List<Checkpoint> matchingCheckpoints() {
        List<Checkpoint> matching = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints.stored()) {
            Optional<String> hash =
                    checkpoint.logSize() == 0 ? Optional.of(checkpoint.headHash()) : log.hashOf(checkpoint.logSize());
            if (hash.isPresent() && hash.get().equals(checkpoint.headHash())) {
                matching.add(checkpoint);
            }
        }
        matching.sort((a, b) -> Long.compare(a.logSize(), b.logSize()));
        return matching;
    }

    private byte[] manifest(Selection selection, long start, long end, Map<String, byte[]> files) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", ExportFormat.FORMAT);
        manifest.put("gateway", agency);
        manifest.put("createdAt", clock.instant().toString());
        manifest.put("selection", Map.of("kind", selection.kind(), "description", selection.description()));
        manifest.put(
                "exchanges", selection.exchanges().stream().map(UUID::toString).toList());
        manifest.put("afterSeq", start);
        manifest.put("lastSeq", end);
        Map<String, String> digests = new TreeMap<>();
        files.forEach((name, content) -> digests.put(name, Sha256.hex(content)));
        manifest.put("files", digests);
        return bytes(manifest);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write export metadata", e);
        }
    }

    private static void write(OutputStream out, byte[] manifest, Map<String, byte[]> files) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, ExportFormat.MANIFEST, manifest);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                put(zip, file.getKey(), file.getValue());
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static OffsetDateTime utc(Instant instant) {
        return Timestamps.utc(instant);
    }
}
