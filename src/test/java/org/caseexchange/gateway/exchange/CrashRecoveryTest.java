package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.caseexchange.gateway.GatewayApplication;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The delivery guarantee of docs/protocol.md section 4.7 under real crashes, on each database: the
 * gateway runs in a child JVM on a persistent broker; in each run it halts ({@code Runtime.halt}, no
 * shutdown of any kind) the n-th time it reaches one named point of the flow, and is started again on
 * the same data. The partner sends 200 queries and keeps every answer it gets. At the end: every query
 * answered, all answers to one query byte-identical and equal to the stored reply, exactly one decision
 * per query, nothing quarantined, and the audit chain intact.
 */
@Slow
class CrashRecoveryTest {

    static final int QUERIES = 200;
    static final List<String> POINTS = List.of(
            CrashPoints.AFTER_RECEIVE,
            CrashPoints.BEFORE_DATABASE_COMMIT,
            CrashPoints.INSIDE_AUDIT_APPEND,
            CrashPoints.AFTER_DATABASE_COMMIT,
            CrashPoints.AFTER_SEND);
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration FINAL_RUN_TIMEOUT = Duration.ofSeconds(180);

    /**
     * The default: the embedded PostgreSQL in the data folder. A halted gateway leaves its server
     * running; the next start stops that server and starts its own on the same cluster.
     */
    @Test
    void onTheEmbeddedDatabaseNoCrashLosesAQueryDecidesOneTwiceOrChangesAnAnswer() throws Exception {
        Path dataDirectory = org.caseexchange.gateway.support.ScratchDirectories.create("crash-");
        crashAndRestart(Store.embedded(dataDirectory), dataDirectory, 1);
    }

    /** An external PostgreSQL server, which outlives every halted gateway. */
    @Test
    void onAnExternalDatabaseNoCrashLosesAQueryDecidesOneTwiceOrChangesAnAnswer() throws Exception {
        Path dataDirectory = org.caseexchange.gateway.support.ScratchDirectories.create("crash-");
        crashAndRestart(Store.external(), dataDirectory, 1);
    }

    /** Halts at every point {@code rounds} times, in random order, then runs once more without a halt. */
    private static void crashAndRestart(Store store, Path dataDirectory, int rounds) throws Exception {
        long seed = Long.getLong("crash-test.seed", System.nanoTime());
        System.out.println("crash test seed " + seed + " (replay with -Dcrash-test.seed=" + seed + "), data in "
                + dataDirectory + ", database " + store.name());
        Random random = new Random(seed);
        ProtocolCodec codec =
                new ProtocolCodec(new org.caseexchange.gateway.protocol.ProtocolProperties.Limits(16, 16, 4000, 64));
        ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC());

        Map<String, byte[]> toSend = new LinkedHashMap<>();
        for (CaseQuery query : PartnerTraffic.queries(QUERIES, random)) {
            toSend.put(
                    query.getHeader().getMessageId(),
                    usa.envelope().seal(codec.encode(query), usa.partner()).sealed());
        }
        Set<String> queryIds = Set.copyOf(toSend.keySet());
        Map<String, Set<String>> answerDigests = new HashMap<>();

