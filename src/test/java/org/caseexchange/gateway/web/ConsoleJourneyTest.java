package org.caseexchange.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.exchange.MessageHeaders;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.support.Browser;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.Slow;
import org.caseexchange.gateway.trust.Sha256;
import org.caseexchange.gateway.verifier.ExportVerifier;
import org.caseexchange.gateway.web.account.Accounts;
import org.caseexchange.gateway.web.account.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's journeys in headless Chromium against the gateway as shipped: a partner's query that
 * the rules send to review is proposed by an officer, refused to that officer as its confirmer,
 * confirmed by a supervisor, and answered; an auditor finds it by the person's identifiers, reads
 * its timeline, exports it through the browser, and the offline verifier passes on the download; an
 * operator sees certificates near expiry. axe-core checks every page on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Every certificate is "near expiry" with a warning window this wide: the operator's journey sees it.
// The third failed sign-in in a row locks an account out at once (the shipped back-off before it
// lasts a second, too short to see reliably from a browser).
@TestPropertySource(
        properties = {
            "gateway.health.expiry-warning.certificates=36500d",
            "gateway.console.sign-in.back-off-after=3",
            "gateway.console.sign-in.lock-out-after=3"
        })
@Slow
class ConsoleJourneyTest extends EmbeddedGatewayTest {

    static final String PASSWORD = "correct horse battery staple";
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Screenshots of the main pages, kept current by this test (docs/console.md shows them). */
    static final Path SCREENSHOTS = Path.of("docs/console");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    PartnerAgency usa;
    Browser browser;
    CaseQuery query;
    UUID exchangeId;

    @BeforeAll
    void accountsAndAPartner() throws Exception {
        Instant now = Instant.now();
        accounts.put("olivia", EnumSet.of(Role.OFFICER, Role.SUPERVISOR), PASSWORD.toCharArray(), now);
        accounts.put("sam", EnumSet.of(Role.SUPERVISOR), PASSWORD.toCharArray(), now);
        accounts.put("ada", EnumSet.of(Role.AUDITOR), PASSWORD.toCharArray(), now);
        accounts.put("otto", EnumSet.of(Role.OPERATOR), PASSWORD.toCharArray(), now);
        accounts.put("oscar", EnumSet.of(Role.OFFICER), PASSWORD.toCharArray(), now);
        usa = new PartnerAgency(broker, codec);
        browser = new Browser("http://127.0.0.1:" + port);
    }

    @AfterAll
    void close() throws Exception {
        browser.close();
        usa.close();
    }

