package org.caseexchange.gateway.exchange;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells an outage from a fault. An outage (database or broker unreachable, disk full, a lock that could
 * not be had) rolls back and holds the message for as long as it lasts; a fault of the gateway with this
 * message is counted, and after {@code gateway.exchange.max-processing-faults} the message is
 * dead-lettered instead of being retried for ever. A unique violation is a fault: the race it usually
 * is (a concurrent delivery of the same message, two first queries of a day under one quota) is over
 * at the next delivery, which finds the other's row; one that comes at every delivery would otherwise
 * hold the message for ever.
 */
public class ProcessingFaults {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int limit;
    private final Clock clock;

    ProcessingFaults(JdbcTemplate jdbc, TransactionTemplate transactions, int limit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.limit = limit;
        this.clock = clock;
    }

    /** Whether the failure is of the infrastructure (or a race), not of this message. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof ConcurrencyFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof JmsException
                    || cause instanceof JMSException
                    || cause instanceof IOException
                    || cause instanceof UncheckedIOException
                    || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("57")
                            || sql.getSQLState().startsWith("53"))) {
                // Connection exceptions, operator intervention (a server shutting down), insufficient resources.
                return true;
            }
        }
        return false;
    }

    /** Counts a fault of processing this message; returns how many it has had. */
    public int record(InboundMessage message, Throwable failure) {
        String name = failure.getClass().getName();
        String fault = name.length() > 200 ? name.substring(name.length() - 200) : name;
        String partner = message.partner().agencyCode();
        Integer after = transactions.execute(status -> {
            OffsetDateTime now = Timestamps.utc(clock.instant());
            int updated = jdbc.update(
                    "UPDATE delivery_fault SET faults = faults + 1, last_fault = ?, updated_at = ?"
                            + " WHERE partner_code = ? AND queue = ? AND body_digest = ?",
                    fault,
                    now,
                    partner,
                    message.queue(),
                    message.bodyDigest());
            if (updated == 0) {
                jdbc.update(
                        "INSERT INTO delivery_fault (partner_code, queue, body_digest, faults, last_fault, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
                        partner,
                        message.queue(),
                        message.bodyDigest(),
                        fault,
                        now);
            }
            return faultsOf(message);
        });
        return after == null ? 0 : after;
    }

    public boolean exhausted(InboundMessage message) {
        return faultsOf(message) >= limit;
    }

    /** In the transaction that finally processes the message. */
    public void clear(InboundMessage message) {
        jdbc.update(
                "DELETE FROM delivery_fault WHERE partner_code = ? AND queue = ? AND body_digest = ?",
                message.partner().agencyCode(),
                message.queue(),
                message.bodyDigest());
    }

    private int faultsOf(InboundMessage message) {
        return jdbc
                .query(
                        "SELECT faults FROM delivery_fault WHERE partner_code = ? AND queue = ? AND body_digest = ?",
                        (rs, row) -> rs.getInt(1),
                        message.partner().agencyCode(),
                        message.queue(),
                        message.bodyDigest())
                .stream()
                .findFirst()
                .orElse(0);
    }
}
