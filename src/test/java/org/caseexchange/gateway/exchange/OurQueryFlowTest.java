package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.caseexchange.gateway.audit.evidence.ReceivedAnswers;
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
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Receipt;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.protocol.xml.WireDecision;
import org.caseexchange.gateway.rules.CaveatCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.OutgoingDecision;
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
 * Our officers' queries through the whole gateway as shipped: our rules decide before anything is
 * sealed; what may leave is sealed for the partner, put in the outbox with its exchange row and audit
 * entries, and sent over the real broker, where the partner opens it with its own keys.
 */
class OurQueryFlowTest extends EmbeddedGatewayTest {

    static final String QUERIES = "USA-USCIS.queries";
    static final String ANSWERS = "USA-USCIS.answers";
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

    @Autowired
    ReceivedAnswers answers;

    @Autowired
    org.springframework.context.ApplicationContext gateway;

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

    /** Someone of ours no other test's traveller resembles: the guards reach every candidate a query could. */
    static OurQuery.Subject guarded(String familyName) {
        return new OurQuery.Subject(
                List.of(new OurQuery.Name(familyName, "Chidinma")),
                Optional.of("1984-11-23"),
                Sex.F,
                List.of("NGA"),
                List.of());
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
                        List.of(new PersonRecord.Name(familyName, "Chidinma", null)),
                        PartialDate.parse("1984-11-23"),
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
                query(ANNEX_1, guarded(familyName), "Claim lodged; identity to confirm", DataElement.IDENTITY));

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

    @Test
    void thePartnersAnswerIsKeptWithOurQueryAndAcknowledgedWithASignedReceipt() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();

        CaseResponse answer = response(query, WireDecision.REFUSE);
        answer.setReasonCode("NO_RELEASABLE_RECORD");
        byte[] payload = codec.encode(answer);
        usa.send(ANSWERS, usa.seal(answer));

        PartnerAgency.Answer receipt = usa.answerTo(answer.getHeader().getMessageId(), Duration.ofSeconds(30));
        assertThat(receipt.decoded().as(Receipt.class).getAcknowledges())
                .isEqualTo(answer.getHeader().getMessageId());
        assertThat(receipt.decoded().as(Receipt.class).getAcknowledgedDigest()).isEqualTo(Sha256.hex(payload));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM exchange WHERE id = ?", outcome.exchangeId());
        assertThat(row)
                .containsEntry("state", "ANSWERED")
                .containsEntry("partner_decision", "REFUSE")
                .containsEntry("partner_reason_code", "NO_RELEASABLE_RECORD");
        List<ReceivedAnswers.Answer> kept = answers.toQuery(outcome.exchangeId());
        assertThat(kept).singleElement().satisfies(one -> {
            assertThat(one.document()).isEqualTo(payload);
            assertThat(one.decision()).isEqualTo("REFUSE");
        });
        assertThat(jdbc.queryForObject(
                        "SELECT document FROM received_answer WHERE query_exchange_id = ?",
                        byte[].class,
                        outcome.exchangeId()))
                .as("encrypted at rest")
                .isNotEqualTo(payload);
        assertThat(events(outcome.exchangeId())).endsWith("ANSWER_RECORDED");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void thePartnersCaveatsTravelIntoTheExportAndTheAnswerIsDestroyedWhenTheyEndIt() throws Exception {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();
        CaseResponse answer = response(query, WireDecision.REFUSE);
        answer.setReasonCode("NO_RELEASABLE_RECORD");
        answer.getCaveat().add(caveat(org.caseexchange.gateway.protocol.xml.WireCaveatCode.NO_ONWARD_DISCLOSURE, null));
        // A retention the partner set that has already ended: the next retention run destroys the answer.
        answer.getCaveat()
                .add(caveat(
                        org.caseexchange.gateway.protocol.xml.WireCaveatCode.RETENTION_LIMIT,
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)));
        byte[] payload = codec.encode(answer);
        usa.send(ANSWERS, usa.seal(answer));
        usa.answerTo(answer.getHeader().getMessageId(), Duration.ofSeconds(30));
        ReceivedAnswers.Answer kept = answers.toQuery(outcome.exchangeId()).get(0);
        assertThat(kept.caveats()).containsExactly("NO_ONWARD_DISCLOSURE", "RETENTION_LIMIT");

