package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * One partner (USA-USCIS) attacks the gateway as shipped with its own login and from its own address,
 * everything at once and for a bounded time, while the other partner (USA-CBP) keeps asking at a
 * steady rate: a thousand and more idle sockets, large messages on every queue it may write,
 * compressed bombs, more authenticated connections than its share, slow-loris logins, correctly signed
 * payloads that are not messages, and password guessing. The other partner still logs in and its
 * queries are all answered, in time; the broker never stops; health says WARNING (answering 200)
 * while the attacker holds its whole share of connections and UP once it lets go; and the gateway,
 * restarted on the same data, serves.
 */
@Slow
class PartnerAbuseTest {

    static final String ATTACKER = "USA-USCIS";
    static final String VICTIM = "USA-CBP";
    static final int VICTIMS_QUERIES = 150;
    static final Duration VICTIMS_PACE = Duration.ofMillis(200);
    static final int IDLE_SOCKETS = 1050;
    static final int LARGE_PER_QUEUE = 6;
    static final int GARBAGE = 100;
    static final int GUESSES = 25;
    /** gateway.broker.limits.pending-logins-per-address as shipped. */
    static final int PENDING_PER_ADDRESS = 32;

    @Test
    void oneFloodingPartnerLeavesTheOtherAnsweredInTimeAndTheGatewayStanding() throws Exception {
        Path data = ScratchDirectories.create("partner-abuse-");
        Map<String, Object> settings = Map.of(
                "spring.profiles.active",
                "second-partner",
                "gateway.data-dir",
                data.toString(),
                "gateway.casedata.synthetic.seed",
                PartnerTraffic.SYNTHETIC_SEED);
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            BrokerService broker = gateway.getBean(BrokerService.class);
            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            RestClient operators = RestClient.create(
                    "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.management.port"));
            assertThat(brokerHealth(operators)).isEqualTo("UP");

