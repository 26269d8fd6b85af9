package org.caseexchange.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.ExamplePersons;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A data folder of an earlier version, whose database was the embedded H2: the gateway refuses to start
 * beside it, naming the setting that moves it; with that setting it moves every row into the embedded
 * PostgreSQL, the audit chain included as it was, and serves.
 */
class H2DataMoveTest {

    /** The earlier version's database: its schema as of the last migration that version had, and some data. */
    static void earlierVersion(Path data) {
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:file:" + data.resolve("db/gateway") + ";WRITE_DELAY=0", "gateway", "", true);
        try {
            Flyway.configure()
                    .dataSource(h2)
                    .locations("classpath:db/migration")
                    .target("12")
                    .placeholders(Map.of("application_role", "gateway"))
                    .load()
                    .migrate();
            JdbcTemplate jdbc = new JdbcTemplate(h2);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(h2));
            AuditLog audit = new AuditLog(jdbc, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                UUID exchange = UUID.randomUUID();
                transactions.executeWithoutResult(
                        status -> audit.record(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS")));
            }
            transactions.executeWithoutResult(
                    status -> new CaseDataRepository(jdbc).insert(List.of(ExamplePersons.HADDAD)));
        } finally {
            h2.destroy();
        }
    }

    @Test
    void aDataFolderWithAnH2DatabaseStopsTheStartWithTheCommandThatMovesIt() {
        String data = EmbeddedGatewayTest.newDataDirectory();
        earlierVersion(Path.of(data));

        Exception refused =
                assertThrows(Exception.class, () -> EmbeddedGatewayTest.startGateway(Map.of("gateway.data-dir", data)));

        assertThat(refused)
                .rootCause()
                .hasMessageContaining("gateway.database.move-from-h2")
                .hasMessageContaining("--gateway.database.move-from-h2=true");
        assertThat(Path.of(data, "db", "gateway.mv.db")).exists();
    }

    @Test
    void movingTheH2DataKeepsEveryRowAndTheAuditChain() {
        String data = EmbeddedGatewayTest.newDataDirectory();
        earlierVersion(Path.of(data));

        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of(
                "gateway.data-dir",
                data,
                "gateway.database.move-from-h2",
                true,
                "gateway.casedata.synthetic.persons",
                0))) {
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event = 'RECEIVED'", Long.class))
                    .isEqualTo(5);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class))
                    .isEqualTo(1);
            assertThat(gateway.getBean(AuditLog.class).verify().intact()).isTrue();
            assertThat(gateway.getBean(org.caseexchange.gateway.audit.AuditIntegrity.class)
                            .processingAllowed())
                    .isTrue();
        }
        assertThat(Path.of(data, "db", "gateway.mv.db")).doesNotExist();
        assertThat(Path.of(data, "db", "gateway.mv.db.moved")).exists();

        // Started again without the setting: the moved data is there, and nothing is refused.
        try (ConfigurableApplicationContext again =
                EmbeddedGatewayTest.startGateway(Map.of("gateway.data-dir", data))) {
            assertThat(again.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM person", Long.class))
                    .isEqualTo(1);
        }
        assertThat(Files.exists(Path.of(data, "db", "postgres", "PG_VERSION"))).isTrue();
    }
}
