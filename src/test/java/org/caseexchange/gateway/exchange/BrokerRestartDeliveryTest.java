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
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.command.ActiveMQQueue;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.ExternalBroker;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gateway on an external broker (as in production: {@code gateway.broker.embedded=false}, a
 * failover URL) that restarts while 500 queries are queued and some are being processed. Transactions
 * open when the broker goes are rolled back and come again; a query whose exchange committed before
 * finds its stored answer. Every query is answered, each decided once, the dead-letter queue stays empty.
 */
@Slow
class BrokerRestartDeliveryTest {

    static final int QUERIES = 500;
    static final int ANSWERED_BEFORE_RESTART = 60;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void queriesQueuedAndInFlightAcrossABrokerRestartAreAllAnsweredOnce(@TempDir Path brokerData) throws Exception {
        int port = FreePort.any();
        String url = "failover:(tcp://127.0.0.1:" + port + ")?initialReconnectDelay=100&maxReconnectDelay=1000";
        BrokerService broker = ExternalBroker.start(brokerData, port);
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of(
                "gateway.broker.embedded",
                false,
                "gateway.broker.url",
                url,
                "gateway.casedata.synthetic.seed",
                PartnerTraffic.SYNTHETIC_SEED))) {
            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC());
            Map<String, Set<String>> answerDigests = new HashMap<>();

            // The partner has a plain connection of its own: when the broker goes, it connects again, and
            // what it had not acknowledged comes again. (A partner on a failover URL with client
            // acknowledgement can have answers it prefetched poison-acked to DLQ.<queue> by its own client
            // after the failover, as duplicates of a delivery it never saw: an early version of this test did.)
            String partnerUrl = "tcp://127.0.0.1:" + port;
            ActiveMQConnectionFactory beforeRestartFactory = new ActiveMQConnectionFactory(partnerUrl);
            beforeRestartFactory.setCloseTimeout(1000); // its broker is gone by the time it is closed
            Connection beforeRestart = beforeRestartFactory.createConnection();
            try {
                beforeRestart.start();
                Session session = beforeRestart.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(PartnerAgency.REQUESTS));
                for (CaseQuery query : PartnerTraffic.queries(QUERIES, new Random(QUERIES))) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(usa.envelope()
                            .seal(codec.encode(query), usa.partner())
                            .sealed());
                    producer.send(message);
                }
                PartnerTraffic.collectAnswers(
                        session.createConsumer(session.createQueue(PartnerAgency.RESPONSES)),
                        answerDigests,
                        ANSWERED_BEFORE_RESTART,
                        TIMEOUT);

                broker.stop();
                broker.waitUntilStopped();
                broker = ExternalBroker.start(brokerData, port);
            } finally {
                closeQuietly(beforeRestart);
            }
            try (Connection connection = new ActiveMQConnectionFactory(partnerUrl).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                PartnerTraffic.collectAnswers(
                        session.createConsumer(session.createQueue(PartnerAgency.RESPONSES)),
                        answerDigests,
                        QUERIES,
                        TIMEOUT);
                for (String queue : List.of(PartnerAgency.REQUESTS, PartnerAgency.RESPONSES)) {
                    assertThat(session.createConsumer(session.createQueue("DLQ." + queue))
                                    .receive(500))
                            .as("dead-lettered from " + queue)
                            .isNull();
                }
            }
            if (answerDigests.size() < QUERIES) {
                System.out.println("unanswered; the requests queue: " + queueStatistics(broker, PartnerAgency.REQUESTS)
                        + "; exchanges recorded: "
                        + gateway.getBean(JdbcTemplate.class)
                                .queryForObject("SELECT COUNT(*) FROM exchange", Integer.class));
            }
            assertThat(answerDigests).as("queries answered").hasSize(QUERIES);
            assertThat(answerDigests.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            DeliveryCheck.assertAnsweredOnceAndIntact(gateway.getBean(JdbcTemplate.class), answerDigests);
        } finally {
            broker.stop();
        }
    }

    /** Closing a connection whose broker went away can fail; the partner simply connects again. */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException lostWithTheBroker) {
            // nothing left to close
        }
    }

    private static String queueStatistics(BrokerService broker, String queue) throws Exception {
        var destination = broker.getBroker().getDestinationMap().get(new ActiveMQQueue(queue));
        if (destination == null) {
            return "none";
        }
        var statistics = destination.getDestinationStatistics();
        return "messages " + statistics.getMessages().getCount() + ", in flight "
                + statistics.getInflight().getCount() + ", dispatched "
                + statistics.getDispatched().getCount() + ", dequeued "
                + statistics.getDequeues().getCount() + ", consumers "
                + destination.getConsumers().size();
    }

    /** A persistent broker of its own, as an operator would run one: KahaDB synced, a DLQ per queue. */
}
