package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.exchange.outbound.OurDisclosure;
import org.caseexchange.gateway.exchange.outbound.OurDisclosures;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.ProactiveDisclosure;
import org.caseexchange.gateway.protocol.xml.Receipt;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our officers' proactive disclosures through the whole gateway as shipped: proposed, decided by our
 * rules, confirmed by a second officer, built from our case data with only what the annex releases,
 * sent over the real broker, opened by the partner with its own keys, and acknowledged by its receipt.
 */
class OurDisclosureFlowTest extends EmbeddedGatewayTest {

    static final String CASE_BY_CASE = "SMU-CASE-BY-CASE";

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    OurDisclosures disclosures;

    PartnerAgency usa;

    @BeforeEach
    void connect() throws JMSException {
        usa = new PartnerAgency(broker, codec);
    }

    @AfterEach
    void disconnect() throws JMSException {
        usa.close();
    }

    static OurDisclosure disclosure(String legalBasis, UUID person, DataElement... elements) {
        return new OurDisclosure(
                "officer:can-0042",
                "USA-USCIS",
                legalBasis,
                Purpose.ADMISSIBILITY_ASSESSMENT,
                person,
                Set.of(elements),
                "IRCC-EX-2026-000901",
                "Fraudulent document found at a port of entry");
    }

    @Test
    void aDisclosureLeavesOnlyOnceASecondOfficerConfirmedItAndThePartnersReceiptIsRecorded() throws JMSException {
        PersonRecord person = new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 0, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();

        OurQueries.Outcome proposed = disclosures.propose(
                disclosure(CASE_BY_CASE, person.id(), DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS));

        assertThat(proposed.state()).isEqualTo(OurQueries.State.AWAITING_CONFIRMATION);
        assertThat(usa.receive(OurQueryFlowTest.QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(2)))
                .isEmpty();
        assertThatThrownBy(() -> disclosures.confirm(proposed.exchangeId(), "officer:can-0042"))
                .isInstanceOf(OurQueries.ConfirmationRefused.class)
                .hasMessageContaining("a second officer must");

        OurQueries.Outcome confirmed = disclosures.confirm(proposed.exchangeId(), "supervisor:can-0007");

        assertThat(confirmed.state()).isEqualTo(OurQueries.State.QUEUED);
        PartnerAgency.Answer received = usa.receive(
                        OurQueryFlowTest.QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(30))
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("the disclosure did not reach the partner"));
        assertThat(received.decoded().kind()).isEqualTo(MessageKind.PROACTIVE_DISCLOSURE);
        ProactiveDisclosure sent = received.decoded().as(ProactiveDisclosure.class);
        assertThat(sent.getHeader().getMessageId())
                .isEqualTo(confirmed.messageId().orElseThrow());
        assertThat(sent.getLegalBasis()).isEqualTo(CASE_BY_CASE);
        assertThat(sent.getSenderCaseReference()).isEqualTo("IRCC-EX-2026-000901");
        assertThat(sent.getSubject().getName().get(0).getFamilyName())
                .isEqualTo(person.names().get(0).familyName());
        assertThat(sent.getInformation().getIdentity()).isNotNull();
        assertThat(sent.getInformation().getPriorDecision()).as("not disclosed").isEmpty();
        assertThat(sent.getInformation().getDocumentRecord())
                .as("not disclosed")
                .isEmpty();
        assertThat(sent.getCaveat()).isNotEmpty();

        Receipt receipt = new Receipt();
        receipt.setVersion(MessageKind.VERSION);
        receipt.setHeader(MessageHeaders.header(UUID.randomUUID(), Instant.now(), "USA-USCIS", "CAN-IRCC"));
        receipt.setAcknowledges(sent.getHeader().getMessageId());
        receipt.setAcknowledgedDigest(Sha256.hex(received.opened().payload()));
        usa.send(OurQueryFlowTest.ANSWERS, usa.seal(receipt));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT acknowledged_at IS NOT NULL FROM outbox WHERE exchange_id = ?",
                                Boolean.class,
                                proposed.exchangeId()))
                        .isTrue());
        List<AuditEntry> entries = audit.entriesOf(proposed.exchangeId());
        assertThat(entries)
                .extracting(AuditEntry::event)
                .containsExactly(
                        "DISCLOSURE_PROPOSED",
                        "DECIDED",
                        "DISCLOSURE_CONFIRMED",
                        "DECIDED",
                        "REPLY_SEALED",
                        "REPLY_SENT",
                        "ANSWER_RECORDED");
        assertThat(entries.get(0).actor()).isEqualTo("officer:can-0042");
        assertThat(entries.get(2).actor()).isEqualTo("supervisor:can-0007");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aDisclosureAboutSomeoneOurRulesConcealFromThatPartnerOrUnderAnAnnexWithoutDisclosuresIsRefused() {
        UUID guarded = UUID.randomUUID();
        new CaseDataRepository(jdbc)
                .insert(List.of(new PersonRecord(
                        guarded,
                        List.of(new PersonRecord.Name("EXAMPLE-DISCLOSURE-GUARDED", "Yusuf", null)),
                        PartialDate.parse("1979-02-17"),
                        "M",
                        "SOM",
                        Set.of("SOM"),
                        Set.of(),
                        Set.of(),
                        List.of(),
                        Optional.of(new PersonRecord.Status("OTHER", null, null, Protection.PROTECTED_PERSON, "USA")),
                        List.of(),
                        List.of())));
        PersonRecord onFile = new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 1, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();

        OurQueries.Outcome aboutGuarded = disclosures.propose(disclosure(CASE_BY_CASE, guarded, DataElement.IDENTITY));
        OurQueries.Outcome underAnnex1 =
                disclosures.propose(disclosure("ANNEX-1-IDENTITY-CHECKS", onFile.id(), DataElement.IDENTITY));

        assertThat(aboutGuarded.decision().refusal()).isEqualTo(ReasonCode.REFUSED_BY_DOMESTIC_LAW);
        assertThat(underAnnex1.decision().refusal()).isEqualTo(ReasonCode.DISCLOSURE_NOT_PERMITTED);
        for (OurQueries.Outcome refused : List.of(aboutGuarded, underAnnex1)) {
            assertThat(refused.state()).isEqualTo(OurQueries.State.REFUSED);
            assertThatThrownBy(() -> disclosures.confirm(refused.exchangeId(), "supervisor:can-0007"))
                    .isInstanceOf(OurQueries.ConfirmationRefused.class);
            assertThat(audit.entriesOf(refused.exchangeId()))
                    .extracting(AuditEntry::event)
                    .containsExactly("DISCLOSURE_PROPOSED", "DECIDED");
        }
    }
}
