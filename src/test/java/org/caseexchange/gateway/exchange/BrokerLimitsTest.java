package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The embedded broker under a partner's large messages: a partner fills the queue nothing reads yet with
 * messages at the frame limit, and the broker holds them on disk within its share of the heap while
 * the other partner is answered; a transaction is bounded by the queue's memory; stopped, the gateway's
 * probes answer 503.
 */
class BrokerLimitsTest {

    static final int MESSAGES = 120;

    @Test
    void largeMessagesOnAQueueNobodyReadsStayWithinTheBrokersShareOfTheHeapWhileAnotherPartnerIsAnswered()
            throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(
                Map.of("spring.profiles.active", "second-partner", "gateway.broker.limits.dead-letter-expiry", "4s"))) {
            BrokerService broker = gateway.getBean(BrokerService.class);
            // Nobody reads the partner's answers queue while its consumer is stopped (an outage of ours).
            gateway.getBean(org.apache.camel.CamelContext.class)
                    .getRouteController()
                    .stopRoute("receivePartnerAnswer-USA-USCIS");
            long limit = broker.getSystemUsage().getMemoryUsage().getLimit();
            assertThat(limit).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 100 * 20);
            byte[] large = new byte[(int) (2.9 * 1024 * 1024)];
            long peak = 0;
            long queuePeak = 0;
            org.apache.activemq.broker.region.Destination answers = null;
            int accepted = 0;
            int refused = 0;
            try (Connection usa = BrokerAddresses.openWire(
                            broker, "USA-USCIS", BrokerAddresses.partnerPassword("USA-USCIS"))
                    .createConnection()) {
                usa.start();
                Session session = usa.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (MessageProducer producer = session.createProducer(session.createQueue("USA-USCIS.answers"))) {
                    producer.send(session.createBytesMessage());
                    accepted++;
                    answers = broker.getDestination(new org.apache.activemq.command.ActiveMQQueue("USA-USCIS.answers"));
                    for (int i = 0; i < MESSAGES; i++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(large);
                        try {
                            producer.send(message);
                            accepted++;
                        } catch (jakarta.jms.ResourceAllocationException refusedAtTheLimit) {
                            refused++;
                        }
                        peak = Math.max(
                                peak, broker.getSystemUsage().getMemoryUsage().getUsage());
                        queuePeak = Math.max(queuePeak, answers.getMemoryUsage().getUsage());
                    }
                }
            }
            // The expiry task pages every destination's messages in to look at them (every 2 s here).
            Instant until = Instant.now().plusSeconds(6);
            while (Instant.now().isBefore(until)) {
                peak = Math.max(peak, broker.getSystemUsage().getMemoryUsage().getUsage());
                queuePeak = Math.max(queuePeak, answers.getMemoryUsage().getUsage());
                Thread.onSpinWait();
            }

            assertThat(broker.isStarted()).isTrue();
            assertThat(peak).isLessThanOrEqualTo(limit);
            // One queue holds at most its own share in memory (16 MB, and the message being taken).
            assertThat(queuePeak).isLessThanOrEqualTo(16L * 1024 * 1024 + large.length);
            assertThat(queued(broker)).isEqualTo(accepted);
            assertThat(accepted + refused).isEqualTo(MESSAGES + 1);
            assertThat(accepted)
                    .as("most of a flood at the frame limit is taken, on disk")
                    .isGreaterThan(MESSAGES / 2);
            assertThat(askedAndAnswered(gateway, broker, "USA-CBP", 5)).isEqualTo(5);
        }
    }

    /** Queries the other partner sends while the queue is full, and how many of them it has an answer to. */
    static int askedAndAnswered(ConfigurableApplicationContext gateway, BrokerService broker, String partner, int count)
            throws Exception {
        org.caseexchange.gateway.support.ExampleGateways.Side side =
                org.caseexchange.gateway.support.ExampleGateways.customsAndBorderProtection(
                        java.time.Clock.systemUTC());
        org.caseexchange.gateway.protocol.ProtocolCodec codec =
                gateway.getBean(org.caseexchange.gateway.protocol.ProtocolCodec.class);
        try (Connection connection = PartnerTraffic.login(broker, partner).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(partner + ".requests"))) {
                for (var query : PartnerTraffic.queries(partner, count, new java.util.Random(7))) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(side.envelope()
                            .seal(codec.encode(query), side.partner())
                            .sealed());
                    producer.send(message);
                }
            }
        }
        Map<String, java.util.Set<String>> answers = new java.util.HashMap<>();
        PartnerTraffic.collectAnswers(broker, partner, answers, count, Duration.ofSeconds(30));
        return answers.size();
    }

    /**
     * The broker holds a transaction's messages in the queue's memory until the commit: a partner's
     * transaction larger than the queue's share fails at its commit and is rolled back whole. The memory
     * it held is released when the partner's connection closes; on a new one, the same messages in
     * smaller transactions are all taken, on disk.
     */
    @Test
    void aTransactionLargerThanAQueuesMemoryIsRolledBackWholeWhileSmallerOnesAreTaken() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of())) {
            BrokerService broker = gateway.getBean(BrokerService.class);
            gateway.getBean(org.apache.camel.CamelContext.class)
                    .getRouteController()
                    .stopRoute("receivePartnerAnswer-USA-USCIS");
            byte[] large = new byte[(int) (2.5 * 1024 * 1024)];
            int messages = 8; // 20 MB, over the queue's 16 MB
            try (Connection usa = partnerConnection(broker)) {
                Session session = usa.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(session.createQueue("USA-USCIS.answers"));
                for (int i = 0; i < messages; i++) {
                    producer.send(PartnerAgency.bytesMessage(session, large));
                }
                assertThatThrownBy(session::commit).isInstanceOf(jakarta.jms.JMSException.class);
                session.rollback();
            }
            assertThat(queued(broker))
                    .as("nothing of the transaction is queued")
                    .isZero();

            try (Connection usa = partnerConnection(broker)) {
                Session session = usa.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(session.createQueue("USA-USCIS.answers"));
                for (int i = 0; i < messages; i++) {
                    producer.send(PartnerAgency.bytesMessage(session, large));
                    if (i % 2 == 1) {
                        session.commit();
                    }
                }
            }
            assertThat(queued(broker)).isEqualTo(messages);
            assertThat(broker.getSystemUsage().getMemoryUsage().getUsage())
                    .isLessThanOrEqualTo(
                            broker.getSystemUsage().getMemoryUsage().getLimit());
        }
    }

    private static Connection partnerConnection(BrokerService broker) throws jakarta.jms.JMSException {
        Connection connection = PartnerTraffic.login(broker, "USA-USCIS").createConnection();
        connection.start();
        return connection;
    }

    private static long queued(BrokerService broker) throws Exception {
        return broker.getDestination(new org.apache.activemq.command.ActiveMQQueue("USA-USCIS.answers"))
                .getDestinationStatistics()
                .getMessages()
                .getCount();
    }

    @Test
    void theProbesAnswer503WhenTheBrokerIsDown() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of())) {
            String port = gateway.getEnvironment().getProperty("local.server.port");
            RestClient http = RestClient.create("http://127.0.0.1:" + port);
            assertThat(http.get()
                            .uri("/readyz")
                            .retrieve()
                            .toBodilessEntity()
                            .getStatusCode()
                            .value())
                    .isEqualTo(200);

            gateway.getBean(BrokerService.class).stop();

            Integer ready = http.get()
                    .uri("/readyz")
                    .exchange((request, response) -> response.getStatusCode().value());
            Integer live = http.get()
                    .uri("/livez")
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(ready).isEqualTo(503);
            assertThat(live).isEqualTo(200);
        }
    }
}