        java.io.ByteArrayOutputStream export = new java.io.ByteArrayOutputStream();
        gateway.getBean(org.caseexchange.gateway.audit.export.AuditExporter.class)
                .exportExchange(outcome.exchangeId(), "auditor:carol", export);
        Map<String, byte[]> files = org.caseexchange.gateway.support.ExportArchives.unzip(export.toByteArray());
        assertThat(new String(
                        files.get("received/" + kept.exchangeId() + ".json"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("NO_ONWARD_DISCLOSURE")
                .contains(CaveatCode.NO_ONWARD_DISCLOSURE.handling());
        org.caseexchange.gateway.verifier.ExportVerifier.Report report =
                new org.caseexchange.gateway.verifier.ExportVerifier(
                                List.of(certificate("certs-example/CAN-IRCC/certs/audit.pem")),
                                Map.of("USA-USCIS", List.of(certificate("certs-example/USA-USCIS/ca/root-ca.pem"))))
                        .verify(new java.io.ByteArrayInputStream(export.toByteArray()));
        assertThat(report.problems()).isEmpty();
        assertThat(report.checked())
                .anySatisfy(line -> assertThat(line).contains("CAVEAT").contains("NO_ONWARD_DISCLOSURE"));

        assertThat(gateway.getBean(org.caseexchange.gateway.audit.evidence.ReceivedData.class)
                        .destroyExpired(100))
                .isGreaterThanOrEqualTo(1);

        assertThat(answers.toQuery(outcome.exchangeId())).isEmpty();
        assertThat(audit.entriesOf(kept.exchangeId()))
                .filteredOn(entry -> entry.event().equals("RECEIVED_DATA_DESTROYED"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.digests()).contains(Sha256.hex(payload)));
        assertThat(audit.verify().intact()).isTrue();
    }

    private static org.caseexchange.gateway.protocol.xml.WireCaveat caveat(
            org.caseexchange.gateway.protocol.xml.WireCaveatCode code, java.time.LocalDate retainUntil)
            throws Exception {
        org.caseexchange.gateway.protocol.xml.WireCaveat caveat =
                new org.caseexchange.gateway.protocol.xml.WireCaveat();
        caveat.setCode(code);
        caveat.setValue("EXAMPLE caveat");
        if (retainUntil != null) {
            caveat.setRetainUntil(
                    javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(retainUntil.toString()));
        }
        return caveat;
    }

    private static java.security.cert.X509Certificate certificate(String file) throws Exception {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
            return (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void anAnswerProvesOurQueryWasDeliveredThoughTheInstanceThatSentItDiedBeforeSayingSo() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-IBRAHIM"), "Visa application on file", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> events(outcome.exchangeId()).contains("REPLY_SENT"));
        // As an instance halted after the broker took the query and before it marked it sent leaves it:
        // unsent, and claimed by that instance for another minute.
        jdbc.update(
                "UPDATE outbox SET sent_at = NULL, claimed_until = ? WHERE exchange_id = ?",
                org.caseexchange.gateway.database.Timestamps.utc(
                        java.time.Instant.now().plusSeconds(60)),
                outcome.exchangeId());

        CaseResponse answer = response(query, WireDecision.REFUSE);
        answer.setReasonCode("NO_RELEASABLE_RECORD");
        usa.send(ANSWERS, usa.seal(answer));
        usa.answerTo(answer.getHeader().getMessageId(), Duration.ofSeconds(30));

        Map<String, Object> outbox = jdbc.queryForMap(
                "SELECT sent_at, claimed_until FROM outbox WHERE exchange_id = ?", outcome.exchangeId());
        assertThat(outbox.get("sent_at")).as("the answer marks it sent").isNotNull();
        assertThat(outbox.get("claimed_until"))
                .as("and releases the dead instance's claim")
                .isNull();
        assertThat(events(outcome.exchangeId())).contains("ANSWER_RECORDED");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aPendingAnswerStaysOpenUntilTheFinalResponseThatSupersedesIt() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();
        CaseResponse pending = response(query, WireDecision.PENDING_REVIEW);
        usa.send(ANSWERS, usa.seal(pending));
        usa.answerTo(pending.getHeader().getMessageId(), Duration.ofSeconds(30));
        assertThat(state(outcome)).isEqualTo("PARTNER_REVIEWING");

        FinalResponse last = new FinalResponse();
        last.setVersion(MessageKind.VERSION);
        last.setHeader(MessageHeaders.header(UUID.randomUUID(), Instant.now(), "USA-USCIS", "CAN-IRCC"));
        last.setInResponseTo(pending.getInResponseTo());
        last.setQueryDigest(pending.getQueryDigest());
        last.setDecision(WireDecision.REFUSE);
        last.setReasonCode("NO_RELEASABLE_RECORD");
        last.setSupersedes(pending.getHeader().getMessageId());
        usa.send(ANSWERS, usa.seal(last));
        usa.answerTo(last.getHeader().getMessageId(), Duration.ofSeconds(30));

        assertThat(state(outcome)).isEqualTo("ANSWERED");
        assertThat(answers.toQuery(outcome.exchangeId()))
                .extracting(ReceivedAnswers.Answer::kind)
                .containsExactly("caseResponse", "finalResponse");
    }

    @Test
    void anAnswerToNothingWeSentOrWithAnotherDigestIsQuarantinedAndNotAnswered() throws JMSException {
        queries.ask(query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();
        CaseResponse unsolicited = response(query, WireDecision.REFUSE);
        unsolicited.setReasonCode("NO_RELEASABLE_RECORD");
        unsolicited.setInResponseTo(UUID.randomUUID().toString());
        CaseResponse otherDigest = response(query, WireDecision.REFUSE);
        otherDigest.setReasonCode("NO_RELEASABLE_RECORD");
        otherDigest.setQueryDigest("0".repeat(64));

        for (Object[] each :
                new Object[][] {{unsolicited, "RESPONSE_UNSOLICITED"}, {otherDigest, "RESPONSE_DIGEST_MISMATCH"}}) {
            CaseResponse answer = (CaseResponse) each[0];
            byte[] sealed = usa.seal(answer);
            usa.send(ANSWERS, sealed);
            jakarta.jms.Message quarantined = org.caseexchange.gateway.support.BrokerAddresses.operatorReceives(
                            gateway, "DLQ." + ANSWERS, "cxReasonCode = '" + each[1] + "'", Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("nothing quarantined for " + each[1]));
            assertThat(PartnerAgency.bytes(quarantined)).isEqualTo(sealed);
            UUID exchangeId = UUID.fromString(quarantined.getStringProperty("cxExchangeId"));
            assertThat(audit.entriesOf(exchangeId))
                    .extracting(AuditEntry::reasonCode)
                    .containsExactly((String) each[1]);
            assertThat(usa.receive(
                            PartnerAgency.RESPONSES,
                            "JMSCorrelationID = '" + answer.getHeader().getMessageId() + "'",
                            Duration.ofSeconds(1)))
                    .isEmpty();
        }
    }

    @Test
    void anErrorReplyToOurQueryIsRecordedAndNotAnswered() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer query = partnerReceivesOurQuery();
        ErrorReply error = new ErrorReply();
        error.setVersion(MessageKind.VERSION);
        error.setHeader(MessageHeaders.header(UUID.randomUUID(), Instant.now(), "USA-USCIS", "CAN-IRCC"));
        error.setRefersTo(query.decoded().header().getMessageId());
        error.setReasonCode("QUOTA_EXCEEDED");

        usa.send(ANSWERS, usa.seal(error));

        await().atMost(Duration.ofSeconds(30)).until(() -> "PARTNER_ERROR".equals(state(outcome)));
        assertThat(jdbc.queryForObject(
                        "SELECT partner_reason_code FROM exchange WHERE id = ?", String.class, outcome.exchangeId()))
                .isEqualTo("QUOTA_EXCEEDED");
        assertThat(usa.receive(
                        PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + error.getHeader().getMessageId() + "'",
                        Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void anOfficerResendsAnUnansweredQueryAsTheSameBytesAndCannotResendAnAnsweredOne() throws JMSException {
        OurQueries.Outcome outcome = queries.ask(
                query(ANNEX_1, traveller("EXAMPLE-OKAFOR"), "Prior refusal declared", DataElement.IDENTITY));
        PartnerAgency.Answer first = partnerReceivesOurQuery();
        // The partner can hold it a moment before the outbox records that the broker took it.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(events(outcome.exchangeId())).contains("REPLY_SENT"));

        queries.resend(outcome.exchangeId(), "officer:can-0042");

        PartnerAgency.Answer again = partnerReceivesOurQuery();
        assertThat(again.sealed()).isEqualTo(first.sealed());
        assertThat(again.decoded().header().getMessageId())
                .isEqualTo(outcome.messageId().orElseThrow());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(events(outcome.exchangeId()))
                        .containsSubsequence("REPLY_SENT", "OFFICER_ACTION", "REPLY_SENT"));
        CaseResponse answer = response(first, WireDecision.REFUSE);
        answer.setReasonCode("NO_RELEASABLE_RECORD");
        usa.send(ANSWERS, usa.seal(answer));
        usa.answerTo(answer.getHeader().getMessageId(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> queries.resend(outcome.exchangeId(), "officer:can-0042"))
                .isInstanceOf(OurQueries.ConfirmationRefused.class);
    }

    private PartnerAgency.Answer partnerReceivesOurQuery() throws JMSException {
        return usa.receive(QUERIES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(30))
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("no query reached the partner"));
    }

    /** The partner's caseResponse to a query of ours as it received it. */
    private static CaseResponse response(PartnerAgency.Answer query, WireDecision decision) {
        CaseResponse response = new CaseResponse();
        response.setVersion(MessageKind.VERSION);
        response.setHeader(MessageHeaders.header(UUID.randomUUID(), Instant.now(), "USA-USCIS", "CAN-IRCC"));
        response.setInResponseTo(query.decoded().header().getMessageId());
        response.setQueryDigest(Sha256.hex(query.opened().payload()));
        response.setDecision(decision);
        return response;
    }

    private String state(OurQueries.Outcome outcome) {
        return jdbc.queryForObject("SELECT state FROM exchange WHERE id = ?", String.class, outcome.exchangeId());
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
}