    @Test
    @Order(1)
    void anOfficerProposesAndCannotConfirmTheirOwnProposal() throws Exception {
        PersonRecord minor = new DemoCases(jdbc)
                .pick(DemoCases.Kind.MINOR, 0, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();
        query = PartnerAgency.identityQuery(DemoQueries.subjectOf(minor));
        usa.send(PartnerAgency.REQUESTS, usa.seal(query));
        assertThat(usa.answerTo(query.getHeader().getMessageId(), WAIT)
                        .decoded()
                        .kind())
                .isEqualTo(MessageKind.CASE_RESPONSE);
        exchangeId = jdbc.queryForObject(
                "SELECT id FROM exchange WHERE partner_code = 'USA-USCIS' AND message_id = ?",
                UUID.class,
                query.getHeader().getMessageId());

        browser.signIn("olivia", PASSWORD);
        assertThat(browser.text("#roles")).contains("OFFICER").contains("SUPERVISOR");
        browser.assertAccessible();
        browser.open("/reviews");
        browser.assertAccessible();
        assertThat(browser.all("#queue tr[data-exchange='" + exchangeId + "']")).hasSize(1);
        browser.screenshot(SCREENSHOTS.resolve("review-queue.png"));

        browser.click("#queue tr[data-exchange='" + exchangeId + "'] a");
        assertThat(browser.text("#exchange-id")).isEqualTo(exchangeId.toString());
        assertThat(browser.text("#proposed-elements")).isEqualTo("IDENTITY");
        assertThat(browser.text("#cited-rules")).contains("EXAMPLE");
        String matched =
                jdbc.queryForObject("SELECT subject_person FROM exchange WHERE id = ?", String.class, exchangeId);
        assertThat(browser.text("#matched-person")).isEqualTo(matched);
        assertThat(browser.all("#candidates tr[data-person='" + matched + "']")).hasSize(1);
        assertThat(browser.all("#person-choice"))
                .as("the person matching found needs no choosing")
                .isEmpty();
        browser.assertAccessible();
        // What an officer types is shown back as text, never as markup, and the page runs no script of it.
        browser.type(
                "#justification",
                "Guardian's consent on file <img src=x onerror=\"document.title='owned'\"> \u202Eevil\u202C =HYPERLINK(\"x\")");
        browser.click("#propose");
        assertThat(browser.text("[role=status]")).contains("waits for a supervisor");
        assertThat(browser.text("#proposed-by")).isEqualTo("olivia");
        assertThat(browser.text("#proposed-justification")).contains("<img src=x onerror=");
        assertThat(browser.all("#proposed-justification img")).isEmpty();
        assertThat(browser.text("#proposed-justification"))
                .as("a right-to-left override is shown, not obeyed")
                .contains("[U+202E]evil[U+202C]")
                .doesNotContain("\u202E");
        assertThat(browser.driver().getTitle()).doesNotContain("owned");
        browser.screenshot(SCREENSHOTS.resolve("review-case.png"));

        browser.click("#confirm");
        assertThat(browser.text("#problem")).contains("a second person must");
        browser.assertAccessible();
        assertThat(jdbc.queryForObject("SELECT state FROM exchange WHERE id = ?", String.class, exchangeId))
                .isEqualTo("PENDING_REVIEW");
        browser.open("/");
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/signin");
    }

    @Test
    @Order(2)
    void aSupervisorConfirmsAndThePartnerReceivesTheFinalResponse() throws Exception {
        browser.signIn("sam", PASSWORD);
        browser.open("/reviews/" + exchangeId);
        assertThat(browser.all("#propose-form"))
                .as("a supervisor alone does not propose")
                .isEmpty();
        browser.click("#confirm");
        assertThat(browser.text("[role=status]")).contains("on its way to the partner");

        PartnerAgency.Answer answer = usa.answerTo(query.getHeader().getMessageId(), WAIT);
        assertThat(answer.decoded().kind()).isEqualTo(MessageKind.FINAL_RESPONSE);
        FinalResponse finalResponse = answer.decoded().as(FinalResponse.class);
        assertThat(finalResponse.getDecision().value()).isEqualTo("ALLOW");
        assertThat(finalResponse.getReleased().getIdentity()).isNotNull();
        assertThat(audit.entriesOf(exchangeId))
                .extracting(AuditEntry::event, AuditEntry::actor)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("REVIEW_PROPOSED", "olivia"),
                        org.assertj.core.groups.Tuple.tuple("REVIEW_DECIDED", "sam"));
        browser.open("/");
        browser.signOut();
    }

    @Test
    @Order(3)
    void anAuditorFindsTheExchangeByThePersonReadsItsTimelineAndExportsEvidenceThatVerifies() throws Exception {
        Subject subject = query.getSubject();
        browser.signIn("ada", PASSWORD);
        browser.open("/audit");
        browser.assertAccessible();
        browser.type("#familyName", subject.getName().get(0).getFamilyName());
        browser.type("#givenNames", subject.getName().get(0).getGivenNames());
        browser.type("#dateOfBirth", subject.getDateOfBirth());
        browser.click("#search");
        assertThat(browser.all("#results tbody tr")).hasSize(1);
        assertThat(browser.text("#results tbody tr"))
                .contains(exchangeId.toString())
                .contains("olivia");
        browser.assertAccessible();
        assertThat(browser.driver().getCurrentUrl())
                .as("a person's identifiers never travel in a URL")
                .doesNotContain(subject.getName().get(0).getFamilyName());

        browser.click("#results tbody tr a");
        assertThat(browser.text("#state")).isEqualTo("REVIEWED");
        assertThat(browser.text("#timeline"))
                .contains("REVIEW_REQUESTED")
                .contains("REVIEW_PROPOSED")
                .contains("REVIEW_DECIDED");
        assertThat(browser.text("#justification")).contains("<img src=x");
        browser.assertAccessible();
        browser.screenshot(SCREENSHOTS.resolve("audit-timeline.png"));

        long viewsBefore = count("PERSONAL_DATA_VIEWED");
        browser.click("#show-content");
        assertThat(browser.all("pre.document")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.text("main")).contains("caseQuery").contains("finalResponse");
        assertThat(count("PERSONAL_DATA_VIEWED")).isEqualTo(viewsBefore + 1);
        assertThat(audit.entriesOf(exchangeId))
                .extracting(AuditEntry::event, AuditEntry::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("PERSONAL_DATA_VIEWED", "ada"));
        browser.assertAccessible();
        browser.open("/audit/exchanges/" + exchangeId);

        browser.clickToDownload("#export-exchange");
        Path export = browser.downloaded(".zip", WAIT);
        ExportVerifier.Report report = new ExportVerifier(
                        List.of(pem("certs-example/CAN-IRCC/certs/audit.pem")),
                        Map.of("USA-USCIS", List.of(pem("certs-example/USA-USCIS/ca/root-ca.pem"))))
                .verify(export);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.checked())
                .anySatisfy(
                        line -> assertThat(line).contains("proposed by olivia").contains("confirmed by sam"));

