package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Where the agency assesses a mitigable human-rights risk with the partner, a query of ours leaves only
 * once a second officer confirmed it: the officer who asked cannot, and the query is decided again and
 * sealed when confirmed, so the partner sees a fresh message. Left unanswered, it is flagged overdue.
 */
@TestPropertySource(
        properties = {"gateway.rules.partner-risk.USA-USCIS=MITIGABLE", "gateway.exchange.answer-within=PT2S"})
class OurQueryConfirmationTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    OurQueries queries;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    PartnerAgency usa;

    @BeforeEach
    void connect() throws JMSException {
        usa = new PartnerAgency(broker, codec);
    }

    @AfterEach
    void disconnect() throws JMSException {
        usa.close();
    }

    @Test
    void aQueryWaitsForASecondOfficerAndLeavesOnlyOnceConfirmed() throws JMSException {
        OurQueries.Outcome asked = queries.ask(OurQueryFlowTest.query(
                OurQueryFlowTest.ANNEX_1,
                OurQueryFlowTest.traveller("EXAMPLE-OKAFOR"),
                "Visitor visa application declares a prior US refusal",
                DataElement.IDENTITY));

        assertThat(asked.state()).isEqualTo(OurQueries.State.AWAITING_CONFIRMATION);
        assertThat(asked.decision().citedRuleIds()).contains("PARTNER-HUMAN-RIGHTS-RISK");
        assertThat(usa.receive(OurQueryFlowTest.QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(2)))
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM pending_query WHERE exchange_id = ? AND document IS NOT NULL",
                        Integer.class,
                        asked.exchangeId()))
                .isOne();

        assertThatThrownBy(() -> queries.confirm(asked.exchangeId(), "officer:can-0042"))
                .isInstanceOf(OurQueries.ConfirmationRefused.class)
                .hasMessageContaining("a second officer must");
        Instant beforeConfirmation = Instant.now().minusSeconds(1);
        OurQueries.Outcome confirmed = queries.confirm(asked.exchangeId(), "supervisor:can-0007");

        assertThat(confirmed.state()).isEqualTo(OurQueries.State.QUEUED);
        CaseQuery sent = usa.receive(OurQueryFlowTest.QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(30))
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("the confirmed query did not reach the partner"))
                .decoded()
                .as(CaseQuery.class);
        assertThat(sent.getHeader().getMessageId())
                .isEqualTo(confirmed.messageId().orElseThrow());
        assertThat(sent.getHeader().getCreatedAt().toGregorianCalendar().toInstant())
                .isAfter(beforeConfirmation);
        assertThat(jdbc.queryForObject(
                        "SELECT confirmed_by FROM exchange WHERE id = ?", String.class, asked.exchangeId()))
                .isEqualTo("supervisor:can-0007");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM pending_query WHERE exchange_id = ?", Integer.class, asked.exchangeId()))
                .isZero();
        List<AuditEntry> entries = audit.entriesOf(asked.exchangeId());
        assertThat(entries)
                .extracting(AuditEntry::event)
                .startsWith("QUERY_REQUESTED", "DECIDED", "QUERY_CONFIRMED", "DECIDED", "REPLY_SEALED");
        assertThat(entries.get(2).actor()).isEqualTo("supervisor:can-0007");
        assertThatThrownBy(() -> queries.confirm(asked.exchangeId(), "supervisor:can-0008"))
                .isInstanceOf(OurQueries.ConfirmationRefused.class);

        // Unanswered past gateway.exchange.answer-within (2 s here): flagged to the officer, and counted.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(queries.overdue())
                        .extracting(OurQueries.Overdue::exchangeId)
                        .contains(asked.exchangeId()));
        assertThat(meters.get("gateway.our-queries.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
    }
}
