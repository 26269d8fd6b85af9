package org.caseexchange.gateway.audit.evidence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partner's answers to our queries: what it released, kept as the signed document it arrived as,
 * encrypted at rest with the archive key as evidence is (the answer's exchange id and the role
 * {@value #ROLE} are authenticated with it), and read back only through here.
 */
public class ReceivedAnswers {

    static final String ROLE = "received-answer";

    /** One answer as kept; its document decrypted. Personal data: never logged. */
    public record Answer(
            UUID exchangeId,
            UUID queryExchangeId,
            String kind,
            String decision,
            Instant receivedAt,
            Instant retainUntil,
            List<String> caveats,
            byte[] document) {
        @Override
        public String toString() {
            return "Answer[" + exchangeId + " to " + queryExchangeId + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final ArchiveKeys keys;
    private final EvidenceCipher cipher;

    public ReceivedAnswers(JdbcTemplate jdbc, ArchiveKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.cipher = new EvidenceCipher(keys);
    }

    /** Keeps an answer in the caller's transaction (the answer's exchange). */
    public void keep(
            UUID exchangeId,
            UUID queryExchangeId,
            String kind,
            String decision,
            Instant receivedAt,
            Instant retainUntil,
            List<String> caveats,
            byte[] document) {
        jdbc.update(
                "INSERT INTO received_answer (exchange_id, query_exchange_id, message_kind, decision, received_at,"
                        + " retain_until, caveats, document, archive_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                exchangeId,
                queryExchangeId,
                kind,
                decision,
                Timestamps.utc(receivedAt),
                Timestamps.utc(retainUntil),
                ReceivedData.joined(caveats),
                cipher.encrypt(document, exchangeId.toString(), ROLE),
                keys.keyId());
    }

    /** Every answer the partner gave to one of our queries, oldest first. */
    public List<Answer> toQuery(UUID queryExchangeId) {
        return jdbc.query(
                "SELECT * FROM received_answer WHERE query_exchange_id = ? ORDER BY received_at",
                (row, n) -> {
                    UUID id = row.getObject("exchange_id", UUID.class);
                    return new Answer(
                            id,
                            queryExchangeId,
                            row.getString("message_kind"),
                            row.getString("decision"),
                            row.getObject("received_at", OffsetDateTime.class).toInstant(),
                            row.getObject("retain_until", OffsetDateTime.class).toInstant(),
                            ReceivedData.split(row.getString("caveats")),
                            cipher.decrypt(row.getBytes("document"), id.toString(), ROLE));
                },
                queryExchangeId);
    }
}
