package org.caseexchange.gateway.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SyntheticCaseData;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.trust.Partner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole gateway under load, with the ceilings it cannot beat, measured in the same JVM on the
 * same machine (docs/performance.md, "The exchange end to end"):
 *
 * <ul>
 *   <li><b>burst</b>: N queries queued at once by the partner; exchanges per second from the start of
 *       consumption to the last answer, the peak heap meanwhile, and per exchange the CPU of the JVM and
 *       of the database server and the bytes both wrote, from the first send to the last answer;</li>
 *   <li><b>latency</b>: queries offered at a fixed rate; p50, p95 and p99 from the partner's send to
 *       its receipt of the answer;</li>
 *   <li><b>crypto-only ceiling</b>: opening the partner's sealed query and sealing a payload of its
 *       size, with as many threads as the gateway has consumers;</li>
 *   <li><b>broker-only ceiling</b>: a transacted consume and a persistent send of a message of the
 *       answer's size, on the same broker, with as many consumers;</li>
 *   <li><b>envelope+broker ceiling</b>: both in one loop, as an exchange needs them, so the two share
 *       the cores as they do in the gateway: what the gateway would reach if its own work cost nothing.</li>
 * </ul>
 *
 * <p>The two broker loops print their cost per message as a burst does (the JVM's CPU and bytes, from the
 * first send to the last commit): what an exchange costs before the gateway does anything of its own.
 *
 * <p>The gateway runs as shipped: persistent broker, embedded PostgreSQL, 10 000 synthetic persons, full
 * rules and audit. Only the annex quota is raised (a copy of the annexes), so the run measures answers,
 * not quota refusals. Arguments: suite (EC or RSA), burst size, offered rate per second, latency
 * queries.
 */
public final class ExchangeBenchmark {

