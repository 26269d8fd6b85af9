package org.caseexchange.gateway.audit.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEntry;

/**
 * The layout of an export file (docs/audit.md, "Exports"), shared by the writer and the verifier so
 * that both read it one way. A ZIP holding:
 *
 * <pre>
 * manifest.json                         format, gateway, selection, stretch of the log, SHA-256 of every other file
 * log/entries.jsonl                     the entries of the stretch, one JSON object per line, every stored field
 * log/checkpoints/checkpoint-*.txt      the signed checkpoints that anchor the stretch at both ends and within it
 * evidence/&lt;id&gt;/record.json       what the gateway recorded about one message kept as evidence
 * evidence/&lt;id&gt;/sealed.der        the message as it travelled (absent once destroyed)
 * evidence/&lt;id&gt;/signed.der        the SignedData inside it (absent once destroyed)
 * trust/crl/&lt;sha256&gt;.der          the partner CRLs held when inbound evidence was received
 * reviews/&lt;exchange id&gt;.json      who decided a case sent to review, when, how, and the justification
 * </pre>
 */
public final class ExportFormat {

    public static final String FORMAT = "urn:caseexchange:audit:export:v1";
    public static final String MANIFEST = "manifest.json";
    public static final String ENTRIES = "log/entries.jsonl";
    public static final String CHECKPOINTS = "log/checkpoints/";
    public static final String EVIDENCE = "evidence/";
    public static final String CRLS = "trust/crl/";
    public static final String REVIEWS = "reviews/";
    /** What a partner gave us, with its caveats and their handling: {@code received/<exchangeId>.json}. */
    public static final String RECEIVED = "received/";

    private ExportFormat() {}

    public static String reviewFile(UUID exchangeId) {
        return REVIEWS + exchangeId + ".json";
    }

    public static String receivedFile(UUID exchangeId) {
        return RECEIVED + exchangeId + ".json";
    }

    static Map<String, Object> toJson(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", entry.seq());
        json.put("recordedAt", entry.recordedAt().toString());
        json.put("event", entry.event());
        json.put(
                "exchangeId",
                entry.exchangeId() == null ? null : entry.exchangeId().toString());
        json.put("partner", entry.partner());
        json.put("actor", entry.actor());
        json.put("reasonCode", entry.reasonCode());
        json.put("digests", entry.digests());
        json.put("decision", entry.decision());
        json.put("evidence", entry.evidence());
        json.put("previousHash", entry.previousHash());
        json.put("hash", entry.hash());
        return json;
    }

    public static AuditEntry entryFromJson(Map<String, Object> json) {
        return new AuditEntry(
                ((Number) json.get("seq")).longValue(),
                Instant.parse((String) json.get("recordedAt")),
                (String) json.get("event"),
                json.get("exchangeId") == null ? null : UUID.fromString((String) json.get("exchangeId")),
                (String) json.get("partner"),
                (String) json.get("actor"),
                (String) json.get("reasonCode"),
                (String) json.get("digests"),
                (String) json.get("decision"),
                (String) json.get("evidence"),
                (String) json.get("previousHash"),
                (String) json.get("hash"));
    }
}
