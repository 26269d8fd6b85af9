package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.SystemHealth;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gateway as shipped, started three times on one data directory: it checkpoints its log; after the
 * log was cut behind its back it starts DOWN and says how to acknowledge; started again with that
 * acknowledgement it records it and is UP.
 */
class AuditStartupTest {

    @Test
    void aLogCutWhileTheGatewayWasDownKeepsItDownUntilAnOperatorAcknowledges() {
        String dataDir = EmbeddedGatewayTest.newDataDirectory();
        Map<String, Object> settings = Map.of("gateway.data-dir", dataDir);

        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            assertThat(auditHealth(gateway).getStatus()).isEqualTo(Status.UP);
            TransactionTemplate transactions = gateway.getBean(TransactionTemplate.class);
            AuditLog log = gateway.getBean(AuditLog.class);
            for (int i = 0; i < 4; i++) {
                UUID exchange = UUID.randomUUID();
                transactions.executeWithoutResult(
                        status -> log.record(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS")));
            }
            // A first start records our keys and what we trust (KEY_CHANGED, CONFIGURATION_CHANGED), then the four.
            assertThat(gateway.getBean(AuditLog.class).entriesOfType(AuditEventType.KEY_CHANGED))
                    .hasSize(1);
            assertThat(gateway.getBean(CheckpointWriter.class).writeNow().logSize())
                    .isEqualTo(6);
        }

        EmbeddedGatewayTest.asOwnerWhileStopped(dataDir, administrator -> {
            administrator.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
            administrator.execute("ALTER TABLE audit_head DISABLE TRIGGER USER");
            administrator.execute("DELETE FROM audit_entry WHERE seq > 4");
            administrator.execute(
                    "UPDATE audit_head SET seq = 4, entry_hash = (SELECT entry_hash FROM audit_entry WHERE seq = 4) WHERE id = 1");
            administrator.execute("ALTER TABLE audit_head ENABLE TRIGGER USER");
            administrator.execute("ALTER TABLE audit_entry ENABLE TRIGGER USER");
        });

        String code;
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            SystemHealth health =
                    (SystemHealth) gateway.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            Map<String, Object> details =
                    ((org.springframework.boot.actuate.health.Health) auditHealth(gateway)).getDetails();
            assertThat(details.get("findings").toString()).contains("seq 6: entries missing at the end of the log");
            assertThat(gateway.getBean(AuditIntegrity.class).processingAllowed())
                    .isFalse();
            code = gateway.getBean(AuditIntegrity.class).state().acknowledgementCode();
            assertThat(details.get("acknowledgeWith").toString()).endsWith("--gateway.audit.acknowledge.code=" + code);
        }

        Map<String, Object> acknowledged = Map.of(
                "gateway.data-dir",
                dataDir,
                "gateway.audit.acknowledge.operator",
                "operator:alice",
                "gateway.audit.acknowledge.code",
                code);
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(acknowledged)) {
            assertThat(auditHealth(gateway).getStatus()).isEqualTo(Status.UP);
            assertThat(gateway.getBean(AuditLog.class).entriesOfType(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED))
                    .singleElement()
                    .extracting(AuditEntry::actor)
                    .isEqualTo("operator:alice");
        }
    }

    private static HealthComponent auditHealth(ConfigurableApplicationContext gateway) {
        return gateway.getBean(HealthEndpoint.class).healthForPath("auditLog");
    }
}
