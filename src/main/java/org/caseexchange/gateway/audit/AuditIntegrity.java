package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.trust.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether the gateway may process: the stored log verifies from its first entry and matches every
 * checkpoint, in the folder outside the database, in the database and at the witness (docs/audit.md,
 * "Checkpoints"). Truncation, a restored old backup or
 * a rewritten chain is a finding; while a finding is unacknowledged the gateway processes nothing, its
 * health is DOWN, and no new checkpoint covers the log. An operator's acknowledgement is itself an
 * entry of the log, and a finding acknowledged once does not stop the gateway again.
 */
public class AuditIntegrity {

    private static final Logger LOG = LoggerFactory.getLogger(AuditIntegrity.class);
    private static final Pattern OPERATOR = Pattern.compile("operator:[A-Za-z0-9._-]{1,64}");

    public enum Status {
        INTACT,
        ACKNOWLEDGED,
        MISMATCH
    }

    /**
     * @param findings what does not match, one line each; under ACKNOWLEDGED, those acknowledged earlier
     * @param acknowledgementCode what an operator quotes to acknowledge these findings, or null
     */
    public record State(
            Status status,
            long entriesChecked,
            long logSize,
            Optional<Checkpoint> checkpoint,
            List<String> findings,
            String acknowledgementCode) {
        public State {
            findings = List.copyOf(findings);
        }
    }

    private final AuditLog log;
    private final CheckpointWriter writer;
    private final CheckpointFolder folder;
    private final Optional<CheckpointFolder> witness;
    private final X509Certificate auditCertificate;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile State state;

