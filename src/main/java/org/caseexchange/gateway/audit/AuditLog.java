package org.caseexchange.gateway.audit;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit log's writer. {@link #record} belongs to the caller's database transaction: the events
 * of one transaction are chained and written just before it commits, so the exchange and its entries
 * commit together or not at all. If the entries cannot be written the transaction fails, and whatever
 * it was about to make happen (a reply, an officer's decision) does not.
 *
 * <p>Appending takes the lock on the chain's head row, so concurrent transactions chain one after the
 * other: one head, contiguous sequence numbers. Because appends happen at commit time, the lock is
 * held for the append and the commit only, not for the caller's whole transaction.
 */
public class AuditLog {

    private static final String INSERT =
            "INSERT INTO audit_entry (seq, recorded_at, event, exchange_id, partner_code, actor,"
                    + " reason_code, digests, decision, evidence_ref, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The JDBC type of each of {@link #INSERT}'s values, so that a null binds as the same type as a value
     * in that column: the driver then prepares the insert once per connection, where a change of the
     * types bound from one entry to the next made PostgreSQL parse and plan it again for every entry.
     */
    private static final int[] INSERT_TYPES = {
        Types.BIGINT,
        Types.TIMESTAMP_WITH_TIMEZONE,
        Types.VARCHAR,
        Types.OTHER, // uuid
        Types.VARCHAR,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.CHAR,
        Types.CHAR
    };

    private static final String COLUMNS =
            "seq, recorded_at, event, exchange_id, partner_code, actor, reason_code, digests, decision,"
                    + " evidence_ref, previous_hash, entry_hash";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile LongConsumer afterAppend = seq -> {};
    private volatile Runnable whileAppending = () -> {};

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Told the new head's sequence number after each transaction that appended commits (the checkpoint writer counts). */
    void afterAppend(LongConsumer listener) {
        this.afterAppend = listener;
    }

    /**
     * Run after a transaction's entries are written and before the head moves, inside the transaction:
     * the crash test (docs/protocol.md section 4.7) halts the JVM here. Nothing else uses it.
     */
    public void whileAppending(Runnable hook) {
        this.whileAppending = hook;
    }

    /** Records the event when the caller's transaction commits; refuses to record outside a transaction. */
    public void record(AuditEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audit events are recorded in the caller's transaction; there is none");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.events.add(event);
    }

    /** The events of one transaction, appended in the order they were recorded. */
    private final class Pending implements TransactionSynchronization {
        private final List<AuditEvent> events = new ArrayList<>();
        private long appendedUpTo;

        @Override
        public void beforeCommit(boolean readOnly) {
            appendedUpTo = append(events);
        }

        @Override
        public void afterCommit() {
            afterAppend.accept(appendedUpTo);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
        }
    }

    /** Returns the new head's sequence number. */
    private long append(List<AuditEvent> events) {
        // Prepared, with the id bound, as every statement here: a plain statement is parsed and planned each time.
        Head head = jdbc.queryForObject("SELECT seq, entry_hash FROM audit_head WHERE id = ? FOR UPDATE", HEAD, 1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String previous = head.hash();
        List<Object[]> rows = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            AuditEntry entry = AuditEntry.chained(++seq, now, event, previous);
            rows.add(new Object[] {
                entry.seq(),
                Timestamps.utc(entry.recordedAt()),
                entry.event(),
                entry.exchangeId(),
                entry.partner(),
                entry.actor(),
                entry.reasonCode(),
                entry.digests(),
                entry.decision(),
                entry.evidence(),
                entry.previousHash(),
                entry.hash()
            });
            previous = entry.hash();
        }
        jdbc.batchUpdate(INSERT, rows, INSERT_TYPES);
        whileAppending.run();
        jdbc.update("UPDATE audit_head SET seq = ?, entry_hash = ? WHERE id = 1", seq, previous);
        return seq;
    }

    /** The last entry's sequence number and hash, as committed. */
    record Head(long seq, String hash) {}

    private static final RowMapper<Head> HEAD = (row, n) -> new Head(row.getLong("seq"), row.getString("entry_hash"));

    Head head() {
        return jdbc.queryForObject("SELECT seq, entry_hash FROM audit_head WHERE id = ?", HEAD, 1);
    }

    public long headSeq() {
        return head().seq();
    }

    /** The stored hash of entry {@code seq}, if the log holds it. */
    public Optional<String> hashAt(long seq) {
        return jdbc.queryForList("SELECT entry_hash FROM audit_entry WHERE seq = ?", String.class, seq).stream()
                .findFirst()
                .map(String::strip);
    }

    /** Verifies the whole stored chain against its head row and every given checkpoint. */
    public ChainVerifier.Report verify(List<Checkpoint> checkpoints) {
        Head head = head();
        ChainVerifier verifier = new ChainVerifier();
        if (head.seq() > 0) {
            verifier.expect(head.seq(), head.hash(), "head row");
        }
        checkpoints.stream()
                .filter(c -> c.logSize() > 0)
                .forEach(c -> verifier.expect(c.logSize(), c.headHash(), "checkpoint signed at " + c.signedAt()));
        org.caseexchange.gateway.logging.Progress progress = org.caseexchange.gateway.logging.Progress.of(
                org.slf4j.LoggerFactory.getLogger(AuditLog.class), "verifying the audit log", head.seq(), "entries");
        forEachEntry(entry -> {
            verifier.accept(entry);
            progress.advance(1);
        });
        return verifier.report();
    }

    /** Verifies the whole stored chain against its head row, reading it in pages. */
    public ChainVerifier.Report verify() {
        return verify(Optional.empty());
    }

    /** Verifies the whole stored chain against its head row and, when there is one, a checkpoint. */
    public ChainVerifier.Report verify(Optional<Checkpoint> checkpoint) {
        Head head = head();
        ChainVerifier verifier = new ChainVerifier();
        if (head.seq() > 0) {
            verifier.expect(head.seq(), head.hash(), "head row");
        }
        checkpoint
                .filter(c -> c.logSize() > 0)
                .ifPresent(c -> verifier.expect(c.logSize(), c.headHash(), "checkpoint signed at " + c.signedAt()));
        forEachEntry(verifier::accept);
        return verifier.report();
    }

    /** Every stored entry in sequence order, a page at a time, so a long log never sits in memory. */
    public void forEachEntry(Consumer<AuditEntry> consumer) {
        forEachEntry(Long.MIN_VALUE, Long.MAX_VALUE, consumer);
    }

    /** The stored entries after {@code after} up to and including {@code upTo}, in sequence order, a page at a time. */
    public void forEachEntry(long after, long upTo, Consumer<AuditEntry> consumer) {
        while (true) {
            List<AuditEntry> page = jdbc.query(
                    "SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq"
                            + " FETCH FIRST 1000 ROWS ONLY",
                    ENTRY,
                    after,
                    upTo);
            page.forEach(consumer);
            if (page.size() < 1000) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    public List<AuditEntry> entriesOf(UUID exchangeId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM audit_entry WHERE exchange_id = ? ORDER BY seq", ENTRY, exchangeId);
    }

    /** The stored hash of one entry, if it exists. */
    public Optional<String> hashOf(long seq) {
        return jdbc.queryForList("SELECT entry_hash FROM audit_entry WHERE seq = ?", String.class, seq).stream()
                .findFirst();
    }

    public List<AuditEntry> entriesOfType(AuditEventType type) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_entry WHERE event = ? ORDER BY seq", ENTRY, type.name());
    }

    static final RowMapper<AuditEntry> ENTRY = (row, n) -> new AuditEntry(
            row.getLong("seq"),
            row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
            row.getString("event"),
            row.getObject("exchange_id", UUID.class),
            row.getString("partner_code"),
            row.getString("actor"),
            row.getString("reason_code"),
            row.getString("digests"),
            row.getString("decision"),
            row.getString("evidence_ref"),
            row.getString("previous_hash"),
            row.getString("entry_hash"));
}
