package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.export.AuditExporter;
import org.caseexchange.gateway.audit.export.ExportFormat;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.Protection;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.exchange.review.ReviewVerdict;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExportArchives;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.trust.Sha256;
import org.caseexchange.gateway.verifier.ExportVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partner's case queries through the whole gateway as shipped: the partner seals with its own example
 * keys and sends over the real broker; the gateway decides on the synthetic case data in its database; the
 * partner opens and verifies each answer. Each case asserts the answer, the exchange row and the audit
 * entries.
 */
class PartnerQueryFlowTest extends EmbeddedGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    PartnerAgency usa;
    DemoCases cases;

    @BeforeEach
    void connect() throws JMSException {
        usa = new PartnerAgency(broker, codec);
        cases = new DemoCases(jdbc);
        // A protected person fearing the partner's country is rare in the synthetic data (one in three
        // hundred); the small test population may have none, so one is put on file.
        if (cases.pick(DemoCases.Kind.PROTECTED, 0, LocalDate.now(ZoneOffset.UTC))
                .isEmpty()) {
            new CaseDataRepository(jdbc)
                    .insert(List.of(new PersonRecord(
                            UUID.fromString("00000000-0000-4000-8000-00000000beef"),
                            List.of(new PersonRecord.Name("EXAMPLE-HALABI", "Noor", null)),
                            PartialDate.parse("1990-03-14"),
                            "F",
                            "SYR",
                            Set.of("SYR"),
                            Set.of(),
                            Set.of(),
                            List.of(),
                            Optional.of(
                                    new PersonRecord.Status("OTHER", null, null, Protection.PROTECTED_PERSON, "USA")),
                            List.of(),
                            List.of())));
        }
    }

    @AfterEach
    void disconnect() throws JMSException {
        usa.close();
    }

    CaseQuery query(Subject subject, WireDataElement... requested) {
        return DemoQueries.query(
                "USA-USCIS",
                "CAN-IRCC",
                Instant.now(),
                ANNEX_1,
                WirePurpose.ADMISSIBILITY_ASSESSMENT,
                List.of(requested),
                subject);
    }

    Subject person(DemoCases.Kind kind) {
        PersonRecord person = cases.pick(kind, 0, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow(() -> new AssertionError("no " + kind + " on file"));
        return DemoQueries.subjectOf(person);
    }

    PartnerAgency.Answer ask(CaseQuery query) throws JMSException {
        usa.send(PartnerAgency.REQUESTS, usa.seal(query));
        return usa.answerTo(query.getHeader().getMessageId(), WAIT);
    }

    @Autowired
    org.springframework.context.ApplicationContext gateway;

    /** What an operator sees on a queue no partner may read (a dead-letter queue, or one a message tried to name). */
    java.util.Optional<Message> operatorReceives(String queue, String selector, Duration timeout) throws JMSException {
        return org.caseexchange.gateway.support.BrokerAddresses.operatorReceives(gateway, queue, selector, timeout);
    }

    Map<String, Object> row(String messageId) {
        return jdbc.queryForMap(
                "SELECT * FROM exchange WHERE partner_code = 'USA-USCIS' AND message_id = ?", messageId);
    }

    List<String> events(Object exchangeId) {
        return audit.entriesOf((UUID) exchangeId).stream()
                .map(AuditEntry::event)
                .toList();
    }

    @Test
    void aClearMatchIsAnsweredWithWhatTheAnnexReleases() throws JMSException {
        CaseQuery query =
                query(person(DemoCases.Kind.ON_FILE), WireDataElement.IDENTITY, WireDataElement.IMMIGRATION_STATUS);
        byte[] payload = codec.encode(query);
        usa.send(
                PartnerAgency.REQUESTS,
                usa.side.envelope().seal(payload, usa.side.partner()).sealed());

        PartnerAgency.Answer answer = usa.answerTo(query.getHeader().getMessageId(), WAIT);

        assertThat(answer.opened().sender().agencyCode()).isEqualTo("CAN-IRCC");
        CaseResponse response = answer.decoded().as(CaseResponse.class);
        assertThat(response.getDecision().value()).isEqualTo("ALLOW");
        assertThat(response.getMatch().value()).isEqualTo("MATCH");
        assertThat(response.getInResponseTo()).isEqualTo(query.getHeader().getMessageId());
        assertThat(response.getQueryDigest()).isEqualTo(Sha256.hex(payload));
        assertThat(response.getReleased().getIdentity()).isNotNull();
        assertThat(response.getReleased().getImmigrationStatus()).isNotNull();
        assertThat(response.getReleased().getPriorDecision()).isEmpty();
        assertThat(response.getCaveat()).isNotEmpty();
        assertThat(answer.jms().getJMSType()).isEqualTo("caseResponse");
        assertThat(answer.jms().getStringProperty("cxMessageId"))
                .isEqualTo(response.getHeader().getMessageId());

        Map<String, Object> row = row(query.getHeader().getMessageId());
        assertThat(row).containsEntry("STATE", "ANSWERED").containsEntry("OUTCOME", "ALLOW");
        assertThat((byte[]) row.get("REPLY_SEALED")).isEqualTo(answer.sealed());
        assertThat(events(row.get("ID"))).containsExactly("RECEIVED", "DECIDED", "REPLY_SEALED");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void askingForMoreThanThePurposeAllowsIsAnsweredInPart() throws JMSException {
        CaseQuery query = query(
                person(DemoCases.Kind.ON_FILE),
                WireDataElement.IDENTITY,
                WireDataElement.DOCUMENTS,
                WireDataElement.ALERTS);

        CaseResponse response = ask(query).decoded().as(CaseResponse.class);

        assertThat(response.getDecision().value()).isEqualTo("PARTIAL");
        assertThat(response.getReleased().getIdentity()).isNotNull();
        assertThat(response.getReleased().getDocumentRecord()).isEmpty();
        assertThat(response.getReleased().getAlert()).isEmpty();
        assertThat(response.getWithheld()).containsExactlyInAnyOrder(WireDataElement.DOCUMENTS, WireDataElement.ALERTS);
        assertThat(row(query.getHeader().getMessageId())).containsEntry("OUTCOME", "PARTIAL");
    }

    @Test
    void somebodyNotOnFileAndAProtectedPersonGetTheSameRefusal() throws JMSException {
        CaseQuery nobody = query(DemoQueries.nobody(), WireDataElement.IDENTITY);
        CaseQuery protectedPerson = query(person(DemoCases.Kind.PROTECTED), WireDataElement.IDENTITY);

        CaseResponse first = ask(nobody).decoded().as(CaseResponse.class);
        CaseResponse second = ask(protectedPerson).decoded().as(CaseResponse.class);

        for (CaseResponse response : List.of(first, second)) {
            assertThat(response.getDecision().value()).isEqualTo("REFUSE");
            assertThat(response.getReasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
            assertThat(response.getMatch()).isNull();
            assertThat(response.getReleased()).isNull();
        }
        // The true reason is recorded for oversight, never sent.
        Map<String, Object> row = row(protectedPerson.getHeader().getMessageId());
        AuditEntry decided = audit.entriesOf((UUID) row.get("ID")).stream()
                .filter(e -> e.event().equals("DECIDED"))
                .findFirst()
                .orElseThrow();
        assertThat(decided.decision()).contains("PROTECTED-PERSON-FEARED-COUNTRY");
        assertThat(decided.reasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
    }

    @Test
    void aCitizenOfEitherCountryIsAnsweredAsSomeoneWeHoldNoRecordOf() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.CITIZEN), WireDataElement.IDENTITY);
        CaseResponse response = ask(query).decoded().as(CaseResponse.class);

        assertThat(response.getDecision().value()).isEqualTo("REFUSE");
        assertThat(response.getReasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
        AuditEntry decided = audit
                .entriesOf((UUID) row(query.getHeader().getMessageId()).get("ID"))
                .stream()
                .filter(e -> e.event().equals("DECIDED"))
                .findFirst()
                .orElseThrow();
        assertThat(decided.decision()).contains("CITIZEN");
    }

    @Test
    void aProtectedPersonAskedWithoutDocumentOrFullDateIsAnsweredAsNobodyNotSentToReview() throws JMSException {
        Subject exact = person(DemoCases.Kind.PROTECTED);
        Subject vague = DemoQueries.subjectOf(cases.pick(DemoCases.Kind.PROTECTED, 0, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow());
        vague.getTravelDocument().clear();
        vague.setDateOfBirth(exact.getDateOfBirth().substring(0, 4));

        CaseResponse response =
                ask(query(vague, WireDataElement.IDENTITY)).decoded().as(CaseResponse.class);

        assertThat(response.getDecision().value()).isEqualTo("REFUSE");
        assertThat(response.getReasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
    }

    @Test
    void aMinorWaitsForAnOfficer() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.MINOR), WireDataElement.IDENTITY);

        CaseResponse response = ask(query).decoded().as(CaseResponse.class);

        assertThat(response.getDecision().value()).isEqualTo("PENDING_REVIEW");
        assertThat(response.getReleased()).isNull();
        Map<String, Object> row = row(query.getHeader().getMessageId());
        assertThat(row).containsEntry("STATE", "PENDING_REVIEW").containsEntry("REVIEW_ELEMENTS", "IDENTITY");
        assertThat(row.get("SUBJECT_PERSON")).isNotNull();
        assertThat(reviews.candidates((UUID) row.get("ID")))
                .as("the one person matching found, with its score")
                .singleElement()
                .satisfies(candidate -> {
                    assertThat(candidate.person()).isEqualTo(row.get("SUBJECT_PERSON"));
                    assertThat(candidate.score()).isGreaterThanOrEqualTo(0.88);
                });
        assertThat(events(row.get("ID"))).containsExactly("RECEIVED", "REVIEW_REQUESTED", "REPLY_SEALED");
    }

    @Autowired
    ReviewDecisions reviews;

    @Test
    void anOfficersApprovalSendsOneFinalResponseThatSupersedesThePendingAnswer() throws JMSException {
        CaseQuery query =
                query(person(DemoCases.Kind.MINOR), WireDataElement.IDENTITY, WireDataElement.IMMIGRATION_STATUS);
        CaseResponse pending = ask(query).decoded().as(CaseResponse.class);
        UUID exchangeId = (UUID) row(query.getHeader().getMessageId()).get("ID");
        assertThat(reviews.pending()).extracting(ExchangeRecord::id).contains(exchangeId);

        reviews.propose(ReviewVerdict.approve(
                exchangeId,
                "officer.tremblay",
                Set.of(DataElement.IDENTITY),
                "Identity confirmed with the guardian's declaration on file."));
        assertThat(usa.receive(
                        PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + query.getHeader().getMessageId() + "'",
                        Duration.ofSeconds(2)))
                .as("nothing leaves on a proposal alone")
                .isEmpty();
        assertThatThrownBy(() -> reviews.confirm(exchangeId, "officer.tremblay"))
                .isInstanceOf(ReviewDecisions.ReviewRefused.class)
                .extracting(e -> ((ReviewDecisions.ReviewRefused) e).why())
                .isEqualTo(ReviewDecisions.ReviewRefused.Why.SAME_PERSON);
        ReviewDecisions.Completed completed = reviews.confirm(exchangeId, "supervisor.okafor");

        PartnerAgency.Answer answer = usa.answerTo(query.getHeader().getMessageId(), WAIT);
        assertThat(answer.decoded().kind()).isEqualTo(MessageKind.FINAL_RESPONSE);
        FinalResponse finalResponse = answer.decoded().as(FinalResponse.class);
        assertThat(finalResponse.getSupersedes()).isEqualTo(pending.getHeader().getMessageId());
        assertThat(finalResponse.getHeader().getMessageId()).isEqualTo(completed.finalResponseId());
        assertThat(finalResponse.getInResponseTo()).isEqualTo(query.getHeader().getMessageId());
        assertThat(finalResponse.getQueryDigest()).isEqualTo(pending.getQueryDigest());
        assertThat(finalResponse.getDecision().value()).isEqualTo("PARTIAL");
        assertThat(finalResponse.getReleased().getIdentity()).isNotNull();
        assertThat(finalResponse.getReleased().getImmigrationStatus()).isNull();
        assertThat(finalResponse.getWithheld()).containsExactly(WireDataElement.IMMIGRATION_STATUS);
        assertThat(finalResponse.getCaveat()).isNotEmpty();

        Map<String, Object> row = row(query.getHeader().getMessageId());
        assertThat(row)
                .containsEntry("STATE", "REVIEWED")
                .containsEntry("OUTCOME", "PARTIAL")
                .containsEntry("REVIEWED_BY", "officer.tremblay")
                .containsEntry("CONFIRMED_BY", "supervisor.okafor");
        // The outbox records REPLY_SENT once the broker took the answer, which the partner may already hold.
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(events(exchangeId))
                        .containsExactly(
                                "RECEIVED",
                                "REVIEW_REQUESTED",
                                "REPLY_SEALED",
                                "REVIEW_PROPOSED",
                                "REVIEW_DECIDED",
                                "REPLY_SEALED",
                                "REPLY_SENT"));
        assertThat(audit.entriesOf(exchangeId).get(3).actor()).isEqualTo("officer.tremblay");
        AuditEntry decided = audit.entriesOf(exchangeId).get(4);
        assertThat(decided.actor()).isEqualTo("supervisor.okafor");
        assertThat(audit.verify().intact()).isTrue();
        assertThat(reviews.pending()).extracting(ExchangeRecord::id).doesNotContain(exchangeId);
        assertThatThrownBy(() -> reviews.propose(ReviewVerdict.refuse(
                        exchangeId, "officer.other", ReasonCode.REFUSED_BY_DOMESTIC_LAW, "A second opinion.")))
                .isInstanceOf(ReviewDecisions.ReviewRefused.class);
        assertThat(usa.receive(
                        PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + query.getHeader().getMessageId() + "'",
                        Duration.ofSeconds(3)))
                .isEmpty();
    }

    @Test
    void anApprovalIsDecidedAgainOnThePersonsRecordAsItStandsAtTheReview() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.MINOR), WireDataElement.IDENTITY);
        ask(query);
        Map<String, Object> pending = row(query.getHeader().getMessageId());
        UUID person = (UUID) pending.get("SUBJECT_PERSON");
        // Between the query and the review, the person claims protection from the partner's country.
        JdbcTemplate caseOfficeSystem = EmbeddedGatewayTest.owner(gateway);
        caseOfficeSystem.update("DELETE FROM immigration_status WHERE person_id = ?", person);
        caseOfficeSystem.update(
                "INSERT INTO immigration_status (person_id, status, protection, country_feared)"
                        + " VALUES (?, 'OTHER', 'REFUGEE_CLAIMANT', 'USA')",
                person);

        reviews.propose(ReviewVerdict.approve(
                (UUID) pending.get("ID"), "officer.tremblay", Set.of(DataElement.IDENTITY), "Identity confirmed."));
        reviews.confirm((UUID) pending.get("ID"), "supervisor.okafor");

        FinalResponse answer =
                usa.answerTo(query.getHeader().getMessageId(), WAIT).decoded().as(FinalResponse.class);
        assertThat(answer.getDecision().value()).isEqualTo("REFUSE");
        assertThat(answer.getReasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
        assertThat(answer.getReleased()).isNull();
        AuditEntry decided = audit.entriesOf((UUID) pending.get("ID")).stream()
                .filter(e -> e.event().equals("REVIEW_DECIDED"))
                .findFirst()
                .orElseThrow();
        assertThat(decided.decision()).contains("PROTECTED-PERSON-FEARED-COUNTRY", "OFFICER-REVIEW");
    }

    @Test
    void anOfficersRefusalIsAFinalRefusalWithTheCodeTheOfficerChose() throws JMSException, IOException {
        CaseQuery query = query(person(DemoCases.Kind.MINOR), WireDataElement.IDENTITY);
        ask(query);
        UUID exchangeId = (UUID) row(query.getHeader().getMessageId()).get("ID");
        assertThatThrownBy(() -> reviews.propose(ReviewVerdict.approve(
                        exchangeId, "officer.tremblay", Set.of(DataElement.ALERTS), "Not what was proposed.")))
                .isInstanceOf(IllegalArgumentException.class);
        reviews.propose(ReviewVerdict.approve(
                exchangeId, "officer.tremblay", Set.of(DataElement.IDENTITY), "Identity seems settled."));
        reviews.reject(exchangeId, "supervisor.okafor", "The guardian's objection is on file.");
        assertThat(reviews.proposal(exchangeId)).as("a rejected proposal goes").isEmpty();

        reviews.propose(ReviewVerdict.refuse(
                exchangeId,
                "officer.tremblay",
                ReasonCode.NO_RELEASABLE_RECORD,
                "Guardian objected; file under appeal."));
        reviews.confirm(exchangeId, "supervisor.okafor");

        FinalResponse answer =
                usa.answerTo(query.getHeader().getMessageId(), WAIT).decoded().as(FinalResponse.class);
        assertThat(answer.getDecision().value()).isEqualTo("REFUSE");
        assertThat(answer.getReasonCode()).isEqualTo("NO_RELEASABLE_RECORD");
        assertThat(answer.getReleased()).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT review_justification FROM exchange WHERE id = ?", String.class, exchangeId))
                .isEqualTo("Guardian objected; file under appeal.");
        AuditEntry decided = audit.entriesOf(exchangeId).stream()
                .filter(e -> e.event().equals("REVIEW_DECIDED"))
                .findFirst()
                .orElseThrow();
        assertThat(decided.digest("justification"))
                .as("the justification is chained")
                .contains(Sha256.hex("Guardian objected; file under appeal.".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() ->
                        jdbc.update("UPDATE exchange SET review_justification = 'Routine.' WHERE id = ?", exchangeId))
                .rootCause()
                .hasMessageContaining("a review decision is append-only");
        assertThatThrownBy(() -> EmbeddedGatewayTest.owner(gateway)
                        .update("UPDATE exchange SET reviewed_by = 'officer.other' WHERE id = ?", exchangeId))
                .as("not even by the schema's owner")
                .rootCause()
                .hasMessageContaining("a review decision is append-only");

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        gateway.getBean(AuditExporter.class).exportExchange(exchangeId, "auditor:carol", export);
        Map<String, byte[]> files = ExportArchives.unzip(export.toByteArray());
        String review = new String(files.get(ExportFormat.reviewFile(exchangeId)), StandardCharsets.UTF_8);
        assertThat(review)
                .contains("\"officer\" : \"officer.tremblay\"")
                .contains("\"supervisor\" : \"supervisor.okafor\"")
                .contains("Guardian objected; file under appeal.");
        assertThat(verifyExport(files).checked())
                .anySatisfy(line -> assertThat(line)
                        .contains("proposed by officer.tremblay")
                        .contains("confirmed by supervisor.okafor"));
        Map<String, byte[]> oneOfficer = new java.util.HashMap<>(files);
        oneOfficer.put(
                ExportFormat.reviewFile(exchangeId),
                review.replace("\"officer\" : \"officer.tremblay\"", "\"officer\" : \"supervisor.okafor\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verifyExport(ExportArchives.withManifestDigests(oneOfficer)).problems())
                .as("an export that shows one person in both seats does not verify")
                .anySatisfy(line -> assertThat(line).contains("proposed and confirmed by the same person"));
        files.put(
                ExportFormat.reviewFile(exchangeId),
                review.replace("Guardian objected", "Routine").getBytes(StandardCharsets.UTF_8));
        assertThat(verifyExport(ExportArchives.withManifestDigests(files)).problems())
                .anySatisfy(line -> assertThat(line).contains("the justification is not the one whose SHA-256 entry"));
    }

    @Test
    void anOfficerConfirmsWhichCandidateAPossibleMatchIsAboutAndOnlyACandidate() throws JMSException, IOException {
        PersonRecord onFile = cases.pick(DemoCases.Kind.ON_FILE, 1, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();
        // Without a document and with the year of birth alone, the name's best record is only a possible match.
        Subject vague = DemoQueries.subjectOf(onFile);
        vague.getTravelDocument().clear();
        vague.setDateOfBirth(vague.getDateOfBirth().substring(0, 4));
        CaseQuery query = query(vague, WireDataElement.IDENTITY);

        CaseResponse pending = ask(query).decoded().as(CaseResponse.class);

        assertThat(pending.getDecision().value()).isEqualTo("PENDING_REVIEW");
        Map<String, Object> row = row(query.getHeader().getMessageId());
        UUID exchangeId = (UUID) row.get("ID");
        assertThat(row.get("SUBJECT_PERSON"))
                .as("matching found no single person")
                .isNull();
        List<org.caseexchange.gateway.casedata.PersonMatcher.Scored> candidates = reviews.candidates(exchangeId);
        assertThat(candidates).extracting(c -> c.person()).contains(onFile.id());
        assertThat(candidates).allSatisfy(c -> assertThat(c.score()).isBetween(0.70, 0.88));
        assertThat(candidates).extracting(c -> c.score()).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Set<DataElement> identity = Set.of(DataElement.IDENTITY);
        assertThatThrownBy(() -> reviews.propose(
                        ReviewVerdict.approve(exchangeId, "officer.tremblay", identity, "The best score.")))
                .as("an approval names the candidate it is about")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names the candidate");
        UUID stranger = UUID.randomUUID();
        assertThatThrownBy(() -> reviews.propose(ReviewVerdict.approveAbout(
                        exchangeId, "officer.tremblay", stranger, identity, "Someone else entirely.")))
                .as("only a candidate can be confirmed")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one of the candidates");
        assertThat(reviews.proposal(exchangeId)).isEmpty();

        reviews.propose(ReviewVerdict.approveAbout(
                exchangeId, "officer.tremblay", onFile.id(), identity, "Name and year agree; photo on file matches."));
        assertThat(reviews.proposal(exchangeId))
                .get()
                .extracting(ReviewVerdict::person)
                .isEqualTo(Optional.of(onFile.id()));
        reviews.confirm(exchangeId, "supervisor.okafor");

        FinalResponse answer =
                usa.answerTo(query.getHeader().getMessageId(), WAIT).decoded().as(FinalResponse.class);
        assertThat(answer.getDecision().value()).isEqualTo("ALLOW");
        assertThat(answer.getReleased().getIdentity().getName().get(0).getFamilyName())
                .isEqualTo(onFile.names().get(0).familyName());
        assertThat(row(query.getHeader().getMessageId())).containsEntry("SUBJECT_PERSON", onFile.id());
        String chained = ReviewDecisions.personDigest(onFile.id());
        assertThat(audit.entriesOf(exchangeId))
                .filteredOn(e ->
                        e.event().startsWith("REVIEW_PROPOSED") || e.event().equals("REVIEW_DECIDED"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.digest("person")).contains(chained));
        assertThatThrownBy(
                        () -> jdbc.update("UPDATE exchange SET subject_person = ? WHERE id = ?", stranger, exchangeId))
                .as("the person a review released data about is fixed")
                .rootCause()
                .hasMessageContaining("a review decision is append-only");

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        gateway.getBean(AuditExporter.class).exportExchange(exchangeId, "auditor:carol", export);
        Map<String, byte[]> files = ExportArchives.unzip(export.toByteArray());
        String review = new String(files.get(ExportFormat.reviewFile(exchangeId)), StandardCharsets.UTF_8);
        assertThat(review).contains("\"person\" : \"" + onFile.id() + "\"").contains("\"candidates\"");
        assertThat(verifyExport(files).problems()).isEmpty();
        files.put(
                ExportFormat.reviewFile(exchangeId),
                review.replace("\"person\" : \"" + onFile.id(), "\"person\" : \"" + stranger)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verifyExport(ExportArchives.withManifestDigests(files)).problems())
                .as("an export that names another person than the one the review released data about")
                .anySatisfy(line -> assertThat(line).contains("the person is not the one whose SHA-256 entry"));
    }

    private static ExportVerifier.Report verifyExport(Map<String, byte[]> files) throws IOException {
        return new ExportVerifier(
                        List.of(pem("certs-example/CAN-IRCC/certs/audit.pem")),
                        Map.of("USA-USCIS", List.of(pem("certs-example/USA-USCIS/ca/root-ca.pem"))))
                .verify(new ByteArrayInputStream(ExportArchives.zip(files)));
    }

    static X509Certificate pem(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMessageSignedWithASigningTimeFarInTheFutureIsRefusedNotRecordedAsFresh() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.ON_FILE), WireDataElement.IDENTITY);
        org.caseexchange.gateway.support.ExampleGateways.Side signedIn2099 =
                org.caseexchange.gateway.support.ExampleGateways.unitedStates(
                        java.time.Clock.fixed(Instant.parse("2099-01-01T00:00:00Z"), ZoneOffset.UTC));

        usa.send(
                PartnerAgency.REQUESTS,
                signedIn2099
                        .envelope()
                        .seal(codec.encode(query), signedIn2099.partner())
                        .sealed());

        ErrorReply reply =
                usa.answerTo(query.getHeader().getMessageId(), WAIT).decoded().as(ErrorReply.class);
        assertThat(reply.getReasonCode()).isEqualTo("FUTURE_MESSAGE");
        assertThat(reply.getDetail())
                .isEqualTo("the signing time is more than 5 minutes after the message was received");
    }

    @Test
    void theJsonLogTellsWhatHappenedToAnExchangeByItsIdAndThePartnersMessageId() throws Exception {
        CaseQuery query = query(person(DemoCases.Kind.ON_FILE), WireDataElement.IDENTITY);
        ask(query);
        String exchangeId = row(query.getHeader().getMessageId()).get("ID").toString();

        List<Map<String, Object>> lines = org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> jsonLog().stream()
                                .filter(line -> exchangeId.equals(line.get("exchangeId")))
                                .toList(),
                        found -> !found.isEmpty());

        assertThat(lines)
                .allSatisfy(line -> assertThat(line)
                        .containsEntry("partnerMessageId", query.getHeader().getMessageId()));
        assertThat(lines)
                .extracting(line -> line.get("message").toString())
                .anySatisfy(message -> assertThat(message).isEqualTo("exchange " + exchangeId + " answered: ALLOW "));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jsonLog() throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(LOG_FILE))) {
            if (line.startsWith("{")) {
                lines.add(json.readValue(line, Map.class));
            }
        }
        return lines;
    }

    @Test
    void anErrorReplyToADocumentWhoseHeaderCannotBeReadCorrelatesWithTheBrokerMessageId() throws JMSException {
        byte[] doctype = "<?xml version=\"1.0\"?><!DOCTYPE caseQuery [<!ENTITY x \"y\">]><caseQuery/>"
                .getBytes(StandardCharsets.UTF_8);
        usa.send(
                PartnerAgency.REQUESTS,
                usa.side.envelope().seal(doctype, usa.side.partner()).sealed());

        // What the partner's client knows of a message it sent without a readable messageId: the broker's id.
        Message answer = usa.receive(
                        PartnerAgency.RESPONSES, "JMSCorrelationID = '" + usa.lastSentBrokerId() + "'", WAIT)
                .orElseThrow(() -> new AssertionError("no error reply correlated by the broker's message id"));
        ErrorReply reply = usa.open(answer).decoded().as(ErrorReply.class);
        assertThat(reply.getReasonCode()).isEqualTo("XML_DOCTYPE_FORBIDDEN");
        assertThat(reply.getRefersTo()).isNull();
    }

    @Test
    void aReplayedMessageGetsTheSameAnswerByteForByteAndNoSecondDecision() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.ON_FILE), WireDataElement.IDENTITY);
        byte[] sealed = usa.seal(query);
        String id = query.getHeader().getMessageId();

        usa.send(PartnerAgency.REQUESTS, sealed);
        PartnerAgency.Answer first = usa.answerTo(id, WAIT);
        usa.send(PartnerAgency.REQUESTS, sealed);
        PartnerAgency.Answer replayed = usa.answerTo(id, WAIT);
        // The partner seals the same query again (a resend after a timeout): other bytes, same payload.
        usa.send(PartnerAgency.REQUESTS, usa.seal(query));
        PartnerAgency.Answer resent = usa.answerTo(id, WAIT);

        assertThat(replayed.sealed()).isEqualTo(first.sealed());
        assertThat(resent.sealed()).isEqualTo(first.sealed());
        Object exchangeId = row(id).get("ID");
        assertThat(events(exchangeId))
                .containsExactly("RECEIVED", "DECIDED", "REPLY_SEALED", "DUPLICATE_RESENT", "DUPLICATE_RESENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exchange WHERE message_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void theSameIdWithAnotherPayloadIsAConflictAndTheFirstAnswerStands() throws JMSException {
        CaseQuery query = query(person(DemoCases.Kind.ON_FILE), WireDataElement.IDENTITY);
        ask(query);
        query.setSenderCaseReference("EXAMPLE-OTHER");

        ErrorReply error = ask(query).decoded().as(ErrorReply.class);

        assertThat(error.getReasonCode()).isEqualTo("DUPLICATE_ID_CONFLICT");
        assertThat(error.getRefersTo()).isEqualTo(query.getHeader().getMessageId());
        assertThat(row(query.getHeader().getMessageId())).containsEntry("OUTCOME", "ALLOW");
    }

    @Test
    void aValidDocumentForAnotherAgencyGetsASignedErrorReply() throws JMSException {
        CaseQuery query = query(DemoQueries.nobody(), WireDataElement.IDENTITY);
        query.getHeader().setRecipient("MEX-INM");

        PartnerAgency.Answer answer = ask(query);

        ErrorReply error = answer.decoded().as(ErrorReply.class);
        assertThat(error.getReasonCode()).isEqualTo("RECIPIENT_MISMATCH");
        assertThat(answer.jms().getJMSType()).isEqualTo("errorReply");
        Map<String, Object> row = row(query.getHeader().getMessageId());
        assertThat(row).containsEntry("OUTCOME", "ERROR").containsEntry("REASON_CODE", "RECIPIENT_MISMATCH");
        assertThat(events(row.get("ID"))).containsExactly("RECEIVED", "REFUSED", "REPLY_SEALED");
    }

    @Test
    void aStaleQueryIsRefused() throws JMSException {
        CaseQuery query = DemoQueries.query(
                "USA-USCIS",
                "CAN-IRCC",
                Instant.now().minus(Duration.ofHours(25)),
                ANNEX_1,
                WirePurpose.IDENTITY_VERIFICATION,
                List.of(WireDataElement.IDENTITY),
                DemoQueries.nobody());

        assertThat(ask(query).decoded().as(ErrorReply.class).getReasonCode()).isEqualTo("STALE_MESSAGE");
    }

    @Test
    void aTamperedMessageIsQuarantinedUnchangedAndNotAnswered() throws JMSException {
        CaseQuery query = query(DemoQueries.nobody(), WireDataElement.IDENTITY);
        byte[] sealed = usa.seal(query);
        sealed[sealed.length - 40] ^= 0x01;

        usa.send(PartnerAgency.REQUESTS, sealed);

        Message quarantined = operatorReceives(
                        "DLQ." + PartnerAgency.REQUESTS, "cxReasonCode = 'ENVELOPE_DECRYPTION_FAILED'", WAIT)
                .orElseThrow(() -> new AssertionError("nothing quarantined"));
        assertThat(PartnerAgency.bytes(quarantined)).isEqualTo(sealed);
        UUID exchangeId = UUID.fromString(quarantined.getStringProperty("cxExchangeId"));
        assertThat(audit.entriesOf(exchangeId)).singleElement().satisfies(entry -> {
            assertThat(entry.event()).isEqualTo("QUARANTINED");
            assertThat(entry.reasonCode()).isEqualTo("ENVELOPE_DECRYPTION_FAILED");
            assertThat(entry.digests()).contains(Sha256.hex(sealed));
        });
        assertThat(usa.receive(
                        PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + query.getHeader().getMessageId() + "'",
                        Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void aTextMessageIsQuarantinedWithoutBeingRead() throws JMSException {
        usa.sendText(PartnerAgency.REQUESTS, "<caseQuery/>");

        Message quarantined = operatorReceives(
                        "DLQ." + PartnerAgency.REQUESTS, "cxReasonCode = 'TRANSPORT_NOT_BYTES'", WAIT)
                .orElseThrow(() -> new AssertionError("nothing quarantined"));
        assertThat(((jakarta.jms.TextMessage) quarantined).getText()).isEqualTo("<caseQuery/>");
    }

    @Test
    void nothingInTheMessageChoosesWhereTheAnswerGoes() throws JMSException {
        CaseQuery query = query(DemoQueries.nobody(), WireDataElement.IDENTITY);
        usa.send(PartnerAgency.REQUESTS, usa.seal(query), message -> {
            try {
                message.setJMSReplyTo(new org.apache.activemq.command.ActiveMQQueue("ELSEWHERE"));
                message.setStringProperty("CamelJmsDestinationName", "ELSEWHERE");
                message.setStringProperty("cxDestination", "ELSEWHERE");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(usa.answerTo(query.getHeader().getMessageId(), WAIT)
                        .decoded()
                        .kind())
                .isEqualTo(MessageKind.CASE_RESPONSE);
        assertThat(operatorReceives("ELSEWHERE", null, Duration.ofSeconds(1))).isEmpty();
    }

    org.caseexchange.gateway.protocol.xml.ProactiveDisclosure disclosure(String legalBasis) {
        CaseQuery template = query(DemoQueries.nobody(), WireDataElement.IDENTITY);
        var disclosure = new org.caseexchange.gateway.protocol.xml.ProactiveDisclosure();
        disclosure.setVersion(MessageKind.VERSION);
        disclosure.setHeader(template.getHeader());
        disclosure.setLegalBasis(legalBasis);
        disclosure.setSenderCaseReference("EXAMPLE-DISCLOSURE-1");
        disclosure.setSubject(template.getSubject());
        var information = new org.caseexchange.gateway.protocol.xml.Released();
        var alert = new org.caseexchange.gateway.protocol.xml.Alert();
        alert.setCode("EX-FRAUD-1");
        alert.setIssuedOn(
                javax.xml.datatype.DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar("2026-11-20"));
        alert.setText("EXAMPLE: passport reported as counterfeit");
        information.getAlert().add(alert);
        disclosure.setInformation(information);
        return disclosure;
    }

    @Test
    void aDisclosureUnderAnAnnexThatAllowsItIsStoredAndAcknowledged() throws JMSException {
        var disclosure = disclosure("ANNEX-2-DOCUMENT-VERIFICATION");
        byte[] payload = codec.encode(disclosure);
        usa.send(
                PartnerAgency.DISCLOSURES,
                usa.side.envelope().seal(payload, usa.side.partner()).sealed());

        PartnerAgency.Answer answer = usa.answerTo(disclosure.getHeader().getMessageId(), WAIT);

        var receipt = answer.decoded().as(org.caseexchange.gateway.protocol.xml.Receipt.class);
        assertThat(receipt.getAcknowledges()).isEqualTo(disclosure.getHeader().getMessageId());
        assertThat(receipt.getAcknowledgedDigest()).isEqualTo(Sha256.hex(payload));
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT * FROM exchange WHERE message_id = ?",
                disclosure.getHeader().getMessageId());
        assertThat(row).containsEntry("DIRECTION", "INBOUND_DISCLOSURE").containsEntry("OUTCOME", "RECEIPT");
        byte[] stored = jdbc.queryForObject(
                "SELECT document FROM received_disclosure WHERE exchange_id = ?", byte[].class, row.get("ID"));
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("EXAMPLE")
                .doesNotContain("proactiveDisclosure");
        assertThat(gateway.getBean(org.caseexchange.gateway.audit.evidence.ReceivedDisclosures.class)
                        .read((UUID) row.get("ID"))
                        .orElseThrow()
                        .document())
                .isEqualTo(payload);
        assertThat(events(row.get("ID"))).containsExactly("RECEIVED", "VALIDATED", "REPLY_SEALED");
    }

    @Test
    void aDisclosureUnderAnAnnexThatDoesNotAllowItIsRefused() throws JMSException {
        var disclosure = disclosure(ANNEX_1);
        usa.send(PartnerAgency.DISCLOSURES, usa.seal(disclosure));

        ErrorReply error = usa.answerTo(disclosure.getHeader().getMessageId(), WAIT)
                .decoded()
                .as(ErrorReply.class);

        assertThat(error.getReasonCode()).isEqualTo("DISCLOSURE_NOT_PERMITTED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM received_disclosure rd JOIN exchange e ON e.id = rd.exchange_id"
                                + " WHERE e.message_id = ?",
                        Integer.class,
                        disclosure.getHeader().getMessageId()))
                .isZero();
    }
}
