package org.caseexchange.gateway.audit;

import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN while the log has unacknowledged findings (the gateway processes nothing) or a checkpoint
 * cannot be written; the details say what was found and the code an operator quotes to acknowledge it.
 */
@Component("auditLogHealthIndicator") // reported as "auditLog"
class AuditIntegrityHealthIndicator extends AbstractHealthIndicator {

    private static final int SHOWN_FINDINGS = 20;

    private final AuditIntegrity integrity;
    private final CheckpointWriter writer;

    AuditIntegrityHealthIndicator(AuditIntegrity integrity, CheckpointWriter writer) {
        super("audit log check failed");
        this.integrity = integrity;
        this.writer = writer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        AuditIntegrity.State state = integrity.state();
        builder.withDetail("status", state.status().name())
                .withDetail("entriesVerifiedAtStart", state.entriesChecked());
        state.checkpoint()
                .ifPresent(checkpoint -> builder.withDetail(
                        "checkpoint", "log size " + checkpoint.logSize() + ", signed at " + checkpoint.signedAt()));
        List<String> findings = state.findings();
        if (!findings.isEmpty()) {
            builder.withDetail("findings", findings.subList(0, Math.min(SHOWN_FINDINGS, findings.size())))
                    .withDetail("findingsCount", findings.size());
        }
        writer.failure().ifPresent(failure -> builder.withDetail("checkpointFailure", failure));
        if (state.status() == AuditIntegrity.Status.MISMATCH) {
            builder.down()
                    .withDetail(
                            "acknowledgeWith",
                            "--gateway.audit.acknowledge.operator=operator:<id> " + "--gateway.audit.acknowledge.code="
                                    + state.acknowledgementCode());
        } else if (writer.failure().isPresent()) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