            Victim victim = new Victim(broker, codec);
            long started = System.nanoTime();
            victim.start();
            List<Socket> idle = new ArrayList<>();
            Attack attack = new Attack(broker, codec);
            try {
                // The other partner is already asking at its steady rate when the attack begins.
                org.awaitility.Awaitility.await("the other partner's first answers")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> victim.answered() >= 10);
                victim.attackBegins();
                System.out.printf("partner abuse: attack from +%d ms%n", (System.nanoTime() - started) / 1_000_000);
                // A thousand and more sockets from one address that never log in: all but the address's
                // share of pending logins are closed at once, and the other partner still gets in.
                int port = BrokerAddresses.port(broker, "openwire");
                for (int i = 0; i < IDLE_SOCKETS; i++) {
                    try {
                        idle.add(new Socket("127.0.0.1", port));
                    } catch (java.io.IOException refusedBeyondTheLimit) {
                        break;
                    }
                }
                assertThat(idle).hasSizeGreaterThan(800);
                long flooded = System.nanoTime();
                org.awaitility.Awaitility.await("all but one address's share of pending logins closed")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> idle.stream()
                                        .filter(socket -> !closedByTheBroker(socket))
                                        .count()
                                <= PENDING_PER_ADDRESS);
                System.out.printf(
                        "partner abuse: %d idle sockets cut to %d in %d ms%n",
                        idle.size(),
                        PENDING_PER_ADDRESS,
                        Duration.ofNanos(System.nanoTime() - flooded).toMillis());
                org.awaitility.Awaitility.await("a new login of the other partner's during the flood")
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> {
                            try (Connection another =
                                    PartnerTraffic.login(broker, VICTIM).createConnection()) {
                                another.start();
                                return true;
                            } catch (JMSException notYet) {
                                return false;
                            }
                        });
                attack.largeMessagesOnEveryQueueItMayWrite();
                attack.compressedBombs();
                attack.garbageItSignsCorrectly();
                attack.moreConnectionsThanItsShare();
                String pressed = org.awaitility.Awaitility.await("broker health with a partner at its share")
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> brokerHealth(operators), "WARNING"::equals);
                assertThat(pressed).as("degraded, still answering 200").isEqualTo("WARNING");
                attack.slowLoris(BrokerAddresses.port(broker, "stomp"));
                attack.close();
                attack.passwordGuessing();

                // The login deadline closes the rest; once the partner lets go, health comes back.
                org.awaitility.Awaitility.await("idle sockets closed by the login deadline")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> idle.stream().allMatch(PartnerAbuseTest::closedByTheBroker));
                org.awaitility.Awaitility.await("broker health UP again")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> brokerHealth(operators), "UP"::equals);

                victim.awaitAllAnswered(Duration.ofMinutes(2));
            } catch (RuntimeException | AssertionError failed) {
                if (victim.connectionLost() != null) {
                    failed.addSuppressed(victim.connectionLost());
                }
                throw failed;
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
                attack.close();
                victim.close();
            }

            assertThat(broker.isStarted()).as("the broker never stopped").isTrue();
            assertThat(victim.connectionLost())
                    .as("the other partner's connection held through the attack")
                    .isNull();
            assertThat(victim.answered())
                    .as("every query of the other partner answered")
                    .isEqualTo(VICTIMS_QUERIES);
            System.out.printf(
                    "partner abuse: the other partner's queries during the attack, p50 %d ms, p99 %d ms, max %d ms;"
                            + " slowest of all %s%n",
                    victim.percentile(50).toMillis(),
                    victim.p99().toMillis(),
                    victim.percentile(100).toMillis(),
                    victim.slowest(started));
            assertThat(victim.p99())
                    .as("the other partner's p99 during the attack")
                    .isLessThan(Duration.ofSeconds(2));
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM exchange WHERE partner_code = ?", Integer.class, VICTIM))
                    .as("one exchange per query of the other partner, nothing of it lost")
                    .isEqualTo(VICTIMS_QUERIES);
            assertThat(BrokerAddresses.operatorReceives(
                            gateway, "DLQ." + VICTIM + ".requests", "JMSMessageID IS NOT NULL", Duration.ofMillis(500)))
                    .as("nothing of the other partner's dead-lettered")
                    .isEmpty();
            assertThat(attack.refusedLarge + attack.quarantinedLarge(gateway))
                    .as("every large message refused at the limit or quarantined")
                    .isGreaterThanOrEqualTo(3 * LARGE_PER_QUEUE);
            assertThat(attack.compressedRefused).isEqualTo(attack.compressedSent);
            assertThat(attack.connectionsRefused).isPositive();
            assertThat(attack.slowLorisClosed).isEqualTo(attack.slowLorisOpened);
            for (String reason : List.of(
                    "BROKER_LOGIN_FAILED",
                    "BROKER_LOGIN_THROTTLED",
                    "BROKER_CONNECTION_LIMIT",
                    "TRANSPORT_COMPRESSED")) {
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM audit_entry WHERE event = 'BROKER_REFUSED' AND reason_code = ?",
                                Long.class,
                                reason))
                        .as("refusals %s in the audit log", reason)
                        .isPositive();
            }
        }

        try (ConfigurableApplicationContext restarted = EmbeddedGatewayTest.startGateway(settings)) {
            BrokerService broker = restarted.getBean(BrokerService.class);
            assertThat(BrokerLimitsTest.askedAndAnswered(restarted, broker, VICTIM, 5))
                    .as("the gateway restarted on the same data serves")
                    .isEqualTo(5);
        }
    }

    private static String brokerHealth(RestClient operators) {
        Map<?, ?> health = operators
                .get()
                .uri("/actuator/health/embeddedBroker")
                .exchange((request, response) -> {
                    assertThat(response.getStatusCode().value())
                            .as("WARNING answers 200, DOWN 503")
                            .isIn(200, 503);
                    return response.bodyTo(Map.class);
                });
        return String.valueOf(health.get("status"));
    }

    /** True once the broker closed the socket: what it sent first (its wire format) is read past. */
    private static boolean closedByTheBroker(Socket socket) {
        byte[] buffer = new byte[4096];
        try {
            socket.setSoTimeout(1);
            while (socket.getInputStream().read(buffer) >= 0) {
                // the broker's greeting
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    /** The partner that only asks: one query every 200 ms, each answer's latency kept. */
    static final class Victim implements AutoCloseable {

        private final Connection connection;
        private final Session sending;
        private final MessageProducer producer;
        private final ExampleGateways.Side side = ExampleGateways.customsAndBorderProtection(Clock.systemUTC());
        private final ProtocolCodec codec;
        private final List<CaseQuery> queries;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final Map<String, Long> latencies = new ConcurrentHashMap<>();
        private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger next = new AtomicInteger();
        private volatile long attackBegan = Long.MAX_VALUE;
        private volatile JMSException connectionLost;

        Victim(BrokerService broker, ProtocolCodec codec) throws JMSException {
            this.codec = codec;
            this.queries = PartnerTraffic.queries(VICTIM, VICTIMS_QUERIES, new Random(VICTIMS_QUERIES));
            this.connection = PartnerTraffic.login(broker, VICTIM).createConnection();
            connection.setExceptionListener(lost -> connectionLost = lost);
            Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            receiving
                    .createConsumer(receiving.createQueue(VICTIM + ".responses"))
                    .setMessageListener(answer -> {
                        try {
                            Long sent = sentAt.get(answer.getJMSCorrelationID());
                            if (sent != null) {
                                latencies.putIfAbsent(answer.getJMSCorrelationID(), System.nanoTime() - sent);
                            }
                        } catch (JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            this.sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            this.producer = sending.createProducer(sending.createQueue(VICTIM + ".requests"));
            connection.start();
        }

        void start() {
            pace.scheduleAtFixedRate(this::sendNext, 0, VICTIMS_PACE.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void sendNext() {
            int index = next.getAndIncrement();
            if (index >= queries.size()) {
                pace.shutdown();
                return;
            }
            CaseQuery query = queries.get(index);
            try {
                BytesMessage message = sending.createBytesMessage();
                message.writeBytes(side.envelope()
                        .seal(codec.encode(query), side.partner())
                        .sealed());
                sentAt.put(query.getHeader().getMessageId(), System.nanoTime());
                producer.send(message);
            } catch (JMSException | RuntimeException e) {
                // The pace stops here; the test reports why instead of waiting for answers in silence.
                if (connectionLost == null) {
                    connectionLost = e instanceof JMSException jms ? jms : new JMSException(e.toString());
                }
                pace.shutdown();
            }
        }

        void attackBegins() {
            attackBegan = System.nanoTime();
        }

        void awaitAllAnswered(Duration within) {
            org.awaitility.Awaitility.await("the other partner's answers")
                    .atMost(within)
                    .failFast("the other partner's connection failed", () -> connectionLost != null)
                    .until(() -> latencies.size() >= VICTIMS_QUERIES);
        }

        int answered() {
            return latencies.size();
        }

        /** The slowest answers, with when their queries were sent, for a failure's message. */
        String slowest(long since) {
            return latencies.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8)
                    .map(e -> String.format(
                            "sent at +%d ms took %d ms",
                            (sentAt.get(e.getKey()) - since) / 1_000_000, e.getValue() / 1_000_000))
                    .toList()
                    .toString();
        }

        Duration p99() {
            return percentile(99);
        }

        /** Of the queries sent once the attack began: those before it answer a gateway still warming up. */
        Duration percentile(int p) {
            long[] sorted = latencies.entrySet().stream()
                    .filter(sent -> sentAt.get(sent.getKey()) >= attackBegan)
                    .mapToLong(Map.Entry::getValue)
                    .sorted()
                    .toArray();
            int index = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return Duration.ofNanos(sorted[index]);
        }

        /** Why the other partner's connection failed or a send on it did, or null while it holds. */
        JMSException connectionLost() {
            return connectionLost;
        }

        /** Closes quietly a connection that has already failed: that failure is {@link #connectionLost}. */
        @Override
        public void close() throws JMSException {
            pace.shutdownNow();
            try {
                connection.close();
            } catch (JMSException alreadyFailed) {
                if (connectionLost == null) {
                    throw alreadyFailed;
                }
            }
        }
    }

    /** What the attacking partner does with its own login and from its own address. */
    static final class Attack implements AutoCloseable {

        private final BrokerService broker;
        private final ProtocolCodec codec;
        private final List<Connection> held = new ArrayList<>();
        private final List<Socket> loris = new ArrayList<>();
        int refusedLarge;
        int compressedSent;
        int compressedRefused;
        int connectionsRefused;
        int slowLorisOpened;
        int slowLorisClosed;

        Attack(BrokerService broker, ProtocolCodec codec) {
            this.broker = broker;
            this.codec = codec;
        }

        private ActiveMQConnectionFactory login() {
            return PartnerTraffic.login(broker, ATTACKER);
        }

        void largeMessagesOnEveryQueueItMayWrite() throws JMSException {
            byte[] large = new byte[(int) (2.9 * 1024 * 1024)];
            new Random(1).nextBytes(large);
            try (Connection connection = login().createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                for (String queue : List.of(".requests", ".disclosures", ".answers")) {
                    MessageProducer producer = session.createProducer(session.createQueue(ATTACKER + queue));
                    for (int i = 0; i < LARGE_PER_QUEUE; i++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(large);
                        try {
                            producer.send(message);
                        } catch (jakarta.jms.ResourceAllocationException refusedAtTheLimit) {
                            refusedLarge++;
                        }
                    }
                }
            }
        }

        int quarantinedLarge(ConfigurableApplicationContext gateway) {
            return gateway.getBean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT COUNT(*) FROM audit_entry WHERE event = 'QUARANTINED'"
                                    + " AND reason_code = 'ENVELOPE_TOO_LARGE' AND partner_code = ?",
                            Integer.class,
                            ATTACKER);
        }

        void compressedBombs() throws JMSException {
            ActiveMQConnectionFactory compressing = login();
            compressing.setUseCompression(true);
            try (Connection connection = compressing.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(ATTACKER + ".requests"));
                for (int i = 0; i < 10; i++) {
                    BytesMessage bomb = session.createBytesMessage();
                    bomb.writeBytes(new byte[8 * 1024 * 1024]);
                    compressedSent++;
                    try {
                        producer.send(bomb);
                    } catch (JMSException refused) {
                        compressedRefused++;
                    }
                }
            } catch (JMSException connectionClosedByTheRefusal) {
                compressedRefused += compressedSent - compressedRefused;
            }
        }

        void moreConnectionsThanItsShare() {
            for (int i = 0; i < 24; i++) {
                try {
                    Connection connection = login().createConnection();
                    connection.start();
                    held.add(connection);
                } catch (JMSException refusedBeyondItsShare) {
                    connectionsRefused++;
                }
            }
        }

        /** STOMP sockets that send a CONNECT frame a byte at a time and never finish it. */
        void slowLoris(int stompPort) throws Exception {
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket("127.0.0.1", stompPort);
                loris.add(socket);
                slowLorisOpened++;
            }
            byte[] frame = ("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + ATTACKER + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            int sent = 0;
            while (slowLorisClosed < slowLorisOpened && System.nanoTime() < deadline) {
                for (Socket socket : loris) {
                    if (socket.isClosed()) {
                        continue;
                    }
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(frame[sent % frame.length]);
                        out.flush();
                        if (closedByTheBroker(socket)) {
                            socket.close();
                            slowLorisClosed++;
                        }
                    } catch (java.io.IOException closedByTheBroker) {
                        socket.close();
                        slowLorisClosed++;
                    }
                }
                sent++;
                org.awaitility.Awaitility.await()
                        .pollDelay(Duration.ofMillis(500))
                        .until(() -> true);
            }
        }

        /**
         * Sends GARBAGE signed non-messages, connecting again when the broker cuts the connection: its
         * address still holds its share of sockets that have not logged in, and on a slow machine the
         * broker may close this one as the newest of them before its login is through.
         */
        void garbageItSignsCorrectly() throws JMSException {
            ExampleGateways.Side side = ExampleGateways.unitedStates(Clock.systemUTC());
            int sent = 0;
            for (int attempt = 1; sent < GARBAGE; attempt++) {
                try (Connection connection = login().createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(ATTACKER + ".requests"));
                    for (; sent < GARBAGE; sent++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(side.envelope()
                                .seal(
                                        ("<caseQuery>" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                                        side.partner())
                                .sealed());
                        producer.send(message);
                    }
                } catch (JMSException cut) {
                    if (attempt == 10) {
                        throw cut;
                    }
                }
            }
        }

        void passwordGuessing() {
            for (int i = 0; i < GUESSES; i++) {
                try (Connection connection =
                        BrokerAddresses.openWire(broker, ATTACKER, "guess-" + i).createConnection()) {
                    connection.start();
                } catch (JMSException refused) {
                    // every guess is refused; after a few, unchecked
                }
            }
        }

        @Override
        public void close() throws Exception {
            for (Connection connection : held) {
                connection.close();
            }
            held.clear();
            for (Socket socket : loris) {
                socket.close();
            }
        }
    }
}