    private static final String PARTNER = "USA-USCIS";
    /** Exchanges through the gateway before anything is measured, so the JIT has compiled the hot paths. */
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 10_000);
    /** Bursts measured one after the other; the last gives the rate the ratio is computed from. */
    private static final int BURSTS = Integer.getInteger("benchmark.bursts", 3);
    /**
     * The partner queues a burst in transactions of this many messages: the broker holds a transaction's
     * messages in the queue's memory until its commit, so one transaction of a whole burst would meet
     * the queue's memory limit (gateway.broker.limits.destination-memory).
     */
    private static final int SENT_PER_TRANSACTION = 100;

    private static final String QUERY_ROUTE = "answerPartnerQuery-" + PARTNER;

    public static void main(String[] args) throws Exception {
        String suite = args.length > 0 ? args[0] : "EC";
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int latencyQueries = args.length > 3 ? Integer.parseInt(args[3]) : 2000;

        Path data = ScratchDirectories.create("exchange-benchmark-");
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("gateway.data-dir", data.toString());
        settings.put("gateway.rules.annex-folder", annexesWithoutQuota(data).toString());
        settings.put("gateway.casedata.synthetic.persons", 10_000);
        if (suite.equals("RSA")) {
            // A list given here replaces application.yml's whole list: the partner is given in full.
            String p = "gateway.partners[0].";
            settings.put(p + "agency-code", PARTNER);
            settings.put(p + "country", "USA");
            settings.put(p + "suite", "RSA");
            settings.put(p + "trust-anchors[0]", "certs-example/USA-USCIS/ca/root-ca.pem");
            settings.put(p + "crls[0]", "certs-example/USA-USCIS/ca/root-ca.crl.pem");
            settings.put(p + "signing-certificates[0]", "certs-example/USA-USCIS/certs/signing-rsa.pem");
            settings.put(p + "encryption-certificates[0]", "certs-example/USA-USCIS/certs/encryption-rsa.pem");
            for (String destination : List.of("requests", "responses", "queries", "answers", "disclosures")) {
                String key = switch (destination) {
                    case "requests", "answers", "disclosures" -> destination + "-in";
                    default -> destination + "-out";
                };
                settings.put(p + "destinations." + key, PARTNER + "." + destination);
            }
            // The example partner's annexes, every index of them: an index the example profile gives
            // and this list lacks would be a setting of no partner, which stops the start.
            List<String> annexes =
                    List.of("SMU-CASE-BY-CASE", "ANNEX-1-IDENTITY-CHECKS", "ANNEX-2-DOCUMENT-VERIFICATION");
            for (int i = 0; i < annexes.size(); i++) {
                settings.put(p + "annexes[" + i + "]", annexes.get(i));
            }
        }
        ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings);
        try {
            run(gateway, suite, burst, rate, latencyQueries);
        } finally {
            gateway.close();
        }
    }

    private static void run(
            ConfigurableApplicationContext gateway, String suite, int burst, int rate, int latencyQueries)
            throws Exception {
        int consumers = gateway.getBean(ExchangeProperties.class).consumers();
        ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC(), suite);
        ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
        Queries queries = new Queries(usa, codec);
        ActiveMQConnectionFactory partnerLogin = BrokerAddresses.openWire(
                gateway.getBean(org.apache.activemq.broker.BrokerService.class),
                PARTNER,
                BrokerAddresses.partnerPassword(PARTNER));
        partnerLogin.setUseAsyncSend(true);

        System.out.printf(
                "suite %s, %d consumers, %d cores, max heap %d MB%n",
                suite,
                consumers,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (Connection connection = partnerLogin.createConnection()) {
            connection.start();
            Answers answers = new Answers(connection);
            org.apache.camel.spi.RouteController routes =
                    gateway.getBean(org.apache.camel.CamelContext.class).getRouteController();
            Partner theUnitedStates = gateway.getBean(org.caseexchange.gateway.trust.PartnerDirectory.class)
                    .find(PARTNER)
                    .orElseThrow();
            SecureEnvelope envelope = gateway.getBean(SecureEnvelope.class);
            long postmaster = postmaster(gateway);
            cryptoCeiling(envelope, theUnitedStates, queries.next(1000), consumers);
            burst(connection, answers, queries.next(WARM_UP), routes);
            System.out.println("warmed up");

            // The JIT is still compiling after the warm-up (a tenth to a quarter of the CPU in the first
            // burst, seen in per-thread CPU times): the burst is run several times, each figure printed,
            // and the last one taken as the gateway's rate.
            double gatewayRate = 0;
            for (int round = 1; round <= BURSTS; round++) {
                List<Sealed> burstQueries = queries.next(burst);
                System.out.printf("burst %d of %d: %d queries%n", round, BURSTS, burst);
                resetPeakHeap();
                long collecting = collectionMillis();
                DatabaseWrites databaseBefore = DatabaseWrites.afterCheckpoint(gateway);
                // The CPU and the bytes from the first query sent to the last answer; the rate from the start
                // of consumption.
                long from = System.nanoTime();
                long cpu = processCpuNanos();
                long serverCpu = serverCpuNanos(postmaster);
                long written = bytesWritten();
                long took = burst(connection, answers, burstQueries, routes);
                long jvmCpu = processCpuNanos() - cpu;
                long databaseCpu = serverCpuNanos(postmaster) - serverCpu;
                long jvmWritten = bytesWritten() - written;
                long sentToAnswered = System.nanoTime() - from;
                gatewayRate = burst * 1e9 / took;
                System.out.printf(
                        "burst: %d exchanges in %.1f s = %.0f exchanges/s, peak heap %d MB, %.1f s in garbage collection%n",
                        burst, took / 1e9, gatewayRate, peakHeap() >> 20, (collectionMillis() - collecting) / 1e3);
                // Per exchange, these vary less with a shared machine's speed than the rate does.
                System.out.printf(
                        "  per exchange: %.2f ms of CPU (the whole JVM: gateway, broker and the partner's client), %.0f KB written to disk%n",
                        jvmCpu / 1e6 / burst, jvmWritten / 1024.0 / burst);
                System.out.printf(
                        "  per exchange: %.2f ms of the database server's CPU (its processes, Linux's /proc); the JVM and"
                                + " it used %.0f %% of the cores' time%n",
                        databaseCpu / 1e6 / burst,
                        100.0
                                * (jvmCpu + databaseCpu)
                                / ((double) sentToAnswered
                                        * Runtime.getRuntime().availableProcessors()));
                DatabaseWrites database =
                        DatabaseWrites.afterCheckpoint(gateway).since(databaseBefore);
                System.out.printf(
                        "  per exchange, the database server (PostgreSQL, a process of its own): %.1f KB of WAL, %.1f KB"
                                + " of data pages, the burst between two checkpoints (pg_stat_wal, pg_stat_io);"
                                + " %.2f commits, %.2f WAL flushes (pg_stat_database, pg_stat_wal)%n",
                        database.wal() / 1024.0 / burst,
                        database.pages() / 1024.0 / burst,
                        (double) database.commits() / burst,
                        (double) database.flushes() / burst);
            }

            long[] latencies = offered(connection, answers, queries.next(latencyQueries), rate);
            System.out.printf(
                    "offered %d/s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d queries)%n",
                    rate,
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6,
                    latencies.length);

            double crypto = cryptoCeiling(envelope, theUnitedStates, queries.next(2000), consumers);
            System.out.printf("crypto-only ceiling: %.0f open+seal/s%n", crypto);
            Loop broker = brokerCeiling(gateway, answers.typicalSize(), 5000, consumers);
            System.out.printf(
                    "broker-only ceiling: %.0f consume+send/s (%d-byte messages)%n",
                    broker.rate(), answers.typicalSize());
            broker.printCost();
            System.out.printf("ratio gateway / lower ceiling: %.2f%n", gatewayRate / Math.min(crypto, broker.rate()));
            Loop both = envelopeAndBrokerCeiling(gateway, envelope, theUnitedStates, queries.next(5000), consumers);
            System.out.printf(
                    "envelope+broker ceiling: %.0f consume+open+seal+send/s; ratio gateway / it: %.2f%n",
                    both.rate(), gatewayRate / both.rate());
            both.printCost();
        }
    }

    /**
     * Queues all while the gateway does not consume, then lets it: returns the nanoseconds from the
     * start of consumption to the last answer, so the partner's own sending is not counted.
     */
    private static long burst(
            Connection connection, Answers answers, List<Sealed> batch, org.apache.camel.spi.RouteController routes)
            throws Exception {
        CountDownLatch done = answers.expect(batch);
        routes.stopRoute(QUERY_ROUTE);
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(PartnerAgency.REQUESTS));
        queueInTransactions(
                session, producer, batch.stream().map(Sealed::sealed).toList());
        long start = System.nanoTime();
        routes.startRoute(QUERY_ROUTE);
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not all answered: " + done.getCount() + " missing");
        }
        long took = System.nanoTime() - start;
        session.close();
        return took;
    }

    /** Offers the queries at a fixed rate; returns each one's latency in nanoseconds, sorted. */
    private static long[] offered(Connection connection, Answers answers, List<Sealed> batch, int rate)
            throws Exception {
        CountDownLatch done = answers.expect(batch);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(PartnerAgency.REQUESTS));
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (Sealed query : batch) {
            LockSupport.parkNanos(next - System.nanoTime());
            sentAt.put(query.messageId(), System.nanoTime());
            producer.send(PartnerAgency.bytesMessage(session, query.sealed()));
            next += interval;
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not all answered: " + done.getCount() + " missing");
        }
        session.close();
        return batch.stream()
                .mapToLong(query -> answers.receivedAt(query.messageId()) - sentAt.get(query.messageId()))
                .sorted()
                .toArray();
    }

    /** The envelope's work in one exchange: open the partner's query, seal its payload back to the partner. */
    private static byte[] openAndSeal(SecureEnvelope envelope, Partner partner, byte[] sealed) {
        return envelope.seal(envelope.open(sealed, partner).payload(), partner).sealed();
    }

    private static double cryptoCeiling(
            SecureEnvelope gatewayEnvelope, Partner theUnitedStates, List<Sealed> batch, int threads) throws Exception {
        for (Sealed query : batch.subList(0, 200)) {
            openAndSeal(gatewayEnvelope, theUnitedStates, query.sealed());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger index = new AtomicInteger();
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                for (int i = index.getAndIncrement(); i < batch.size(); i = index.getAndIncrement()) {
                    openAndSeal(gatewayEnvelope, theUnitedStates, batch.get(i).sealed());
                }
                return null;
            }));
        }
        for (var future : work) {
            future.get();
        }
        long took = System.nanoTime() - start;
        pool.shutdown();
        return batch.size() * 1e9 / took;
    }

    /** A transacted consume and a persistent send of the same bytes, of the answer's size. */
    private static Loop brokerCeiling(ConfigurableApplicationContext gateway, int size, int count, int consumers)
            throws Exception {
        byte[] body = new byte[size];
        new Random(1).nextBytes(body);
        return brokerLoop(
                gateway,
                "benchmark.broker",
                java.util.Collections.nCopies(count, body),
                consumers,
                received -> received);
    }

    /**
     * The gateway with nothing of its own: a transacted consume of the partner's sealed query, open,
     * seal its payload back, a persistent send and the commit. The crypto-only and broker-only ceilings
     * each have both cores to themselves; an exchange needs both, so this is the rate the gateway would
     * reach if its database, XML, rules and audit cost nothing.
     */
    private static Loop envelopeAndBrokerCeiling(
            ConfigurableApplicationContext gateway,
            SecureEnvelope envelope,
            Partner theUnitedStates,
            List<Sealed> batch,
            int consumers)
            throws Exception {
        return brokerLoop(
                gateway,
                "benchmark.envelope",
                batch.stream().map(Sealed::sealed).toList(),
                consumers,
                received -> openAndSeal(envelope, theUnitedStates, received));
    }

    /**
     * A ceiling loop's rate, from the start of consumption, and its cost per message over the same window
     * as a gateway burst's: from the first message sent to the last commit.
     */
    record Loop(double rate, long messages, long cpuNanos, long written) {

        /** The loop's cost per message, to set beside a burst's: the JVM's CPU and the bytes it wrote. */
        void printCost() {
            System.out.printf(
                    "  per message: %.2f ms of CPU (the whole JVM), %.0f KB written to disk%n",
                    cpuNanos / 1e6 / messages, written / 1024.0 / messages);
        }
    }

    /**
     * Queues the bodies as the partner queues a burst, then consumes each in a local
     * transaction that sends what {@code answer} makes of it.
     */
    private static Loop brokerLoop(
            ConfigurableApplicationContext gateway,
            String queue,
            List<byte[]> bodies,
            int consumers,
            java.util.function.UnaryOperator<byte[]> answer)
            throws Exception {
        ActiveMQConnectionFactory login = BrokerAddresses.openWire(gateway);
        // As the gateway's consumers: with the default prefetch of 1 000, the first two consumers would
        // take every message and the others idle.
        login.getPrefetchPolicy().setQueuePrefetch(0);
        try (Connection connection = login.createConnection()) {
            connection.start();
            long cpu = processCpuNanos();
            long written = bytesWritten();
            Session filler = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = filler.createProducer(filler.createQueue(queue + ".in"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            queueInTransactions(filler, producer, bodies);
            AtomicInteger left = new AtomicInteger(bodies.size());
            ExecutorService pool = Executors.newFixedThreadPool(consumers);
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < consumers; t++) {
                work.add(pool.submit(() -> {
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(session.createQueue(queue + ".in"));
                    MessageProducer reply = session.createProducer(session.createQueue(queue + ".out"));
                    reply.setDeliveryMode(DeliveryMode.PERSISTENT);
                    while (left.get() > 0) {
                        Message message = consumer.receive(200);
                        if (message != null) {
                            reply.send(PartnerAgency.bytesMessage(session, answer.apply(PartnerAgency.bytes(message))));
                            session.commit();
                            left.decrementAndGet();
                        }
                    }
                    session.close();
                    return null;
                }));
            }
            for (var future : work) {
                future.get();
            }
            long took = System.nanoTime() - start;
            Loop loop = new Loop(
                    bodies.size() * 1e9 / took, bodies.size(), processCpuNanos() - cpu, bytesWritten() - written);
            pool.shutdown();
            return loop;
        }
    }

    /** Sends the bodies on a transacted session, committing every {@link #SENT_PER_TRANSACTION} and at the end. */
    private static void queueInTransactions(Session session, MessageProducer producer, List<byte[]> bodies)
            throws JMSException {
        for (int i = 0; i < bodies.size(); i++) {
            producer.send(PartnerAgency.bytesMessage(session, bodies.get(i)));
            if (i % SENT_PER_TRANSACTION == SENT_PER_TRANSACTION - 1) {
                session.commit();
            }
        }
        session.commit();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The database server's main process: the parent of the process serving a connection to it, looked up
     * while the connection is open (its process ends with it).
     */
    private static long postmaster(ConfigurableApplicationContext gateway) {
        Long pid = EmbeddedGatewayTest.owner(gateway).execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement();
                    var row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                return ProcessHandle.of(row.getInt(1))
                        .flatMap(ProcessHandle::parent)
                        .map(ProcessHandle::pid)
                        .orElseThrow(() -> new IllegalStateException("no process serves the connection"));
            }
        });
        return pid;
    }

    /**
     * CPU time of the database server, a process tree of its own (Linux's /proc, in ticks of 10 ms): the
     * postmaster, its children now running (the gateway's connections, the WAL writer, the checkpointer),
     * and, in the postmaster's own counters, its children that have ended (autovacuum workers, the
     * benchmark's short connections); 0 elsewhere.
     */
    private static long serverCpuNanos(long postmaster) {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String[] fields = procStat(process);
                if (fields.length < 15) {
                    continue; // ended meanwhile
                }
                long pid = Long.parseLong(process.getFileName().toString());
                // Fields from the state on: ppid 1, utime 11, stime 12, cutime 13, cstime 14.
                if (pid == postmaster) {
                    for (int field = 11; field <= 14; field++) {
                        ticks += Long.parseLong(fields[field]);
                    }
                } else if (Long.parseLong(fields[1]) == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
        return ticks * 10_000_000L;
    }

    /** A process's /proc stat fields after its name (which may hold spaces), from the state on. */
    private static String[] procStat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException e) {
            return new String[0];
        }
    }

    /**
     * What the database server has written: its WAL, every byte of which is written and synced at the
     * commits, and the data pages its processes wrote out (the checkpointer, the background writer and
     * backends). Each burst runs between two checkpoints, so that every page it dirtied is written
     * within it; that is also the WAL's worst case, since the first change to each page after a
     * checkpoint logs the whole page. The server flushes these counters about once a second. The
     * commits and the WAL's flushes say how many commits share a flush: as many flushes as commits
     * means none does.
     */
    record DatabaseWrites(long wal, long pages, long commits, long flushes) {

        static DatabaseWrites afterCheckpoint(ConfigurableApplicationContext gateway) throws InterruptedException {
            org.springframework.jdbc.core.JdbcTemplate owner =
                    org.caseexchange.gateway.support.EmbeddedGatewayTest.owner(gateway);
            owner.execute("CHECKPOINT");
            Thread.sleep(1500);
            return owner.queryForObject(
                    "SELECT (SELECT wal_bytes FROM pg_stat_wal)::bigint AS wal,"
                            + " (SELECT COALESCE(SUM(writes * op_bytes), 0) FROM pg_stat_io)::bigint AS pages,"
                            + " (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,"
                            + " (SELECT wal_sync FROM pg_stat_wal) AS flushes",
                    (rs, n) -> new DatabaseWrites(
                            rs.getLong("wal"), rs.getLong("pages"), rs.getLong("commits"), rs.getLong("flushes")));
        }

        DatabaseWrites since(DatabaseWrites before) {
            return new DatabaseWrites(
                    wal - before.wal, pages - before.pages, commits - before.commits, flushes - before.flushes);
        }
    }

    /** Bytes this process has caused to be written to storage, counted as it fills the page cache (Linux's /proc/self/io); 0 elsewhere. */
    private static long bytesWritten() {
        try {
            return Files.readAllLines(Path.of("/proc/self/io")).stream()
                    .filter(line -> line.startsWith("write_bytes:"))
                    .mapToLong(line -> Long.parseLong(
                            line.substring("write_bytes:".length()).trim()))
                    .sum();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Time the collectors report, pauses and concurrent work together. */
    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                .sum();
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** A copy of the shipped annexes with the daily quota of Annex 1 raised, so the run is not refused for quota. */
    private static Path annexesWithoutQuota(Path data) throws java.io.IOException {
        Path folder = Files.createDirectories(data.resolve("annexes"));
        String annex = new String(
                ExchangeBenchmark.class
                        .getResourceAsStream("/annexes/ANNEX-1-IDENTITY-CHECKS.yaml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(
                folder.resolve("ANNEX-1-IDENTITY-CHECKS.yaml"),
                annex.replace(
                        "quota: { per-day: 5000, per-year: 1000000 }",
                        "quota: { per-day: 10000000, per-year: 100000000 }"));
        return folder;
    }

    record Sealed(String messageId, byte[] sealed) {}

    /** Queries about synthetic persons (nine in ten on file), sealed by the partner before any timing starts. */
    static final class Queries {
        private final ExampleGateways.Side usa;
        private final ProtocolCodec codec;
        private final List<PersonRecord> persons;
        private final Random random = new Random(7);

        Queries(ExampleGateways.Side usa, ProtocolCodec codec) {
            this.usa = usa;
            this.codec = codec;
            this.persons = new SyntheticCaseData(20261123L, LocalDate.now(ZoneOffset.UTC)).generate(10_000);
        }

        List<Sealed> next(int count) {
            List<Sealed> sealed = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                CaseQuery query = DemoQueries.query(
                        PARTNER,
                        "CAN-IRCC",
                        Instant.now(),
                        PartnerQueryFlowTest.ANNEX_1,
                        WirePurpose.ADMISSIBILITY_ASSESSMENT,
                        List.of(WireDataElement.IDENTITY, WireDataElement.IMMIGRATION_STATUS),
                        random.nextInt(10) == 0
                                ? DemoQueries.nobody()
                                : DemoQueries.subjectOf(persons.get(random.nextInt(persons.size()))));
                sealed.add(new Sealed(
                        query.getHeader().getMessageId(),
                        usa.envelope().seal(codec.encode(query), usa.partner()).sealed()));
            }
            return sealed;
        }
    }

    /** The partner's view of the responses queue: when each answer arrived. */
    static final class Answers {
        private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
        private volatile int typicalSize;

        Answers(Connection connection) throws JMSException {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(PartnerAgency.RESPONSES)).setMessageListener(message -> {
                try {
                    long now = System.nanoTime();
                    String id = message.getJMSCorrelationID();
                    typicalSize = (int) ((BytesMessage) message).getBodyLength();
                    if (receivedAt.putIfAbsent(id, now) == null) {
                        CountDownLatch latch = waiting.remove(id);
                        if (latch != null) {
                            latch.countDown();
                        }
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        CountDownLatch expect(List<Sealed> batch) {
            CountDownLatch latch = new CountDownLatch(batch.size());
            batch.forEach(query -> waiting.put(query.messageId(), latch));
            return latch;
        }

        long receivedAt(String messageId) {
            return receivedAt.get(messageId);
        }

        int typicalSize() {
            return typicalSize;
        }
    }

    private ExchangeBenchmark() {}
}
