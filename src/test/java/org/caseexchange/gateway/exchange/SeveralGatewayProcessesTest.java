package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolProperties;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.ExternalBroker;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;

/**
 * Two gateway JVMs on one external PostgreSQL and one external broker, as an agency runs them for high
 * availability, through what such a deployment lives through while 2 000 queries from two partners are
 * answered: one gateway killed ({@code kill -9}) and started again, the broker restarted, and a rolling
 * restart of both. Every query is answered exactly once with its stored bytes, on its own partner's
 * queue, nothing is quarantined or dead-lettered, and the one audit chain both appended to verifies.
 */
@Slow
class SeveralGatewayProcessesTest {

    static final List<String> PARTNERS = List.of("USA-USCIS", "USA-CBP");
    static final int PER_PARTNER = 1000;
    static final int QUERIES = PER_PARTNER * PARTNERS.size();
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void twoGatewaysLoseNothingThroughAKillABrokerRestartAndARollingRestart() throws Exception {
        Path folder = ScratchDirectories.create("several-gateways-");
        int brokerPort = FreePort.any();
        BrokerService[] broker = {ExternalBroker.start(folder.resolve("broker"), brokerPort)};
        CrashRecoveryTest.Store store = CrashRecoveryTest.Store.external();
        List<String> shared = List.of(
                "--gateway.broker.embedded=false",
                "--gateway.broker.url=failover:(tcp://127.0.0.1:" + brokerPort
                        + ")?initialReconnectDelay=100&maxReconnectDelay=1000",
                "--gateway.audit.checkpoints.folder=" + folder.resolve("checkpoints"),
                "--spring.profiles.active=second-partner");
        int[] runs = {0};
        CrashRecoveryTest.Child[] gateways = new CrashRecoveryTest.Child[2];
        try {
            gateways[0] = start(folder.resolve("a"), store, shared, runs);
            gateways[1] = start(folder.resolve("b"), store, shared, runs);
            ProtocolCodec codec = new ProtocolCodec(new ProtocolProperties.Limits(16, 16, 4000, 64));
            Map<String, ExampleGateways.Side> sides = Map.of(
                    "USA-USCIS",
                    ExampleGateways.unitedStates(Clock.systemUTC()),
                    "USA-CBP",
                    ExampleGateways.customsAndBorderProtection(Clock.systemUTC()));
            Map<String, Set<String>> answerDigests = new HashMap<>();
            Map<String, Set<String>> asked = new HashMap<>();
            String url = "tcp://127.0.0.1:" + brokerPort;
            for (String partner : PARTNERS) {
                List<CaseQuery> queries = PartnerTraffic.queries(partner, PER_PARTNER, new Random(partner.hashCode()));
                send(url, partner, queries, sides.get(partner), codec);
                asked.put(
                        partner,
                        queries.stream()
                                .map(query -> query.getHeader().getMessageId())
                                .collect(Collectors.toSet()));
            }

            collect(url, answerDigests, 400);
            gateways[1].process().destroyForcibly().waitFor();
            gateways[1] = start(folder.resolve("b"), store, shared, runs);

            collect(url, answerDigests, 900);
            broker[0].stop();
            broker[0].waitUntilStopped();
            broker[0] = ExternalBroker.start(folder.resolve("broker"), brokerPort);

            collect(url, answerDigests, 1400);
            for (int i = 0; i < gateways.length; i++) {
                gateways[i].stop();
                gateways[i] = start(folder.resolve(i == 0 ? "a" : "b"), store, shared, runs);
                collect(url, answerDigests, Math.min(QUERIES, answerDigests.size() + 100));
            }

            collect(url, answerDigests, QUERIES);
            assertThat(answerDigests).as("queries answered").hasSize(QUERIES);
            try (CrashRecoveryTest.Store.Opened database = store.open()) {
                for (String partner : PARTNERS) {
                    assertThat(database.jdbc()
                                    .queryForList(
                                            "SELECT message_id FROM exchange WHERE partner_code = ?",
                                            String.class,
                                            partner))
                            .as("%s's queries, each answered under its own name", partner)
                            .containsExactlyInAnyOrderElementsOf(asked.get(partner));
                }
            }
            assertThat(answerDigests.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            try (CrashRecoveryTest.Store.Opened database = store.open()) {
                DeliveryCheck.assertAnsweredOnceAndIntact(database.jdbc(), answerDigests);
            }
            try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                for (String partner : PARTNERS) {
                    assertThat(session.createConsumer(session.createQueue("DLQ." + partner + ".requests"))
                                    .receive(500))
                            .as("dead-lettered from %s", partner)
                            .isNull();
                }
            }
        } finally {
            for (CrashRecoveryTest.Child gateway : gateways) {
                if (gateway != null) {
                    gateway.stop();
                }
            }
            broker[0].stop();
            broker[0].waitUntilStopped();
        }
    }

    private static CrashRecoveryTest.Child start(
            Path dataDirectory, CrashRecoveryTest.Store store, List<String> shared, int[] runs) throws Exception {
        java.nio.file.Files.createDirectories(dataDirectory);
        CrashRecoveryTest.Child child =
                CrashRecoveryTest.Child.start(dataDirectory, store, FreePort.any(), null, 0, runs[0]++, shared);
        boolean ready;
        try {
            ready = child.awaitReady();
        } catch (AssertionError notReady) {
            child.stop();
            throw notReady;
        }
        if (!ready) {
            child.stop();
        }
        assertThat(ready).as("a gateway started:%n%s", child.tail()).isTrue();
        return child;
    }

    private static void send(
            String url, String partner, List<CaseQuery> queries, ExampleGateways.Side side, ProtocolCodec codec)
            throws JMSException {
        try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(partner + ".requests"));
            for (CaseQuery query : queries) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(side.envelope()
                        .seal(codec.encode(query), side.partner())
                        .sealed());
                producer.send(message);
            }
        }
    }

    /**
     * The partners' own connection, opened for each step so that a broker restart in between cannot
     * strand it; one consumer reads both partners' answer queues (an ActiveMQ composite destination).
     */
    private static void collect(String url, Map<String, Set<String>> answerDigests, int until) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        // A connection that fails (the broker not back yet) is tried again after the poll interval.
        org.awaitility.Awaitility.await(until + " answers collected")
                .atMost(STEP_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
                        connection.start();
                        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                        PartnerTraffic.collectAnswers(
                                session.createConsumer(session.createQueue(PARTNERS.stream()
                                        .map(partner -> partner + ".responses")
                                        .collect(Collectors.joining(",")))),
                                answerDigests,
                                until,
                                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    } catch (JMSException brokerNotBackYet) {
                        return false;
                    }
                    return answerDigests.size() >= until;
                });
    }
}