        browser.open("/audit/report");
        browser.assertAccessible();
        assertThat(browser.text("#report"))
                .as("the month's partner queries, one of them reviewed")
                .contains("USA-USCIS ANNEX-1-IDENTITY-CHECKS INBOUND_QUERY");
        assertThat(browser.all("#chart svg")).isNotEmpty();
        browser.screenshot(SCREENSHOTS.resolve("oversight-report.png"));

        browser.open("/audit/integrity");
        assertThat(browser.text("#integrity-status")).isIn("INTACT", "ACKNOWLEDGED");
        browser.assertAccessible();
        browser.open("/");
        browser.signOut();
    }

    @Test
    @Order(4)
    void anOperatorSeesCertificatesNearExpiryDeadLettersByReasonAndNoCaseContent() throws Exception {
        long quarantined = count("QUARANTINED");
        usa.send(PartnerAgency.REQUESTS, "not a CMS message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> count("QUARANTINED") > quarantined);
        browser.signIn("otto", PASSWORD);
        browser.open("/operations");
        browser.assertAccessible();
        assertThat(browser.all("#expiries tbody tr")).isNotEmpty();
        assertThat(browser.text("#expiries")).contains("WARNING").contains("partner.USA-USCIS");
        assertThat(browser.text("[data-component='certificates'] td:nth-child(2)"))
                .isEqualTo("WARNING");
        browser.screenshot(SCREENSHOTS.resolve("operations.png"));

        // Once looked into, the dead letter is purged: the queue is emptied, the purge is in the log.
        long purgedBefore = count("QUEUE_MESSAGE_PURGED");
        browser.select("#purge-queue", "DLQ.USA-USCIS.requests");
        browser.type("#purge-confirm", "DLQ.USA-USCIS.requests");
        browser.click("#purge");
        assertThat(browser.text("[role=status]")).contains("purged from DLQ.USA-USCIS.requests");
        assertThat(browser.text("[data-queue='DLQ.USA-USCIS.requests'] .depth")).isEqualTo("0");
        assertThat(count("QUEUE_MESSAGE_PURGED")).isGreaterThan(purgedBefore);
        browser.assertAccessible();

        browser.open("/reviews");
        assertThat(browser.driver().getPageSource()).contains("Not allowed");
        browser.open("/");
        browser.signOut();
    }

    @Test
    @Order(5)
    void anOfficerSeesTheRulesAnswerBeforeSendingAndReadsThePartnersAnswerWithItsCaveats() throws Exception {
        browser.signIn("olivia", PASSWORD);
        browser.open("/queries/new");
        browser.assertAccessible();
        browser.select("#partner", "USA-USCIS");
        browser.select("#annex", "ANNEX-1-IDENTITY-CHECKS");
        browser.select("#purpose", "ADMISSIBILITY_ASSESSMENT");
        browser.tick("#requested-IDENTITY");
        browser.type("#familyName", "EXAMPLE-OKAFOR");
        browser.type("#givenNames", "Chiamaka");
        browser.type("#dateOfBirth", "1991-02-17");
        browser.type("#justification", "Visitor visa application declares a prior refusal");
        browser.type("#caseReference", "IRCC-EX-2026-000901");
        assertThat(browser.all("#send"))
                .as("nothing is sent before the rules answered")
                .isEmpty();
        browser.click("#check");
        assertThat(browser.text("#preview-outcome")).isEqualTo("Ready to send.");
        assertThat(browser.text("#preview-asked")).isEqualTo("IDENTITY");
        assertThat(browser.all("#preview-rules tbody tr")).isNotEmpty();
        browser.assertAccessible();
        browser.screenshot(SCREENSHOTS.resolve("query-preview.png"));
        browser.click("#send");
        assertThat(browser.text("[role=status]")).contains("Sent");
        UUID ours = UUID.fromString(browser.text("#exchange-id"));

        PartnerAgency.Answer asked = usa.receive("USA-USCIS.queries", "JMSMessageID IS NOT NULL", WAIT)
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("no query reached the partner"));
        CaseResponse answer = codec.decode(
                        java.nio.file.Files.readAllBytes(Path.of("schemas/examples/case-response.xml")))
                .as(CaseResponse.class);
        answer.setHeader(MessageHeaders.header(UUID.randomUUID(), Instant.now(), "USA-USCIS", "CAN-IRCC"));
        answer.setInResponseTo(asked.decoded().header().getMessageId());
        answer.setQueryDigest(Sha256.hex(asked.opened().payload()));
        answer.setDecision(org.caseexchange.gateway.protocol.xml.WireDecision.ALLOW);
        answer.getWithheld().clear();
        answer.getReleased()
                .getIdentity()
                .getName()
                .get(0)
                .setFamilyName("<img src=x onerror=\"document.title='owned'\">\u202Eevil");
        usa.send("USA-USCIS.answers", usa.seal(answer));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> "ANSWERED"
                        .equals(jdbc.queryForObject("SELECT state FROM exchange WHERE id = ?", String.class, ours)));

        browser.open("/queries/" + ours);
        assertThat(browser.text("#partner-decision")).isEqualTo("ALLOW");
        assertThat(browser.text(".caveats")).contains("NO_ONWARD_DISCLOSURE").contains("prior written consent");
        assertThat(browser.text(".released"))
                .contains("Name: <img src=x onerror=")
                .contains("[U+202E]evil");
        assertThat(browser.all(".released img")).isEmpty();
        assertThat(browser.driver().getTitle()).doesNotContain("owned");
        browser.assertAccessible();
        browser.screenshot(SCREENSHOTS.resolve("query-answer.png"));
        assertThat(audit.entriesOf(ours))
                .extracting(AuditEntry::event, AuditEntry::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("PERSONAL_DATA_VIEWED", "olivia"));
        browser.open("/");
        browser.signOut();

        long deniedBefore = jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE event = 'ACCESS_DENIED' AND actor = 'oscar'", Long.class);
        browser.signIn("oscar", PASSWORD);
        browser.open("/queries/" + ours);
        assertThat(browser.text("#problem")).contains("no such exchange for you");
        assertThat(browser.driver().getPageSource()).doesNotContain("EXAMPLE-OKAFOR");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_entry WHERE event = 'ACCESS_DENIED' AND actor = 'oscar'",
                        Long.class))
                .isEqualTo(deniedBefore + 1);
        browser.open("/");
        browser.signOut();
    }

    @Test
    @Order(6)
    void anOfficerProposesADisclosureThatLeavesOnlyWhenAnotherPersonConfirmsIt() throws Exception {
        PersonRecord onFile = new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 0, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();
        browser.signIn("olivia", PASSWORD);
        browser.open("/queries/disclosures/new");
        browser.assertAccessible();
        browser.select("#partner", "USA-USCIS");
        browser.select("#annex", "SMU-CASE-BY-CASE");
        browser.select("#purpose", "ADMISSIBILITY_ASSESSMENT");
        browser.type("#person", onFile.id().toString());
        browser.tick("#element-IDENTITY");
        browser.type("#caseReference", "IRCC-EX-2026-000902");
        browser.type("#justification", "Fraudulent document found at a port of entry");
        browser.click("#propose-disclosure");
        assertThat(browser.text("[role=status]")).contains("waits for a supervisor");
        UUID disclosure = UUID.fromString(browser.text("#exchange-id"));
        assertThat(browser.text("#state")).isEqualTo("AWAITING_CONFIRMATION");
        browser.open("/confirmations");
        browser.click("#waiting tr[data-exchange='" + disclosure + "'] button");
        assertThat(browser.text("#problem")).as("olivia proposed it").contains("cannot confirm");
        browser.open("/");
        browser.signOut();

        browser.signIn("sam", PASSWORD);
        browser.open("/confirmations");
        browser.assertAccessible();
        browser.click("#waiting tr[data-exchange='" + disclosure + "'] button");
        assertThat(browser.text("[role=status]")).contains("on its way");
        PartnerAgency.Answer received = usa.receive("USA-USCIS.queries", "JMSMessageID IS NOT NULL", WAIT)
                .map(usa::open)
                .orElseThrow(() -> new AssertionError("no disclosure reached the partner"));
        assertThat(received.decoded().kind()).isEqualTo(MessageKind.PROACTIVE_DISCLOSURE);
        assertThat(audit.entriesOf(disclosure))
                .extracting(AuditEntry::event, AuditEntry::actor)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("DISCLOSURE_PROPOSED", "olivia"),
                        org.assertj.core.groups.Tuple.tuple("DISCLOSURE_CONFIRMED", "sam"));
        browser.open("/");
        browser.signOut();
    }

    @Test
    @Order(7)
    void aWrongPasswordIsAnEntryAndRepeatedOnesLockTheAccount() {
        long failuresBefore = count("SIGN_IN_FAILED");
        long locksBefore = count("ACCOUNT_LOCKED");
        browser.signIn("ada", "not the password at all");
        assertThat(browser.find("#signin-failed").isDisplayed()).isTrue();
        browser.assertAccessible();
        assertThat(count("SIGN_IN_FAILED")).isEqualTo(failuresBefore + 1);
        browser.signIn("ada", "still not the password");
        browser.signIn("ada", "nor this one");
        // The third failure in a row locks the account: not even the right password is tried now.
        assertThat(count("ACCOUNT_LOCKED")).isEqualTo(locksBefore + 1);
        browser.signIn("ada", PASSWORD);
        assertThat(browser.path()).isEqualTo("/signin");
        assertThat(browser.find("#signin-failed").isDisplayed()).isTrue();
        assertThat(count("SIGN_IN_FAILED")).isEqualTo(failuresBefore + 4);
    }

    @Test
    @Order(8)
    void anOfficerConfirmsWhichCandidateAPossibleMatchIsAboutAndASupervisorSendsIt() throws Exception {
        PersonRecord onFile = new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 3, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();
        // No document and the year of birth alone: the best record is only a possible match.
        var vague = DemoQueries.subjectOf(onFile);
        vague.getTravelDocument().clear();
        vague.setDateOfBirth(vague.getDateOfBirth().substring(0, 4));
        CaseQuery possible = PartnerAgency.identityQuery(vague);
        usa.send(PartnerAgency.REQUESTS, usa.seal(possible));
        usa.answerTo(possible.getHeader().getMessageId(), WAIT);
        UUID pending = jdbc.queryForObject(
                "SELECT id FROM exchange WHERE partner_code = 'USA-USCIS' AND message_id = ?",
                UUID.class,
                possible.getHeader().getMessageId());

        browser.signIn("olivia", PASSWORD);
        browser.open("/reviews");
        assertThat(browser.text("#queue tr[data-exchange='" + pending + "']")).contains("to confirm from");
        browser.open("/reviews/" + pending);
        assertThat(browser.text("#match-summary")).contains("no single person");
        assertThat(browser.all("#candidates tr[data-person='" + onFile.id() + "']"))
                .hasSize(1);
        browser.assertAccessible();
        browser.tick("#person-" + onFile.id());
        browser.type("#justification", "Name and year of birth agree; the photograph on file matches.");
        browser.screenshot(SCREENSHOTS.resolve("review-candidates.png"));
        browser.click("#propose");
        assertThat(browser.text("[role=status]")).contains("waits for a supervisor");
        assertThat(browser.text("#proposed-person")).isEqualTo(onFile.id().toString());
        browser.open("/");
        browser.signOut();

        browser.signIn("sam", PASSWORD);
        browser.open("/reviews/" + pending);
        browser.click("#confirm");
        assertThat(browser.text("[role=status]")).contains("on its way to the partner");
        FinalResponse released = usa.answerTo(possible.getHeader().getMessageId(), WAIT)
                .decoded()
                .as(FinalResponse.class);
        assertThat(released.getDecision().value()).isEqualTo("ALLOW");
        assertThat(released.getReleased().getIdentity().getName().get(0).getFamilyName())
                .isEqualTo(onFile.names().get(0).familyName());
        browser.open("/");
        browser.signOut();
    }

    private long count(String event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event = ?", Long.class, event);
    }

    private static X509Certificate pem(String path) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(Path.of(path))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
