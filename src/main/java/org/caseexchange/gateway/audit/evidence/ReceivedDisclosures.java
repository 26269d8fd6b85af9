package org.caseexchange.gateway.audit.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The proactive disclosures partners sent us: case information for the officers, kept as the signed
 * document it arrived as, encrypted at rest with the archive key as evidence is (the exchange id and
 * the role {@value #ROLE} are authenticated with it), and read back only through here.
 */
public class ReceivedDisclosures {

    static final String ROLE = "received-disclosure";

    /** One disclosure as kept; its document decrypted. */
    public record Disclosure(
            UUID exchangeId,
            String partner,
            String legalBasis,
            String senderReference,
            Instant receivedAt,
            Instant retainUntil,
            List<String> caveats,
            byte[] document) {
        @Override
        public String toString() {
            return "Disclosure[" + exchangeId + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final ArchiveKeys keys;
    private final EvidenceCipher cipher;

    public ReceivedDisclosures(JdbcTemplate jdbc, ArchiveKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.cipher = new EvidenceCipher(keys);
    }

    /** Keeps a disclosure in the caller's transaction (the exchange's). */
    public void keep(
            UUID exchangeId,
            String partner,
            String legalBasis,
            String senderReference,
            Instant receivedAt,
            Instant retainUntil,
            List<String> caveats,
            byte[] document) {
        jdbc.update(
                "INSERT INTO received_disclosure (exchange_id, partner_code, legal_basis, sender_reference, received_at,"
                        + " retain_until, caveats, document, archive_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                exchangeId,
                partner,
                legalBasis,
                senderReference,
                Timestamps.utc(receivedAt),
                Timestamps.utc(retainUntil),
                ReceivedData.joined(caveats),
                cipher.encrypt(document, exchangeId.toString(), ROLE),
                keys.keyId());
    }

    public Optional<Disclosure> read(UUID exchangeId) {
        return jdbc
                .query(
                        "SELECT * FROM received_disclosure WHERE exchange_id = ?",
                        (row, n) -> new Disclosure(
                                exchangeId,
                                row.getString("partner_code"),
                                row.getString("legal_basis"),
                                row.getString("sender_reference"),
                                row.getObject("received_at", java.time.OffsetDateTime.class)
                                        .toInstant(),
                                row.getObject("retain_until", java.time.OffsetDateTime.class)
                                        .toInstant(),
                                ReceivedData.split(row.getString("caveats")),
                                cipher.decrypt(row.getBytes("document"), exchangeId.toString(), ROLE)),
                        exchangeId)
                .stream()
                .findFirst();
    }
}
