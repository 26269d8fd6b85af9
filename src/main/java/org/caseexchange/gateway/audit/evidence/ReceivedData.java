package org.caseexchange.gateway.audit.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What partners gave us (their answers to our queries, their proactive disclosures), destroyed when its
 * retention ends: the earliest of the annex's retention and any date the partner's caveats set. Each
 * destruction is its own transaction with a RECEIVED_DATA_DESTROYED entry carrying the digest of what
 * the partner signed, which the exchange's earlier entries chained; the row and its encrypted document
 * go. The caveat codes are kept beside each document (never their free text, which stays encrypted in
 * it), so that every view and export can say how the data must be handled.
 */
public class ReceivedData {

    private record Expired(String table, UUID exchangeId, String partner, String payloadDigest) {}

    private final JdbcTemplate jdbc;
    private final AuditLog log;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ReceivedData(JdbcTemplate jdbc, AuditLog log, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.log = log;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Destroys up to {@code max} answers and disclosures past their retention; returns how many. */
    public int destroyExpired(int max) {
        Instant now = clock.instant();
        List<Expired> expired = jdbc.query(
                "SELECT 'received_answer' AS source, r.exchange_id, e.partner_code, e.payload_digest"
                        + " FROM received_answer r JOIN exchange e ON e.id = r.exchange_id WHERE r.retain_until < ?"
                        + " UNION ALL SELECT 'received_disclosure', r.exchange_id, r.partner_code, e.payload_digest"
                        + " FROM received_disclosure r JOIN exchange e ON e.id = r.exchange_id WHERE r.retain_until < ?"
                        + " ORDER BY 2 FETCH FIRST " + max + " ROWS ONLY",
                (row, n) -> new Expired(
                        row.getString(1),
                        row.getObject(2, UUID.class),
                        row.getString(3),
                        row.getString(4) == null ? null : row.getString(4).strip()),
                Timestamps.utc(now),
                Timestamps.utc(now));
        int destroyed = 0;
        for (Expired item : expired) {
            Boolean done = transactions.execute(status -> {
                // The table name comes from the query above, never from outside.
                int rows = jdbc.update(
                        "DELETE FROM " + item.table() + " WHERE exchange_id = ? AND retain_until < ?",
                        item.exchangeId(),
                        Timestamps.utc(now));
                if (rows == 1) {
                    AuditEvent event =
                            AuditEvent.of(AuditEventType.RECEIVED_DATA_DESTROYED, item.exchangeId(), item.partner());
                    log.record(
                            item.payloadDigest() == null ? event : event.withDigest("payload", item.payloadDigest()));
                }
                return rows == 1;
            });
            destroyed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return destroyed;
    }

    static String joined(List<String> caveats) {
        return String.join(",", caveats);
    }

    static List<String> split(String caveats) {
        return caveats == null || caveats.isBlank() ? List.of() : Arrays.asList(caveats.split(","));
    }
}
