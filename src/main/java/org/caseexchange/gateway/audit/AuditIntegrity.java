package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.caseexchange.gateway.trust.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether the gateway may process: the stored log verifies from its first entry and matches the latest
 * checkpoint outside the database (docs/audit.md, "Checkpoints"). Truncation, a restored old backup or
 * a rewritten chain is a finding; while a finding is unacknowledged the gateway processes nothing, its
 * health is DOWN, and no new checkpoint covers the log. An operator's acknowledgement is itself an
 * entry of the log, and a finding acknowledged once does not stop the gateway again.
 */
public class AuditIntegrity {

    private static final Logger LOG = LoggerFactory.getLogger(AuditIntegrity.class);
    private static final Pattern OPERATOR = Pattern.compile("operator:[A-Za-z0-9._-]{1,64}");

    public enum Status { INTACT, ACKNOWLEDGED, MISMATCH }

    /**
     * @param findings what does not match, one line each; under ACKNOWLEDGED, those acknowledged earlier
     * @param acknowledgementCode what an operator quotes to acknowledge these findings, or null
     */
    public record State(Status status, long entriesChecked, long logSize, Optional<Checkpoint> checkpoint, List<String> findings,
            String acknowledgementCode) {
        public State {
            findings = List.copyOf(findings);
        }
    }

    private final AuditLog log;
    private final CheckpointWriter writer;
    private final CheckpointFolder folder;
    private final X509Certificate auditCertificate;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile State state;

    AuditIntegrity(AuditLog log, CheckpointWriter writer, CheckpointFolder folder, X509Certificate auditCertificate, JdbcTemplate jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.log = log;
        this.writer = writer;
        this.folder = folder;
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

    /** Verifies the log against the latest external checkpoint; run at start-up before anything is processed. */
    public synchronized State check() {
        CheckpointFolder.Latest latest = folder.latest();
        List<String> findings = new ArrayList<>();
        latest.unreadableFile().ifPresent(file -> findings.add("checkpoint file " + file + " is not a checkpoint in canonical form"));
        Optional<Checkpoint> checkpoint = latest.checkpoint();
        if (checkpoint.isPresent() && !checkpoint.get().isSignedBy(auditCertificate)) {
            findings.add("checkpoint of log size " + checkpoint.get().logSize() + " is not signed by this gateway's audit key "
                    + Sha256.fingerprint(auditCertificate));
            checkpoint = Optional.empty();
        }
        if (latest.checkpoint().isEmpty() && latest.unreadableFile().isEmpty()) {
            writer.latestStored().ifPresent(stored -> findings.add("the checkpoint folder " + folder.path()
                    + " holds no checkpoint, but the database records one of log size " + stored.logSize()));
        }
        ChainVerifier.Report report = log.verify(checkpoint);
        report.problems().forEach(problem -> findings.add(problem.toString()));

        Set<String> unacknowledged = new LinkedHashSet<>(findings);
        unacknowledged.removeAll(acknowledgedFindings());
        if (unacknowledged.isEmpty()) {
            state = new State(findings.isEmpty() ? Status.INTACT : Status.ACKNOWLEDGED, report.entriesChecked(), report.lastSeq(),
                    checkpoint, findings, null);
            writer.allow();
            LOG.info("audit log verified: {} entries, status {}", report.entriesChecked(), state.status());
        } else {
            List<String> open = List.copyOf(unacknowledged);
            state = new State(Status.MISMATCH, report.entriesChecked(), report.lastSeq(), checkpoint, open, code(open));
            LOG.error("audit log does not match its checkpoints: {} findings; processing refused until an operator acknowledges code {}",
                    open.size(), state.acknowledgementCode());
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
        if (current == null || current.status() != Status.MISMATCH || !current.acknowledgementCode().equals(code)) {
            throw new IllegalArgumentException("the code does not match the findings now reported; nothing was acknowledged");
        }
        String findings = String.join("\n", current.findings());
        String digest = Sha256.hex(findings.getBytes(UTF_8));
        transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO audit_acknowledgement (findings_digest, findings, acknowledged_at) VALUES (?, ?, ?)", digest, findings,
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            log.record(AuditEvent.of(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED, null, null).by(operator).withDigest("findings", digest));
        });
        writer.allow();
        Checkpoint checkpoint = writer.writeNow();
        state = new State(Status.ACKNOWLEDGED, current.entriesChecked(), checkpoint.logSize(), Optional.of(checkpoint), current.findings(),
                null);
        LOG.warn("audit log findings acknowledged by {}; processing resumes from log size {}", operator, checkpoint.logSize());
        return state;
    }

    /** Findings that an acknowledgement entry of the log vouches for: the stored text must hash to the entry's digest. */
    private Set<String> acknowledgedFindings() {
        Set<String> vouched = new LinkedHashSet<>();
        for (AuditEntry entry : log.entriesOfType(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED)) {
            entry.digest("findings").ifPresent(digest -> jdbc.query("SELECT findings FROM audit_acknowledgement WHERE findings_digest = ?",
                    (row, n) -> row.getString("findings"), digest).stream()
                    .filter(text -> Sha256.hex(text.getBytes(UTF_8)).equals(digest))
                    .forEach(text -> vouched.addAll(List.of(text.split("\n")))));
        }
        return vouched;
    }

    private static String code(List<String> findings) {
        return Sha256.hex(String.join("\n", findings).getBytes(UTF_8)).substring(0, 16);
    }
}