    AuditIntegrity(
            AuditLog log,
            CheckpointWriter writer,
            CheckpointFolder folder,
            Optional<CheckpointFolder> witness,
            X509Certificate auditCertificate,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.log = log;
        this.writer = writer;
        this.folder = folder;
        this.witness = witness;
        this.auditCertificate = auditCertificate;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public State state() {
        return state;
    }

    /** False until the start-up check passed or its findings were acknowledged. */
    public boolean processingAllowed() {
        return state != null && state.status() != Status.MISMATCH;
    }

    /**
     * Verifies the log against every checkpoint there is: each file of the folder, each the database
     * records, each of the witness; run at start-up before anything is processed. Besides the chain
     * and each checkpoint's entry, the copies must agree: a checkpoint the database records without its
     * file, a file the database does not record, one the witness holds that the folder lost, or a
     * checkpoint that covers less than one signed before it, is a finding.
     */
    public synchronized State check() {
        Acknowledged acknowledged = acknowledged();
        List<String> findings = new ArrayList<>();
        CheckpointFolder.All files = acknowledged.closing(folder.all());
        files.unreadableFiles()
                .forEach(file -> findings.add("checkpoint file " + file + " is not a checkpoint in canonical form"));
        List<Checkpoint> stored = acknowledged.closing(writer.stored());
        Optional<CheckpointFolder.All> witnessed =
                witness.map(CheckpointFolder::all).map(acknowledged::closing);
        witnessed.ifPresent(copies -> copies.unreadableFiles()
                .forEach(file ->
                        findings.add("witnessed checkpoint file " + file + " is not a checkpoint in canonical form")));

        Set<Checkpoint> inFolder = new LinkedHashSet<>(files.checkpoints());
        for (Checkpoint recorded : stored) {
            if (!inFolder.contains(recorded)) {
                findings.add("the database records a checkpoint of log size " + recorded.logSize() + " signed at "
                        + recorded.signedAt() + " that the checkpoint folder " + folder.path() + " does not hold");
            }
        }
        Set<Checkpoint> inDatabase = new LinkedHashSet<>(stored);
        for (Checkpoint file : files.checkpoints()) {
            if (!inDatabase.contains(file)) {
                findings.add("checkpoint file of log size " + file.logSize() + " signed at " + file.signedAt()
                        + " is not recorded in the database");
            }
        }
        witnessed.ifPresent(copies -> copies.checkpoints().stream()
                .filter(copy -> !inFolder.contains(copy))
                .forEach(copy -> findings.add("the witness holds a checkpoint of log size " + copy.logSize()
                        + " signed at " + copy.signedAt() + " that the checkpoint folder no longer holds")));

        Set<Checkpoint> all = new LinkedHashSet<>(files.checkpoints());
        all.addAll(stored);
        witnessed.ifPresent(copies -> all.addAll(copies.checkpoints()));
        List<Checkpoint> valid = new ArrayList<>();
        for (Checkpoint checkpoint : all) {
            if (checkpoint.isSignedBy(auditCertificate)) {
                valid.add(checkpoint);
            } else {
                findings.add("checkpoint of log size " + checkpoint.logSize() + " signed at " + checkpoint.signedAt()
                        + " is not signed by this gateway's audit key " + Sha256.fingerprint(auditCertificate));
            }
        }
        valid.sort(Comparator.comparing(Checkpoint::signedAt));
        Optional<Checkpoint> checkpoint = valid.isEmpty() ? Optional.empty() : Optional.of(valid.get(valid.size() - 1));
        ChainVerifier.Report report = log.verify(valid);
        report.problems().forEach(problem -> findings.add(problem.toString()));

        Set<String> unacknowledged = new LinkedHashSet<>(findings);
        unacknowledged.removeAll(acknowledged.findings());
        if (unacknowledged.isEmpty()) {
            state = new State(
                    findings.isEmpty() ? Status.INTACT : Status.ACKNOWLEDGED,
                    report.entriesChecked(),
                    report.lastSeq(),
                    checkpoint,
                    findings,
                    null);
            writer.allow();
            LOG.info("audit log verified: {} entries, status {}", report.entriesChecked(), state.status());
        } else {
            List<String> open = List.copyOf(unacknowledged);
            state = new State(Status.MISMATCH, report.entriesChecked(), report.lastSeq(), checkpoint, open, code(open));
            LOG.error(
                    "audit log does not match its checkpoints: {} findings; processing refused until an operator acknowledges code {}",
                    open.size(),
                    state.acknowledgementCode());
        }
        return state;
    }

    /**
     * Records the operator's acknowledgement of the current findings, then signs a checkpoint of the log
     * as it now is, so that processing can resume. The code must be the one the findings were reported
     * with: an acknowledgement left in a configuration file never covers findings nobody saw.
     *
     * @param operator {@code operator:<id>}
     */
    public synchronized State acknowledge(String operator, String code) {
        if (!OPERATOR.matcher(operator).matches()) {
            throw new IllegalArgumentException("an acknowledgement names its operator as operator:<id>");
        }
        State current = state;
        if (current == null
                || current.status() != Status.MISMATCH
                || !current.acknowledgementCode().equals(code)) {
            throw new IllegalArgumentException(
                    "the code does not match the findings now reported; nothing was acknowledged");
        }
        String findings = String.join("\n", current.findings());
        String digest = Sha256.hex(findings.getBytes(UTF_8));
        transactions.executeWithoutResult(status -> {
            jdbc.update(
                    "INSERT INTO audit_acknowledgement (findings_digest, findings, acknowledged_at) VALUES (?, ?, ?)",
                    digest,
                    findings,
                    Timestamps.utc(clock.instant()));
            log.record(AuditEvent.of(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED, null, null)
                    .by(operator)
                    .withDigest("findings", digest));
        });
        writer.allow();
        writer.acceptTheLogAsItIs();
        Checkpoint checkpoint = writer.writeNow();
        state = new State(
                Status.ACKNOWLEDGED,
                current.entriesChecked(),
                checkpoint.logSize(),
                Optional.of(checkpoint),
                current.findings(),
                null);
        LOG.warn(
                "audit log findings acknowledged by {}; processing resumes from log size {}",
                operator,
                checkpoint.logSize());
        return state;
    }

    /**
     * What acknowledgements of the log vouch for: findings whose stored text hashes to an entry's
     * digest, and, from the latest, a line under the past. Checkpoints signed before the latest
     * acknowledgement stay where they are as the record of what was, but are no longer compared: the
     * checkpoint signed with the acknowledgement is the baseline from then on.
     */
    private record Acknowledged(Set<String> findings, Optional<Instant> latest) {

        List<Checkpoint> closing(List<Checkpoint> checkpoints) {
            return checkpoints.stream()
                    .filter(c -> latest.isEmpty() || !c.signedAt().isBefore(latest.get()))
                    .toList();
        }

        CheckpointFolder.All closing(CheckpointFolder.All all) {
            return new CheckpointFolder.All(closing(all.checkpoints()), all.unreadableFiles());
        }
    }

    private Acknowledged acknowledged() {
        Set<String> vouched = new LinkedHashSet<>();
        Optional<Instant> latest = Optional.empty();
        for (AuditEntry entry : log.entriesOfType(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED)) {
            Optional<String> text = entry.digest("findings")
                    .flatMap(digest -> jdbc
                            .query(
                                    "SELECT findings FROM audit_acknowledgement WHERE findings_digest = ?",
                                    (row, n) -> row.getString("findings"),
                                    digest)
                            .stream()
                            .filter(found -> Sha256.hex(found.getBytes(UTF_8)).equals(digest))
                            .findFirst());
            if (text.isPresent()) {
                vouched.addAll(List.of(text.get().split("\n")));
                latest = Optional.of(entry.recordedAt());
            }
        }
        return new Acknowledged(vouched, latest);
    }

    private static String code(List<String> findings) {
        return Sha256.hex(String.join("\n", findings).getBytes(UTF_8)).substring(0, 16);
    }
}
