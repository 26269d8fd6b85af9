package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.CheckpointWriter;
import org.caseexchange.gateway.database.InstanceLocks;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.ExternalBroker;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two gateway instances side by side on one PostgreSQL database and one broker, as an agency runs them
 * for high availability: both consume the partner's queue, one is stopped while queries are in
 * flight, and the other carries on. Every query is answered once, with one decision, the chain the two
 * appended to is one chain, work one instance does at a time (the outbox's sends) is not done twice,
 * and health and metrics name the instance that did a job last.
 */
class SeveralInstancesTest {

    static final int QUERIES = 200;
    static final int ANSWERED_BEFORE_STOP = 60;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static void send(
            Session session, MessageProducer producer, CaseQuery query, ExampleGateways.Side usa, ProtocolCodec codec)
            throws jakarta.jms.JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(
                usa.envelope().seal(codec.encode(query), usa.partner()).sealed());
        producer.send(message);
    }

    private static InstanceLocks.JobState jobState(ConfigurableApplicationContext instance, InstanceLocks.Job job) {
        return instance.getBean(InstanceLocks.class).jobs().stream()
                .filter(state -> state.job() == job)
                .findFirst()
                .orElseThrow();
    }

    private static double lastRunHere(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class)
                .get("gateway.instance.job.last.run.here")
                .tag("job", "checkpoints")
                .gauge()
                .value();
    }

    private static Map<String, Object> named(Map<String, Object> shared, String instance) {
        Map<String, Object> settings = new LinkedHashMap<>(shared);
        settings.put("gateway.instance.name", instance);
        return settings;
    }

    @Test
    void twoInstancesShareTheWorkAndTheSurvivorFinishesWhatTheStoppedOneLeft() throws Exception {
        Path folder = ScratchDirectories.create("several-instances");
        int port = FreePort.any();
        BrokerService broker = ExternalBroker.start(folder.resolve("broker"), port);
        String database = PostgresTestServer.shared().createDatabase();
        Map<String, Object> shared =
                new LinkedHashMap<>(PostgresTestServer.shared().externalDatabase(database));
        shared.put("gateway.broker.embedded", false);
        shared.put(
                "gateway.broker.url",
                "failover:(tcp://127.0.0.1:" + port + ")?initialReconnectDelay=100&maxReconnectDelay=1000");
        shared.put("gateway.casedata.synthetic.seed", PartnerTraffic.SYNTHETIC_SEED);
        // The instances sign checkpoints into one folder, as they would on a shared volume.
        shared.put("gateway.audit.checkpoints.folder", folder.resolve("checkpoints"));
        ConfigurableApplicationContext first = EmbeddedGatewayTest.startGateway(named(shared, "instance-a"));
        ConfigurableApplicationContext second = null;
        try {
            second = EmbeddedGatewayTest.startGateway(named(shared, "instance-b"));
            ProtocolCodec codec = first.getBean(ProtocolCodec.class);
            ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC());
            Map<String, Set<String>> answerDigests = new HashMap<>();
            try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(PartnerAgency.REQUESTS));
                List<CaseQuery> queries = PartnerTraffic.queries(QUERIES + 1, new Random(QUERIES));
                for (CaseQuery query : queries.subList(0, QUERIES)) {
                    send(session, producer, query, usa, codec);
                }
                var answers = session.createConsumer(session.createQueue(PartnerAgency.RESPONSES));
                PartnerTraffic.collectAnswers(answers, answerDigests, ANSWERED_BEFORE_STOP, TIMEOUT);

                first.close();

                PartnerTraffic.collectAnswers(answers, answerDigests, QUERIES, TIMEOUT);

                // The stopped instance signed a checkpoint as it closed; the survivor signs the next one.
                assertThat(jobState(second, InstanceLocks.Job.CHECKPOINTS).lastRunBy())
                        .contains("instance-a");
                assertThat(lastRunHere(second)).isZero();
                send(session, producer, queries.get(QUERIES), usa, codec);
                PartnerTraffic.collectAnswers(answers, answerDigests, QUERIES + 1, TIMEOUT);
                assertThat(second.getBean(CheckpointWriter.class).writeIfGrown())
                        .isPresent();
                assertThat(jobState(second, InstanceLocks.Job.CHECKPOINTS).lastRunBy())
                        .contains("instance-b");
                assertThat(lastRunHere(second)).isEqualTo(1.0);
                Health health =
                        second.getBean("instances", HealthIndicator.class).health();
                assertThat(health.getDetails()).containsEntry("instance", "instance-b");
                assertThat(health.getDetails().get("jobs").toString()).contains("checkpoints={lastRunBy=instance-b");
            }

            assertThat(answerDigests).as("queries answered").hasSize(QUERIES + 1);
            assertThat(answerDigests.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            DeliveryCheck.assertAnsweredOnceAndIntact(jdbc, answerDigests);

        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
            broker.stop();
            broker.waitUntilStopped();
        }

        // The outbox: a message one instance claimed is not offered to another until the claim lapses.
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database, PostgresTestServer.USER, PostgresTestServer.PASSWORD));
        Outbox outbox = new Outbox(jdbc);
        UUID exchange = jdbc.queryForObject("SELECT id FROM exchange FETCH FIRST 1 ROWS ONLY", UUID.class);
        jdbc.update(
                "INSERT INTO outbox (id, exchange_id, partner_code, destination, message_kind, message_id, sealed,"
                        + " created_at) VALUES (?, ?, 'USA-USCIS', ?, 'finalResponse', ?, ?, ?)",
                UUID.randomUUID(),
                exchange,
                PartnerAgency.RESPONSES,
                UUID.randomUUID().toString(),
                new byte[] {1},
                org.caseexchange.gateway.database.Timestamps.utc(Instant.now()));
        Instant now = Instant.now();
        assertThat(outbox.due(50, now)).as("claimed by one instance").hasSize(1);
        assertThat(outbox.due(50, now.plusSeconds(5)))
                .as("not offered to another")
                .isEmpty();
        assertThat(outbox.due(50, now.plus(Outbox.CLAIM).plusSeconds(1)))
                .as("offered again once the claim lapsed")
                .hasSize(1);
    }
}
