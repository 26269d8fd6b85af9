package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log on both databases, through the role the gateway connects as: entries commit with the
 * caller's work or not at all, concurrent appends never fork the chain, and the rows cannot be
 * changed or removed.
 */
class AuditLogTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    record Gateway(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog log) {
        static Gateway on(TestDatabase database) {
            JdbcTemplate jdbc = new JdbcTemplate(database.application());
            return new Gateway(
                    jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(database.application())),
                    new AuditLog(jdbc, Clock.systemUTC()));
        }

        /** An exchange row and its audit events, in one transaction as the exchange flows will do it. */
        void exchange(UUID id, AuditEvent... events) {
            transactions.executeWithoutResult(status -> {
                insertExchange(jdbc, id);
                for (AuditEvent event : events) {
                    log.record(event);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void entriesCommitWithTheCallersWorkAndChain(TestDatabase database) {
        Gateway gateway = Gateway.on(database);
        UUID exchange = UUID.randomUUID();

        gateway.exchange(
                exchange,
                AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS").withDigest("sealed", "ab".repeat(32)),
                AuditEvent.of(AuditEventType.DECIDED, exchange, "USA-USCIS")
                        .withDecision(new DecisionSummary("ALLOW", List.of("R-001"), "1@" + "cd".repeat(32), null)),
                AuditEvent.of(AuditEventType.REPLY_SENT, exchange, "USA-USCIS"));

        List<AuditEntry> entries = gateway.log().entriesOf(exchange);
        assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(entries).extracting(AuditEntry::event).containsExactly("RECEIVED", "DECIDED", "REPLY_SENT");
        assertThat(entries.get(0).previousHash()).isEqualTo(EntryHash.GENESIS);
        assertThat(entries.get(0).digests()).isEqualTo("sealed=" + "ab".repeat(32));
        assertThat(DecisionSummary.parse(entries.get(1).decision()).citedRules())
                .containsExactly("R-001");
        assertThat(gateway.log().verify().intact()).isTrue();
        assertThat(gateway.log().headSeq()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRolledBackExchangeLeavesNoEntry(TestDatabase database) {
        Gateway gateway = Gateway.on(database);
        UUID exchange = UUID.randomUUID();

        assertThatThrownBy(() -> gateway.transactions().executeWithoutResult(status -> {
                    gateway.log().record(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"));
                    throw new IllegalStateException("the exchange failed");
                }))
                .hasMessage("the exchange failed");

        assertThat(gateway.log().entriesOf(exchange)).isEmpty();
        assertThat(gateway.log().headSeq()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenTheEntryCannotBeWrittenTheExchangeDoesNotCommit(TestDatabase database) {
        Gateway gateway = Gateway.on(database);
        UUID exchange = UUID.randomUUID();
        AuditEvent unwritable = AuditEvent.of(AuditEventType.OFFICER_ACTION, exchange, "USA-USCIS")
                .by("officer:" + "x".repeat(200));

        assertThatThrownBy(() -> gateway.exchange(
                        exchange, AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"), unwritable))
                .isInstanceOf(DataAccessException.class);

        assertThat(gateway.jdbc().queryForObject("SELECT COUNT(*) FROM exchange WHERE id = ?", Integer.class, exchange))
                .isZero();
        assertThat(gateway.log().entriesOf(exchange)).isEmpty();
        assertThat(gateway.log().verify().intact()).isTrue();
    }

    @Test
    void refusesToRecordOutsideATransaction() {
        Gateway gateway = Gateway.on(TestDatabase.postgres());

        assertThatThrownBy(() -> gateway.log()
                        .record(AuditEvent.of(AuditEventType.LOGIN, null, null).by("officer:1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentAppendsNeverForkTheChain(TestDatabase database) throws Exception {
        Gateway gateway = Gateway.on(database);
        int threads = 8;
        int exchangesPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < exchangesPerThread; i++) {
                    UUID exchange = UUID.randomUUID();
                    gateway.exchange(
                            exchange,
                            AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"),
                            AuditEvent.of(AuditEventType.REPLY_SENT, exchange, "USA-USCIS")
                                    .because(ReasonCode.STALE_MESSAGE));
                }
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        pool.shutdown();

        long expected = 2L * threads * exchangesPerThread;
        ChainVerifier.Report report = gateway.log().verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.entriesChecked()).isEqualTo(expected);
        assertThat(report.lastSeq()).isEqualTo(expected);
        assertThat(gateway.log().headSeq()).isEqualTo(expected);
        assertThat(gateway.jdbc().queryForObject("SELECT COUNT(DISTINCT previous_hash) FROM audit_entry", Long.class))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theGatewaysRoleCannotChangeOrRemoveAnEntry(TestDatabase database) {
        Gateway gateway = Gateway.on(database);
        UUID exchange = UUID.randomUUID();
        gateway.exchange(exchange, AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"));

        // PostgreSQL refuses by the grant, before any trigger; H2 by the trigger.
        String refusal =
                database.name().equals("PostgreSQL") ? "permission denied for table audit_entry" : "append-only";
        assertThatThrownBy(() -> gateway.jdbc().update("UPDATE audit_entry SET partner_code = 'MEX-INM' WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining(refusal);
        assertThatThrownBy(() -> gateway.jdbc().update("DELETE FROM audit_entry WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining(refusal);

        assertThat(gateway.log().entriesOf(exchange))
                .singleElement()
                .extracting(AuditEntry::partner)
                .isEqualTo("USA-USCIS");
    }

    @Test
    void onPostgresEvenTheSchemaOwnerIsStoppedByTheTrigger() {
        TestDatabase postgres = TestDatabase.postgres();
        Gateway gateway = Gateway.on(postgres);
        UUID exchange = UUID.randomUUID();
        gateway.exchange(exchange, AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"));
        JdbcTemplate owner = new JdbcTemplate(postgres.owner());

        assertThatThrownBy(() -> owner.update("UPDATE audit_entry SET partner_code = 'MEX-INM'"))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.update("DELETE FROM audit_entry"))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.execute("TRUNCATE audit_entry"))
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void aDatabaseAdministratorWhoGetsPastTheGuardIsCaughtAtTheExactEntry() throws Exception {
        TestDatabase database = TestDatabase.postgres();
        Gateway gateway = Gateway.on(database);
        for (int i = 0; i < 5; i++) {
            UUID exchange = UUID.randomUUID();
            gateway.exchange(exchange, AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS"));
        }

        try (Connection admin = database.owner().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            sql.execute("UPDATE audit_entry SET partner_code = 'MEX-INM' WHERE seq = 3");
        }

        assertThat(gateway.log().verify().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(3);
            assertThat(problem.what()).startsWith("a covered field was changed");
        });
    }

    private static void insertExchange(JdbcTemplate jdbc, UUID id) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at)"
                        + " VALUES (?, 'USA-USCIS', 'INBOUND_QUERY', ?, 'RECEIVED', ?, ?)",
                id,
                id.toString(),
                now,
                now);
    }
}
