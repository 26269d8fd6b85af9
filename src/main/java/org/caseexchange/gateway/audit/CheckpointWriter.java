package org.caseexchange.gateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caseexchange.gateway.database.InstanceLocks;
import org.caseexchange.gateway.database.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Signs a checkpoint of the log every {@code everyEntries} entries or every {@code every}, whichever
 * comes first, and only when the log has grown. Each checkpoint is written to the folder first, then
 * copied into the database, so the file (the copy that counts) is never behind the table.
 *
 * <p>Nothing is written until {@link #allow()}: a log that failed its start-up check must not be
 * covered by a fresh signature before an operator has acknowledged what was found.
 */
public class CheckpointWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final AuditLog log;
    private final JdbcTemplate jdbc;
    private final CheckpointSigner signer;
    private final CheckpointFolder folder;
    private final Optional<CheckpointFolder> witness;
    private final Clock clock;
    private final int everyEntries;
    private final ScheduledExecutorService scheduler;
    private final InstanceLocks locks;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean allowed;
    private volatile long coveredSize;
    private volatile String coveredHash;
    private volatile Optional<String> failure = Optional.empty();

    CheckpointWriter(
            AuditLog log,
            JdbcTemplate jdbc,
            CheckpointSigner signer,
            CheckpointFolder folder,
            Optional<CheckpointFolder> witness,
            Clock clock,
            int everyEntries,
            Duration every,
            InstanceLocks locks) {
        this.locks = locks;
        this.log = log;
        this.jdbc = jdbc;
        this.signer = signer;
        this.folder = folder;
        this.witness = witness;
        this.clock = clock;
        this.everyEntries = everyEntries;
        Optional<Checkpoint> latest = latestStored();
        this.coveredSize = latest.map(Checkpoint::logSize).orElse(-1L);
        this.coveredHash = latest.map(Checkpoint::headHash).orElse(null);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                this::writeIfGrownQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        log.afterAppend(this::appended);
    }

    void allow() {
        allowed = true;
    }

    /** Why the last attempt failed, until one succeeds. */
    public Optional<String> failure() {
        return failure;
    }

    /** Writes a checkpoint of the log as committed now, unless the last one already covers it. */
    public synchronized Optional<Checkpoint> writeIfGrown() {
        if (!allowed || log.headSeq() == coveredSize) {
            return Optional.empty();
        }
        // One instance at a time, each starting from the last checkpoint any of them signed.
        List<Checkpoint> written = new ArrayList<>();
        locks.runAlone(InstanceLocks.Job.CHECKPOINTS, Duration.ofMinutes(1), () -> {
            latestStored().filter(stored -> stored.logSize() > coveredSize).ifPresent(stored -> {
                coveredSize = stored.logSize();
                coveredHash = stored.headHash();
            });
            if (log.headSeq() != coveredSize) {
                written.add(write());
            }
        });
        return written.stream().findFirst();
    }

    /**
     * After an operator acknowledged findings: the log as it now is becomes the baseline, even where it
     * contradicts the checkpoint before.
     */
    synchronized void acceptTheLogAsItIs() {
        coveredHash = null;
    }

    /** Writes a checkpoint of the log as committed now, grown or not (after an acknowledgement, before an export). */
    public synchronized Checkpoint writeNow() {
        if (!allowed) {
            throw new IllegalStateException("the audit log has unacknowledged findings; no checkpoint may cover it");
        }
        return write();
    }

    private Checkpoint write() {
        AuditLog.Head head = log.head();
        requireConsistentWithTheLastOne(head);
        Checkpoint checkpoint = signer.sign(head.seq(), head.hash(), clock.instant());
        try {
            folder.write(checkpoint);
            witness.ifPresent(copy -> copy.write(checkpoint));
            jdbc.update(
                    "INSERT INTO audit_checkpoint (log_size, head_hash, signed_at, agency_code, certificate, algorithm, signature)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    checkpoint.logSize(),
                    checkpoint.headHash(),
                    Timestamps.utc(checkpoint.signedAt()),
                    checkpoint.agency(),
                    checkpoint.certificate(),
                    checkpoint.algorithm(),
                    Base64.getEncoder().encodeToString(checkpoint.signature()));
            failure = Optional.empty();
        } catch (RuntimeException e) {
            failure = Optional.of(
                    e.getClass().getSimpleName() + " writing the checkpoint of log size " + checkpoint.logSize());
            throw e;
        }
        coveredSize = checkpoint.logSize();
        coveredHash = checkpoint.headHash();
        LOG.info("audit checkpoint signed: log size {}, head {}", checkpoint.logSize(), checkpoint.headHash());
        return checkpoint;
    }

    /**
     * Refuses to sign a log that contradicts the checkpoint signed before: shorter than it, or with
     * another entry where it ended (a rewritten chain changes that entry's hash too).
     */
    private void requireConsistentWithTheLastOne(AuditLog.Head head) {
        if (coveredSize <= 0 || coveredHash == null) {
            return;
        }
        String hashThere = head.seq() == coveredSize
                ? head.hash()
                : log.hashAt(coveredSize).orElse(null);
        if (head.seq() < coveredSize || !coveredHash.equals(hashThere)) {
            failure = Optional.of("the log no longer matches the checkpoint of log size " + coveredSize
                    + "; nothing is signed over it");
            throw new IllegalStateException(failure.get());
        }
    }

    /**
     * One checkpoint at a time: entries appended while one is written do not ask for another, which would
     * follow it at once and cover only them. Once it is written, the next comes {@code everyEntries} on.
     */
    private void appended(long headSeq) {
        if (allowed && headSeq - coveredSize >= everyEntries && pending.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                try {
                    writeIfGrownQuietly();
                } finally {
                    pending.set(false);
                }
            });
        }
    }

    private void writeIfGrownQuietly() {
        try {
            writeIfGrown();
        } catch (RuntimeException e) {
            LOG.error(
                    "audit checkpoint not written; retrying at the next interval: {}",
                    failure.orElse(e.getClass().getSimpleName()));
        }
    }

    /** The checkpoints the database holds, oldest first. */
    public List<Checkpoint> stored() {
        return jdbc.query("SELECT * FROM audit_checkpoint ORDER BY id", CHECKPOINT);
    }

    Optional<Checkpoint> latestStored() {
        return jdbc
                .query("SELECT * FROM audit_checkpoint ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", CHECKPOINT)
                .stream()
                .findFirst();
    }

    static final RowMapper<Checkpoint> CHECKPOINT = (row, n) -> new Checkpoint(
            row.getString("agency_code"),
            row.getLong("log_size"),
            row.getString("head_hash"),
            row.getObject("signed_at", OffsetDateTime.class).toInstant(),
            row.getString("certificate"),
            row.getString("algorithm"),
            Base64.getDecoder().decode(row.getString("signature")));

    /** A last checkpoint of what was logged, so that nothing the gateway wrote is outside one while it is stopped. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            writeIfGrown();
        } catch (RuntimeException e) {
            LOG.error(
                    "no audit checkpoint at shutdown: {}",
                    failure.orElse(e.getClass().getSimpleName()));
        }
    }
}
