package org.caseexchange.gateway.audit;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caseexchange.gateway.audit.evidence.ArchiveKeys;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.envelope.SealedMessage;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.Partner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints what the audit log costs (docs/performance.md, "Audit log"): appends per second on their
 * own, the time an exchange transaction takes with and without its audit entries, how fast the
 * start-up check verifies the chain, and what keeping a message as evidence adds, on H2 and
 * PostgreSQL, on as many threads as the machine has cores. Figures, not assertions:
 *
 * <pre>./mvnw -q -Pbenchmark test-compile exec:exec -Dbenchmark.main=org.caseexchange.gateway.audit.AuditBenchmark</pre>
 */
public final class AuditBenchmark {

    private static final int EVENTS_PER_EXCHANGE = 5;
    private static final int EXCHANGES = 4000;

    private AuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "%-11s %-34s %10s %14s%n",
                "database",
                "measure (" + threads + " threads)",
                "per second",
                "us/exchange");
        for (TestDatabase database : List.of(TestDatabase.postgres())) {
            HikariDataSource pool = database.pooled(threads);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            AuditLog log = new AuditLog(jdbc, Clock.systemUTC());

            Runnable auditOnly =
                    () -> transactions.executeWithoutResult(status -> recordExchange(log, UUID.randomUUID()));
            Runnable exchangeOnly =
                    () -> transactions.executeWithoutResult(status -> insertExchange(jdbc, UUID.randomUUID()));
            Runnable exchangeWithAudit = () -> transactions.executeWithoutResult(status -> {
                UUID id = UUID.randomUUID();
                insertExchange(jdbc, id);
                recordExchange(log, id);
            });

            run(auditOnly, threads, EXCHANGES / 4);
            run(exchangeOnly, threads, EXCHANGES / 4);
            run(exchangeWithAudit, threads, EXCHANGES / 4);
            double appends = run(auditOnly, threads, EXCHANGES) * EVENTS_PER_EXCHANGE;
            double bare = run(exchangeOnly, threads, EXCHANGES);
            double audited = run(exchangeWithAudit, threads, EXCHANGES);

            print(database, "audit appends alone", appends, 1e6 / (appends / EVENTS_PER_EXCHANGE));
            print(database, "exchange rows, no audit", bare, 1e6 / bare);
            print(database, "exchange rows + " + EVENTS_PER_EXCHANGE + " audit entries", audited, 1e6 / audited);
            System.out.printf(
                    Locale.ROOT,
                    "%-11s %-34s %10s %13.0f%%%n",
                    database.name(),
                    "audit share of the transaction",
                    "",
                    100 * (1 - audited / bare));
            long start = System.nanoTime();
            ChainVerifier.Report report = log.verify();
            double verifySeconds = (System.nanoTime() - start) / 1e9;
            if (!report.intact()) {
                throw new IllegalStateException("the chain does not verify after the benchmark");
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-11s %-34s %10.0f %14s%n",
                    database.name(),
                    "start-up check, " + report.entriesChecked() + " entries",
                    report.entriesChecked() / verifySeconds,
                    "");

            EvidenceStore evidence = new EvidenceStore(
                    jdbc,
                    transactions,
                    log,
                    ArchiveKeys.load(Path.of("certs-example/CAN-IRCC/archive.key")),
                    Clock.systemUTC());
            SealedMessage reply = new SealedMessage(random(2300), random(1650));
            Partner usa = ExampleGateways.canada(Clock.systemUTC()).partner();
            Runnable keepReply = () -> transactions.executeWithoutResult(status -> {
                UUID id = UUID.randomUUID();
                insertExchange(jdbc, id);
                log.record(evidence.keepOutbound(id, usa, reply, Instant.now().plusSeconds(3600))
                        .attachTo(AuditEvent.of(AuditEventType.REPLY_SENT, id, "USA-USCIS")));
            });
            run(keepReply, threads, EXCHANGES / 4);
            double kept = run(keepReply, threads, EXCHANGES);
            print(database, "exchange row + evidence kept + entry", kept, 1e6 / kept);
            pool.close();
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Exchanges per second over {@code exchanges} transactions spread over the threads. */
    private static double run(Runnable exchange, int threads, int exchanges) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < exchanges / threads; i++) {
                    exchange.run();
                }
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return (exchanges / threads * threads) / seconds;
    }

    private static void recordExchange(AuditLog log, UUID id) {
        for (int i = 0; i < EVENTS_PER_EXCHANGE; i++) {
            log.record(
                    AuditEvent.of(AuditEventType.values()[i], id, "USA-USCIS").withDigest("payload", "ab".repeat(32)));
        }
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

    private static void print(TestDatabase database, String measure, double perSecond, double micros) {
        System.out.printf(Locale.ROOT, "%-11s %-34s %10.0f %14.0f%n", database.name(), measure, perSecond, micros);
    }
}
