package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gateway on PostgreSQL, whose server stops (immediately, as a crash or a network cut would) while
 * queries are being processed and starts again. Meanwhile messages are held, not answered and not
 * dead-lettered, and health shows the database DOWN; afterwards every query is answered once.
 */
@Slow
class DatabaseOutageTest {

    static final int QUERIES = 300;
    static final int ANSWERED_BEFORE_OUTAGE = 40;
    static final Duration OUTAGE = Duration.ofSeconds(8);
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void queriesAreHeldWhileTheDatabaseIsDownAndAllAnsweredOnceWhenItReturns() throws Exception {
        try (PostgresTestServer postgres = PostgresTestServer.dedicated();
                ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(
                        withSeed(postgres.externalDatabase(postgres.createDatabase())))) {
            HealthEndpoint health = gateway.getBean(HealthEndpoint.class);
            PartnerAgency usa =
                    new PartnerAgency(gateway.getBean(BrokerService.class), gateway.getBean(ProtocolCodec.class));
            Map<String, Set<String>> answerDigests = new HashMap<>();
            try {
                for (CaseQuery query : PartnerTraffic.queries(QUERIES, new Random(QUERIES))) {
                    usa.send(PartnerAgency.REQUESTS, usa.seal(query));
                }
                try (Connection connection = PartnerTraffic.login(gateway.getBean(BrokerService.class), "USA-USCIS")
                        .createConnection()) {
                    connection.start();
                    Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    MessageConsumer answers = session.createConsumer(session.createQueue(PartnerAgency.RESPONSES));
                    PartnerTraffic.collectAnswers(answers, answerDigests, ANSWERED_BEFORE_OUTAGE, TIMEOUT);

                    postgres.stop();
                    org.awaitility.Awaitility.await("database health DOWN during the outage")
                            .atMost(TIMEOUT)
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> health.healthForPath("db").getStatus(), Status.DOWN::equals);
                    // Answers already committed may still arrive; after that, nothing can be decided.
                    PartnerTraffic.collectAnswers(answers, answerDigests, QUERIES, OUTAGE);
                    int answeredDuringOutage = answerDigests.size();
                    PartnerTraffic.collectAnswers(answers, answerDigests, QUERIES, Duration.ofSeconds(3));
                    assertThat(answerDigests)
                            .as("answers while the database is still down")
                            .hasSize(answeredDuringOutage);
                    assertThat(answeredDuringOutage)
                            .as("queries still held when the outage ends")
                            .isLessThan(QUERIES);

                    postgres.start();
                    PartnerTraffic.collectAnswers(answers, answerDigests, QUERIES, TIMEOUT);
                }
            } finally {
                usa.close();
            }
            assertThat(answerDigests).as("queries answered").hasSize(QUERIES);
            assertThat(answerDigests.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            assertThat(health.healthForPath("db").getStatus())
                    .as("database health after the outage")
                    .isEqualTo(Status.UP);
            assertThat(deadLettered(gateway)).as("dead-lettered query").isNull();
            DeliveryCheck.assertAnsweredOnceAndIntact(gateway.getBean(JdbcTemplate.class), answerDigests);
        }
    }

    private static Message deadLettered(ConfigurableApplicationContext gateway) throws JMSException {
        return BrokerAddresses.operatorReceives(gateway, "DLQ." + PartnerAgency.REQUESTS, null, Duration.ofMillis(500))
                .orElse(null);
    }

    private static Map<String, Object> withSeed(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("gateway.casedata.synthetic.seed", PartnerTraffic.SYNTHETIC_SEED);
        return all;
    }
}
