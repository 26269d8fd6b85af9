package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The backup docs/operations.md describes, restored after a loss: the gateway comes back, says exactly
 * what the backup cannot contain (its log is shorter than the newest checkpoint the witness holds),
 * serves nothing until an operator acknowledges that, and then answers every query the backup holds
 * as the same bytes it sent before.
 */
@Slow
class BackupRestoreTest {

    static final int BEFORE_BACKUP = 4;
    static final int AFTER_BACKUP = 3;

    @Test
    void aRestoredBackupReportsWhatItLacksAndOnceAcknowledgedAnswersWhatItHoldsAsBefore() throws Exception {
        Path scratch = ScratchDirectories.create("backup-restore-");
        Path data = scratch.resolve("data");
        Path witness = scratch.resolve("witness");
        Path backup = scratch.resolve("backup");
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                "gateway.data-dir", data.toString(),
                "gateway.audit.checkpoints.witness-folder", witness.toString()));

        Map<String, byte[]> sealedQueries = new LinkedHashMap<>();
        Map<String, String> answerDigests = new LinkedHashMap<>();
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            ask(gateway, BEFORE_BACKUP, sealedQueries, answerDigests);
        }
        // The backup: with the gateway stopped, its data folder as it is (database, broker store,
        // checkpoints); the witness keeps its own copies elsewhere and is not part of it.
        copy(data, backup);
        List<String> afterBackup;
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            Map<String, byte[]> more = new LinkedHashMap<>();
            ask(gateway, AFTER_BACKUP, more, new LinkedHashMap<>());
            afterBackup = new ArrayList<>(more.keySet());
        }

        // The data folder is lost, and restored from the backup.
        org.springframework.util.FileSystemUtils.deleteRecursively(data);
        copy(backup, data);

        String code;
        try (ConfigurableApplicationContext restored = EmbeddedGatewayTest.startGateway(settings)) {
            AuditIntegrity.State state = restored.getBean(AuditIntegrity.class).state();
            assertThat(state.status()).isEqualTo(AuditIntegrity.Status.MISMATCH);
            assertThat(state.findings())
                    .as("the log is shorter than the newest checkpoint the witness holds")
                    .anySatisfy(finding -> assertThat(finding).contains("the witness holds a checkpoint"));
            code = state.acknowledgementCode();
            assertThat(restored.getBean(AuditIntegrity.class).processingAllowed())
                    .as("nothing is processed before an operator acknowledges")
                    .isFalse();
        }

        settings.put("gateway.audit.acknowledge.operator", "operator:otto");
        settings.put("gateway.audit.acknowledge.code", code);
        try (ConfigurableApplicationContext acknowledged = EmbeddedGatewayTest.startGateway(settings)) {
            assertThat(acknowledged.getBean(AuditIntegrity.class).state().status())
                    .isEqualTo(AuditIntegrity.Status.ACKNOWLEDGED);
            try (PartnerAgency usa = new PartnerAgency(
                    acknowledged.getBean(BrokerService.class), acknowledged.getBean(ProtocolCodec.class))) {
                for (Map.Entry<String, byte[]> query : sealedQueries.entrySet()) {
                    usa.send(PartnerAgency.REQUESTS, query.getValue());
                    byte[] again =
                            usa.answerTo(query.getKey(), Duration.ofSeconds(30)).sealed();
                    assertThat(Sha256.hex(again))
                            .as("a query the backup holds is answered with the bytes sent before")
                            .isEqualTo(answerDigests.get(query.getKey()));
                }
            }
            JdbcTemplate jdbc = acknowledged.getBean(JdbcTemplate.class);
            for (String lost : afterBackup) {
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM exchange WHERE message_id = ?", Integer.class, lost))
                        .as("what came after the backup is not in it")
                        .isZero();
            }
            assertThat(acknowledged.getBean(AuditLog.class).verify().intact()).isTrue();
        }
    }

    private static void ask(
            ConfigurableApplicationContext gateway,
            int count,
            Map<String, byte[]> sealedQueries,
            Map<String, String> answerDigests)
            throws Exception {
        ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
        JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
        try (PartnerAgency usa = new PartnerAgency(gateway.getBean(BrokerService.class), codec)) {
            for (int i = 0; i < count; i++) {
                CaseQuery query = PartnerAgency.identityQuery(DemoQueries.subjectOf(new DemoCases(jdbc)
                        .pick(DemoCases.Kind.ON_FILE, i, LocalDate.now(ZoneOffset.UTC))
                        .orElseThrow()));
                byte[] sealed = usa.seal(query);
                usa.send(PartnerAgency.REQUESTS, sealed);
                byte[] answer = usa.answerTo(query.getHeader().getMessageId(), Duration.ofSeconds(30))
                        .sealed();
                sealedQueries.put(query.getHeader().getMessageId(), sealed);
                answerDigests.put(query.getHeader().getMessageId(), Sha256.hex(answer));
            }
        }
    }

    /** As {@code cp -a} copies: permissions and owners kept (PostgreSQL refuses a cluster it does not own). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(file));
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
                Files.setOwner(target, Files.getOwner(file));
            }
        }
    }
}
