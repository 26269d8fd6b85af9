package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.Protection;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.OutgoingDecision;
import org.caseexchange.gateway.rules.Purpose;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our officers' queries through the whole gateway as shipped: our rules decide before anything is
 * sealed; what may leave is sealed for the partner, put in the outbox with its exchange row and audit
 * entries, and sent over the real broker, where the partner opens it with its own keys.
 */
class OurQueryFlowTest extends EmbeddedGatewayTest {

    static final String QUERIES = "USA-USCIS.queries";
    static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";

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

    PartnerAgency usa;

    @BeforeEach
    void connect() throws JMSException {
        usa = new PartnerAgency(broker, codec);
    }

    @AfterEach
    void disconnect() throws JMSException {
        usa.close();
    }

    static OurQuery query(String legalBasis, OurQuery.Subject subject, String justification, DataElement... requested) {
        return new OurQuery(
                "officer:can-0042",
                "USA-USCIS",
                legalBasis,
                Purpose.ADMISSIBILITY_ASSESSMENT,
                Set.of(requested),
                subject,
                "IRCC-EX-2026-000815",
                justification);
    }

    static OurQuery.Subject traveller(String familyName) {
        return new OurQuery.Subject(
                List.of(new OurQuery.Name(familyName, "Amara")),
                Optional.of("1991-06-02"),
                Sex.F,
                List.of("NGA"),
                List.of(new OurQuery.Document(DocumentType.PASSPORT, "A0000815EX", "NGA", Optional.empty())));
    }

    @Test
    void aQueryLeavesSealedForThePartnerAskingAndDisclosingOnlyWhatTheAnnexAllows() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(query(
                ANNEX_1,
                traveller("EXAMPLE-OKAFOR"),
                "Visitor visa application declares a prior US refusal",
                DataElement.IDENTITY,
                DataElement.PRIOR_DECISIONS,
                DataElement.DOCUMENTS));

        assertThat(outcome.state()).isEqualTo(OurQueries.State.QUEUED);
        assertThat(outcome.decision().asked())
                .containsExactlyInAnyOrder(DataElement.IDENTITY, DataElement.PRIOR_DECISIONS);
        assertThat(outcome.decision().withheld()).containsExactly(DataElement.DOCUMENTS);
        PartnerAgency.Answer received = usa.receive(QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(30))
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("no query reached the partner"));
        assertThat(received.decoded().kind()).isEqualTo(MessageKind.CASE_QUERY);
        CaseQuery sent = received.decoded().as(CaseQuery.class);
        assertThat(sent.getHeader().getMessageId())
                .isEqualTo(outcome.messageId().orElseThrow());
        assertThat(sent.getHeader().getSender()).isEqualTo("CAN-IRCC");
        assertThat(sent.getHeader().getRecipient()).isEqualTo("USA-USCIS");
        assertThat(sent.getRequestedElement()).extracting(Enum::name).containsExactly("IDENTITY", "PRIOR_DECISIONS");
        assertThat(sent.getSubject().getTravelDocument())
                .as("the annex does not let this purpose concern documents")
                .isEmpty();
        assertThat(sent.getSubject().getName().get(0).getFamilyName()).isEqualTo("EXAMPLE-OKAFOR");
        assertThat(sent.getJustification()).isEqualTo("Visitor visa application declares a prior US refusal");
        assertThat(received.jms().getJMSType()).isEqualTo("caseQuery");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM exchange WHERE id = ?", outcome.exchangeId());
        assertThat(row)
                .containsEntry("direction", "OUTBOUND_QUERY")
                .containsEntry("state", "QUEUED")
                .containsEntry("requested_by", "officer:can-0042")
                .containsEntry("message_id", sent.getHeader().getMessageId());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(events(outcome.exchangeId()))
                        .containsExactly("QUERY_REQUESTED", "DECIDED", "REPLY_SEALED", "REPLY_SENT"));
        AuditEntry requested = audit.entriesOf(outcome.exchangeId()).get(0);
        assertThat(requested.actor()).isEqualTo("officer:can-0042");
        assertThat(requested.digests()).startsWith("justification=");
        assertThat(jdbc.queryForObject(
                        "SELECT sent_at IS NOT NULL FROM outbox WHERE exchange_id = ?",
                        Boolean.class,
                        outcome.exchangeId()))
                .isTrue();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aQueryAboutSomeoneOurRulesConcealFromThatPartnerIsRefusedAndNothingLeaves() throws JMSException {
        String familyName = "EXAMPLE-GUARDED-"
                + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        new CaseDataRepository(jdbc)
                .insert(List.of(new PersonRecord(
                        UUID.randomUUID(),
                        List.of(new PersonRecord.Name(familyName, "Amara", null)),
                        PartialDate.parse("1991-06-02"),
                        "F",
                        "NGA",
                        Set.of("NGA"),
                        Set.of(),
                        Set.of(),
                        List.of(),
                        Optional.of(new PersonRecord.Status("OTHER", null, null, Protection.REFUGEE_CLAIMANT, "USA")),
                        List.of(),
                        List.of())));

        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller(familyName), "Claim lodged; identity to confirm", DataElement.IDENTITY));

        assertThat(outcome.state()).isEqualTo(OurQueries.State.REFUSED);
        assertThat(outcome.decision().refusal()).isEqualTo(ReasonCode.REFUSED_BY_DOMESTIC_LAW);
        assertThat(outcome.decision().citations()).isNotEmpty();
        assertNothingLeft(outcome);
    }

    @Test
    void aQueryUnderAnAnnexNotAgreedWithThePartnerOrWithoutJustificationIsRefused() throws JMSException {
        OurQueries.Outcome unknownAnnex =
                queries.ask(query("ANNEX-9", traveller("EXAMPLE-OKAFOR"), "Checks", DataElement.IDENTITY));
        OurQueries.Outcome unjustified =
                queries.ask(query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), " ", DataElement.IDENTITY));

        assertThat(unknownAnnex.decision().refusal()).isEqualTo(ReasonCode.ANNEX_UNKNOWN);
        assertThat(unjustified.decision().refusal()).isEqualTo(ReasonCode.JUSTIFICATION_REQUIRED);
        assertNothingLeft(unknownAnnex);
        assertNothingLeft(unjustified);
    }

    private void assertNothingLeft(OurQueries.Outcome outcome) throws JMSException {
        assertThat(outcome.decision().outcome()).isEqualTo(OutgoingDecision.Outcome.REFUSE);
        assertThat(outcome.messageId()).isEmpty();
        assertThat(events(outcome.exchangeId())).containsExactly("QUERY_REQUESTED", "DECIDED");
        assertThat(audit.entriesOf(outcome.exchangeId()).get(1).reasonCode())
                .isEqualTo(outcome.decision().refusal().name());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox WHERE exchange_id = ?", Integer.class, outcome.exchangeId()))
                .isZero();
        assertThat(usa.receive(QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(2)))
                .isEmpty();
    }

    List<String> events(UUID exchangeId) {
        return audit.entriesOf(exchangeId).stream().map(AuditEntry::event).toList();
    }

    static Instant now() {
        return Instant.now();
    }
}
