package org.caseexchange.gateway.audit.evidence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our officers' queries that wait for a second officer: the caseQuery as written names a person, so it
 * is kept encrypted at rest with the archive key, as evidence is (the exchange id and the role
 * {@value #ROLE} are authenticated with it), and removed once the query is sent or refused.
 */
public class PendingQueries {

    static final String ROLE = "pending-query";

    private final JdbcTemplate jdbc;
    private final ArchiveKeys keys;
    private final EvidenceCipher cipher;

    public PendingQueries(JdbcTemplate jdbc, ArchiveKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.cipher = new EvidenceCipher(keys);
    }

    /** Keeps a query in the caller's transaction (the exchange's). */
    public void keep(UUID exchangeId, byte[] document, Instant now) {
        jdbc.update(
                "INSERT INTO pending_query (exchange_id, document, archive_key, created_at) VALUES (?, ?, ?, ?)",
                exchangeId,
                cipher.encrypt(document, exchangeId.toString(), ROLE),
                keys.keyId(),
                Timestamps.utc(now));
    }

    public Optional<byte[]> read(UUID exchangeId) {
        return jdbc
                .query(
                        "SELECT document FROM pending_query WHERE exchange_id = ?",
                        (row, n) -> cipher.decrypt(row.getBytes("document"), exchangeId.toString(), ROLE),
                        exchangeId)
                .stream()
                .findFirst();
    }

    /** Removes the query once it is sealed or refused, in the caller's transaction. */
    public void remove(UUID exchangeId) {
        jdbc.update("DELETE FROM pending_query WHERE exchange_id = ?", exchangeId);
    }
}
