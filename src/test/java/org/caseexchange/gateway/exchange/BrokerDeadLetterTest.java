package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An answer the partner's own client gives up on goes to the dead-letter queue by the broker's hand, not
 * the gateway's; the audit log still says so, on the exchange it answered.
 */
class BrokerDeadLetterTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext gateway;

    @Test
    void anAnswerThePartnersClientGivesUpOnIsInTheAuditLogAndTheDeadLetterQueue() throws Exception {
        CaseQuery query = PartnerTraffic.queries(1, new Random(7)).get(0);
        String queryId = query.getHeader().getMessageId();
        try (PartnerAgency usa = new PartnerAgency(broker, codec)) {
            usa.send(PartnerAgency.REQUESTS, usa.seal(query));
        }
        Map<String, Object> exchange = awaitRow(queryId);

        // A client that allows no redelivery: rolling back its receipt makes it tell the broker the answer is poison.
        ActiveMQConnectionFactory careless = PartnerTraffic.login(broker, "USA-USCIS");
        RedeliveryPolicy noRedelivery = new RedeliveryPolicy();
        noRedelivery.setMaximumRedeliveries(0);
        careless.setRedeliveryPolicy(noRedelivery);
        byte[] answer;
        try (Connection connection = careless.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(
                    session.createQueue(PartnerAgency.RESPONSES), "JMSCorrelationID = '" + queryId + "'");
            Message received = consumer.receive(Duration.ofSeconds(30).toMillis());
            assertThat(received).as("the answer").isNotNull();
            answer = PartnerAgency.bytes(received);
            session.rollback();
            assertThat(consumer.receive(1000))
                    .as("the answer again, after the client gave up on it")
                    .isNull();
        }

        Message deadLettered = BrokerAddresses.operatorReceives(
                        gateway,
                        "DLQ." + PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + queryId + "'",
                        Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("not in DLQ." + PartnerAgency.RESPONSES));
        assertThat(PartnerAgency.bytes(deadLettered)).isEqualTo(answer);
        AuditEntry entry = awaitEntry((UUID) exchange.get("ID"), "DEAD_LETTERED");
        assertThat(entry.partner()).isEqualTo("USA-USCIS");
        assertThat(entry.reasonCode()).isEqualTo("DELIVERY_ATTEMPTS_EXHAUSTED");
        assertThat(entry.digests()).contains(Sha256.hex(answer));
        assertThat(audit.verify().intact()).isTrue();
    }

    private Map<String, Object> awaitRow(String messageId) {
        return org.awaitility.Awaitility.await("query " + messageId + " answered")
                .atMost(java.time.Duration.ofSeconds(30))
                .until(
                        () -> jdbc.queryForList(
                                "SELECT id, state FROM exchange WHERE message_id = ? AND state = 'ANSWERED'",
                                messageId),
                        rows -> !rows.isEmpty())
                .get(0);
    }

    private AuditEntry awaitEntry(UUID exchangeId, String event) {
        return org.awaitility.Awaitility.await(event + " entry for exchange " + exchangeId)
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> audit.entriesOf(exchangeId).stream()
                                .filter(e -> e.event().equals(event))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