        List<String> schedule = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            schedule.addAll(POINTS);
        }
        Collections.shuffle(schedule, random);
        schedule.add(null);
        int port = FreePort.any();
        Set<String> haltedAt = new HashSet<>();
        for (int run = 0; run < schedule.size(); run++) {
            String point = schedule.get(run);
            int at = 1 + random.nextInt(5);
            Child child = Child.start(dataDirectory, store, port, point, at, run);
            boolean finalRun = point == null;
            if (awaitReadyOrStop(child)) {
                exchange(
                        port,
                        toSend,
                        answerDigests,
                        queryIds.size(),
                        child,
                        finalRun ? FINAL_RUN_TIMEOUT : START_TIMEOUT);
            }
            System.out.printf(
                    "run %d: halt at %s (time %d), %d queries unsent, %d answered%s%n",
                    run,
                    point,
                    at,
                    toSend.size(),
                    answerDigests.size(),
                    child.log().contains("left running")
                            ? ", stopped the database server the last halt left running"
                            : "");
            if (finalRun) {
                child.stop();
                assertClosedBeforeItsDatabase(child, store);
            } else if (child.process.waitFor(
                    answerDigests.size() == queryIds.size() ? 5 : START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(child.process.exitValue())
                        .as("run %d halted at %s:%n%s", run, point, child.tail())
                        .isEqualTo(HaltingCrashPoints.HALT_STATUS);
                assertThat(child.log()).contains("CRASH-TEST halting at " + point);
                haltedAt.add(point);
            } else {
                child.stop(); // everything was answered before the point was reached that often
            }
        }

        Set<String> unanswered = new HashSet<>(queryIds);
        unanswered.removeAll(answerDigests.keySet());
        if (!unanswered.isEmpty()) {
            System.out.println("unanswered: " + unanswered + "\n" + describe(store, dataDirectory, unanswered));
        }
        Set<String> answeredWithoutRecord = answeredWithoutRecord(store, answerDigests.keySet());
        if (!answeredWithoutRecord.isEmpty()) {
            // The partner holds an answer the gateway has no record of: which runs logged it, and where.
            System.out.println("answered without a record: " + answeredWithoutRecord + "\n"
                    + describe(store, dataDirectory, answeredWithoutRecord));
        }
        assertThat(haltedAt).as("points the gateway was halted at").containsExactlyInAnyOrderElementsOf(POINTS);
        assertThat(toSend)
                .as("queries the partner could not hand to the broker")
                .isEmpty();
        assertThat(answerDigests.keySet()).as("queries answered").containsExactlyInAnyOrderElementsOf(queryIds);
        assertThat(answerDigests.values())
                .as("distinct answers per query")
                .allSatisfy(digests -> assertThat(digests).hasSize(1));
        try (Store.Opened database = store.open()) {
            DeliveryCheck.assertAnsweredOnceAndIntact(database.jdbc(), answerDigests);
        }
    }

    /**
     * Stopped the ordinary way (SIGTERM), the gateway closes what uses its database, signing its last audit
     * checkpoint, before the embedded server stops: nothing in flight or in the checkpoint loses its
     * database to the shutdown.
     */
    private static void assertClosedBeforeItsDatabase(Child child, Store store) throws IOException {
        String log = child.log();
        assertThat(log)
                .as("the gateway's shutdown:%n%s", child.tail())
                .contains("Shutdown completed")
                .doesNotContain("no audit checkpoint at shutdown");
        if (store.childArguments().isEmpty()) {
            assertThat(log.lastIndexOf("embedded PostgreSQL stopped"))
                    .as("the embedded database stopped after the connection pool closed:%n%s", child.tail())
                    .isGreaterThan(log.lastIndexOf("Shutdown completed"));
        }
    }

    /** A child that does not come up is stopped before the test fails, so that no gateway outlives it holding the data directory. */
    private static boolean awaitReadyOrStop(Child child) throws IOException, InterruptedException {
        try {
            return child.awaitReady();
        } catch (AssertionError notReady) {
            child.stop();
            throw notReady;
        }
    }

    /** One run as the partner: hands over what is still unsent, then collects answers until done or the gateway dies. */
    private static void exchange(
            int port,
            Map<String, byte[]> toSend,
            Map<String, Set<String>> answerDigests,
            int expected,
            Child child,
            Duration timeout) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "USA-USCIS", BrokerAddresses.partnerPassword("USA-USCIS"), "tcp://127.0.0.1:" + port);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            // Client acknowledgement: an answer is acknowledged only once it is recorded, as a careful
            // partner would; with automatic acknowledgement an answer in hand when the connection dies is gone.
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(PartnerAgency.REQUESTS));
            for (var unsent = toSend.entrySet().iterator(); unsent.hasNext(); ) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(unsent.next().getValue());
                // A persistent send returns once the broker stored the message; one that fails is sent
                // again in the next run, with the same bytes, as a partner would.
                producer.send(message);
                unsent.remove();
            }
            PartnerTraffic.collectAnswers(
                    session.createConsumer(session.createQueue(PartnerAgency.RESPONSES)),
                    answerDigests,
                    expected,
                    Duration.ofNanos(deadline - System.nanoTime()),
                    child.process::isAlive);
        } catch (JMSException e) {
            // The gateway, and its embedded broker, halted under us: the next run goes on.
        }
    }

    private static Set<String> answeredWithoutRecord(Store store, Set<String> answered) {
        try (Store.Opened database = store.open()) {
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(database.jdbc().queryForList("SELECT message_id FROM exchange", String.class));
            return missing;
        }
    }

    /**
     * The gateway's database: what the child is told to use, and how the test opens it between and after
     * the runs (no child is running then).
     */
    interface Store {

        /** An open database, closed after use. */
        record Opened(JdbcTemplate jdbc, Runnable closer) implements AutoCloseable {
            @Override
            public void close() {
                closer.run();
            }
        }

        String name();

        List<String> childArguments();

        Opened open();

        /** The default: the embedded PostgreSQL of the data folder, which the test starts itself to read it. */
        static Store embedded(Path dataDirectory) {
            return new Store() {
                public String name() {
                    return "embedded PostgreSQL in " + dataDirectory.resolve("db");
                }

                public List<String> childArguments() {
                    return List.of();
                }

                public Opened open() {
                    var database = org.caseexchange.gateway.database.EmbeddedDatabase.start(
                            new org.caseexchange.gateway.database.DatabaseProperties(
                                    true, dataDirectory.resolve("db"), 0, "nobody", false));
                    SingleConnectionDataSource connection = new SingleConnectionDataSource(
                            database.jdbcUrl(),
                            org.caseexchange.gateway.database.EmbeddedDatabase.OWNER,
                            database.password(org.caseexchange.gateway.database.EmbeddedDatabase.OWNER),
                            true);
                    return new Opened(new JdbcTemplate(connection), () -> {
                        connection.destroy();
                        database.close();
                    });
                }
            };
        }

        /** A fresh database on the test JVM's PostgreSQL server, which outlives every child. */
        static Store external() {
            String url = PostgresTestServer.shared().createDatabase();
            return new Store() {
                public String name() {
                    return url;
                }

                public List<String> childArguments() {
                    return PostgresTestServer.shared().externalDatabase(url).entrySet().stream()
                            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                            .toList();
                }

                public Opened open() {
                    SingleConnectionDataSource connection = new SingleConnectionDataSource(
                            url, PostgresTestServer.USER, PostgresTestServer.PASSWORD, true);
                    return new Opened(new JdbcTemplate(connection), connection::destroy);
                }
            };
        }
    }

    /** What the database and the logs say about the given queries. */
    private static String describe(Store store, Path dataDirectory, Set<String> messageIds) throws IOException {
        StringBuilder report = new StringBuilder();
        try (Store.Opened database = store.open()) {
            JdbcTemplate jdbc = database.jdbc();
            for (String id : messageIds) {
                report.append(jdbc.queryForList(
                                "SELECT id, state, outcome, reason_code FROM exchange WHERE message_id = ?", id))
                        .append('\n');
            }
            report.append(jdbc.queryForList(
                            "SELECT event, reason_code, COUNT(*) AS n FROM audit_entry GROUP BY event, reason_code"))
                    .append('\n');
            report.append(jdbc.queryForList("SELECT * FROM delivery_fault")).append('\n');
        } catch (Exception e) {
            report.append("the database could not be read: ").append(e).append('\n');
        }
        try (var runs = Files.list(dataDirectory)) {
            for (Path run : runs.filter(path -> path.getFileName().toString().endsWith(".out"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(run).stream()
                        .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.contains("held"))
                        .limit(20)
                        .forEach(line -> report.append(run.getFileName())
                                .append(": ")
                                .append(line, 0, Math.min(400, line.length()))
                                .append('\n'));
            }
        }
        return report.toString();
    }

    /** The gateway as shipped, in its own JVM, on the test's data directory. */
    record Child(Process process, Path output) {

        static Child start(Path dataDirectory, Store store, int openWirePort, String crashPoint, int at, int run)
                throws IOException {
            return start(dataDirectory, store, openWirePort, crashPoint, at, run, List.of());
        }

        static Child start(
                Path dataDirectory,
                Store store,
                int openWirePort,
                String crashPoint,
                int at,
                int run,
                List<String> more)
                throws IOException {
            Path output = dataDirectory.resolve("run-" + run + ".out");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    // A quarter less start-up for each of the many short runs (C1 only): these tests
                    // measure what survives a halt, not how fast the survivor is.
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    classPath(),
                    GatewayApplication.class.getName(),
                    "--gateway.data-dir=" + dataDirectory,
                    "--gateway.broker.ports.openwire=" + openWirePort,
                    "--gateway.broker.ports.amqp=-1",
                    "--gateway.broker.ports.stomp=-1",
                    "--server.port=0",
                    // Never a fixed port: another gateway on the machine, or a child a failed run left
                    // behind, would stop this one from starting.
                    "--management.server.port=0",
                    "--gateway.casedata.synthetic.persons=" + PartnerTraffic.SYNTHETIC_PERSONS,
                    "--gateway.casedata.synthetic.seed=" + PartnerTraffic.SYNTHETIC_SEED,
                    "--logging.file.name=" + dataDirectory.resolve("gateway.log")));
            command.addAll(store.childArguments());
            command.addAll(more);
            if (crashPoint != null) {
                command.add("--crash-test.point=" + crashPoint);
                command.add("--crash-test.at=" + at);
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new Child(process, output);
        }

        /**
         * The test's own class path without empty entries: surefire's ends with one, which the JVM reads
         * as the working directory, and the project's routes/ folder there would load a second time.
         */
        static String classPath() {
            return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }

        /** True once the partner queues are consumed; false if the JVM ended first (it may halt while starting). */
        boolean awaitReady() throws IOException {
            try {
                org.awaitility.Awaitility.await("the gateway consuming its partner queues, or its JVM ended")
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> log().contains("consuming partner queues") || !process.isAlive());
            } catch (org.awaitility.core.ConditionTimeoutException notStarted) {
                throw new AssertionError("the gateway did not start within " + START_TIMEOUT + ":\n" + log());
            }
            return log().contains("consuming partner queues");
        }

        String tail() throws IOException {
            String log = log();
            return log.substring(Math.max(0, log.length() - 4000));
        }

        String log() throws IOException {
            return Files.exists(output) ? Files.readString(output) : "";
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
