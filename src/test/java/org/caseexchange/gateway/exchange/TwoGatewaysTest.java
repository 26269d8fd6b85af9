package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.export.AuditExporter;
import org.caseexchange.gateway.casedata.ExamplePersons;
import org.caseexchange.gateway.exchange.outbound.OurDisclosure;
import org.caseexchange.gateway.exchange.outbound.OurDisclosures;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.exchange.review.ReviewVerdict;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.caseexchange.gateway.support.TwoGateways;
import org.caseexchange.gateway.verifier.ExportVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of this gateway, Canada's and the United States', in one JVM, each with its own
 * embedded database and broker: Canada hosts the link on its broker, the United States logs in there
 * over TLS with its client certificate (a remote link). Each side asks, answers and discloses through
 * its own service classes and rules; nothing plays a partner by hand. The last tests stop each side in
 * turn while something waits for it, and check that both audit logs and exports verify.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Slow
class TwoGatewaysTest {

    static final String CAN = TwoGateways.CANADA;
    static final String USA = TwoGateways.UNITED_STATES;
    static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";
    static final String CASE_BY_CASE = "SMU-CASE-BY-CASE";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static Path folder;
    static int canadaTlsPort;
    static Map<String, Object> canadaSettings;
    static Map<String, Object> unitedStatesSettings;
    static ConfigurableApplicationContext canada;
    static ConfigurableApplicationContext unitedStates;

    @BeforeAll
    static void startBothSides() {
        folder = ScratchDirectories.create("two-gateways");
        canadaTlsPort = FreePort.any();
        canadaSettings = TwoGateways.canada(folder.resolve(CAN), canadaTlsPort);
        // Short enough for the overdue test to see a query of Canada's go overdue while the other side is down.
        canadaSettings.put("gateway.exchange.answer-within", "PT3S");
        unitedStatesSettings = TwoGateways.unitedStates(folder.resolve(USA), canadaTlsPort);
        canada = EmbeddedGatewayTest.startGateway(canadaSettings);
        unitedStates = EmbeddedGatewayTest.startGateway(unitedStatesSettings);
    }

    @AfterAll
    static void stopBothSides() {
        if (unitedStates != null) {
            unitedStates.close();
        }
        if (canada != null) {
            canada.close();
        }
    }

    @Test
    @Order(1)
    void eachSideAsksTheOtherAndGetsTheDecisionTheOtherSideTook() {
        OurQueries.Outcome asked = canada.getBean(OurQueries.class)
                .ask(query(
                        "officer:can-0042", USA, ANNEX_1, haddad(), DataElement.IDENTITY, DataElement.PRIOR_DECISIONS));
        assertThat(asked.state()).isEqualTo(OurQueries.State.QUEUED);

        awaitState(canada, asked.exchangeId(), "ANSWERED");
        Map<String, Object> theirs =
                answeredBy(unitedStates, CAN, asked.messageId().orElseThrow());
        assertThat(theirs.get("outcome")).isEqualTo("ALLOW");
        assertThat(partnerDecision(canada, asked.exchangeId())).isEqualTo(theirs.get("outcome"));
        // Canada's receipt for the answer reached the United States and was matched to its reply.
        awaitReplyAcknowledged(unitedStates, (UUID) theirs.get("id"));

        OurQueries.Outcome fromUnitedStates = unitedStates
                .getBean(OurQueries.class)
                .ask(query("officer:usa-0101", CAN, ANNEX_1, haddad(), DataElement.IDENTITY));
        awaitState(unitedStates, fromUnitedStates.exchangeId(), "ANSWERED");
        Map<String, Object> canadas =
                answeredBy(canada, USA, fromUnitedStates.messageId().orElseThrow());
        assertThat(partnerDecision(unitedStates, fromUnitedStates.exchangeId())).isEqualTo(canadas.get("outcome"));
        awaitReplyAcknowledged(canada, (UUID) canadas.get("id"));
    }

    @Test
    @Order(2)
    void aPersonOurRulesProtectIsNeitherAskedAboutNorDisclosedToTheCountryTheyFear() {
        var halabi = subject("EXAMPLE-HALABI", "Noor", "1990-03-14", Sex.F, "SYR");

        OurQueries.Outcome fromCanada = canada.getBean(OurQueries.class)
                .ask(query("officer:can-0042", USA, ANNEX_1, halabi, DataElement.IDENTITY));
        assertThat(fromCanada.state()).isEqualTo(OurQueries.State.REFUSED);
        assertThat(fromCanada.messageId()).isEmpty();

        // No query about a citizen of either country, under either side's rules.
        OurQueries.Outcome aboutACitizen = unitedStates
                .getBean(OurQueries.class)
                .ask(query(
                        "officer:usa-0101",
                        CAN,
                        ANNEX_1,
                        subject("EXAMPLE-TREMBLAY", "Luc", "1975-08-20", Sex.M, "FRA"),
                        DataElement.IDENTITY));
        assertThat(aboutACitizen.state()).isEqualTo(OurQueries.State.REFUSED);

        OurQueries.Outcome fromUnitedStates = unitedStates
                .getBean(OurQueries.class)
                .ask(query("officer:usa-0101", CAN, ANNEX_1, halabi, DataElement.IDENTITY));
        awaitState(unitedStates, fromUnitedStates.exchangeId(), "ANSWERED");
        Map<String, Object> canadas =
                answeredBy(canada, USA, fromUnitedStates.messageId().orElseThrow());
        assertThat(canadas.get("subject_person"))
                .as("answered as someone Canada holds no record of")
                .isNull();
        assertThat(partnerDecision(unitedStates, fromUnitedStates.exchangeId())).isEqualTo(canadas.get("outcome"));
    }

    @Test
    @Order(3)
    void aCaseSentToReviewOnTheAnsweringSideEndsInAFinalResponseThatIsAcknowledged() {
        OurQueries.Outcome asked = unitedStates
                .getBean(OurQueries.class)
                .ask(query(
                        "officer:usa-0101",
                        CAN,
                        ANNEX_1,
                        subject("EXAMPLE-NOVAK", "Petra", "2013-05-05", Sex.F, "CZE"),
                        DataElement.IDENTITY));
        awaitState(unitedStates, asked.exchangeId(), "PARTNER_REVIEWING");
        Map<String, Object> pending = answeredBy(canada, USA, asked.messageId().orElseThrow());
        assertThat(pending.get("state")).isEqualTo("PENDING_REVIEW");

        UUID review = (UUID) pending.get("id");
        ReviewDecisions canadasReviews = canada.getBean(ReviewDecisions.class);
        canadasReviews.propose(ReviewVerdict.approve(
                review, "officer:can-0077", Set.of(DataElement.IDENTITY), "Guardian consent on file"));
        canadasReviews.confirm(review, "officer:can-0142");

        awaitState(unitedStates, asked.exchangeId(), "ANSWERED");
        assertThat(partnerDecision(unitedStates, asked.exchangeId())).isEqualTo("ALLOW");
        // The United States acknowledged Canada's finalResponse, which Canada's outbox sent.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(canada)
                                .queryForObject(
                                        "SELECT count(*) FROM outbox WHERE exchange_id = ? AND acknowledged_at IS NOT NULL",
                                        Integer.class,
                                        review))
                        .isEqualTo(1));
    }

    @Test
    @Order(4)
    void aDisclosureEachWayIsKeptByTheOtherSideAndAcknowledged() {
        UUID canadasDisclosure = disclose(canada, "officer:can-0042", "supervisor:can-0007", USA);
        UUID theirDisclosure = disclose(unitedStates, "officer:usa-0101", "supervisor:usa-0009", CAN);

        awaitAcknowledged(canada, canadasDisclosure);
        awaitAcknowledged(unitedStates, theirDisclosure);
        assertThat(jdbc(unitedStates)
                        .queryForObject(
                                "SELECT count(*) FROM received_disclosure WHERE partner_code = ?", Integer.class, CAN))
                .isEqualTo(1);
        assertThat(jdbc(canada)
                        .queryForObject(
                                "SELECT count(*) FROM received_disclosure WHERE partner_code = ?", Integer.class, USA))
                .isEqualTo(1);
    }

    @Test
    @Order(5)
    void aQueryToASideThatIsDownGoesOverdueIsResentAndIsAnsweredOnceWhenItIsBack() {
        unitedStates.close();
        OurQueries queries = canada.getBean(OurQueries.class);
        OurQueries.Outcome asked = queries.ask(
                query("officer:can-0042", USA, ANNEX_1, haddad(), DataElement.IDENTITY, DataElement.PRIOR_DECISIONS));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(queries.overdue())
                        .extracting(OurQueries.Overdue::exchangeId)
                        .contains(asked.exchangeId()));
        queries.resend(asked.exchangeId(), "officer:can-0042");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(canada)
                                .queryForObject(
                                        "SELECT sent_at IS NOT NULL FROM outbox WHERE exchange_id = ?",
                                        Boolean.class,
                                        asked.exchangeId()))
                        .isTrue());

        unitedStates = EmbeddedGatewayTest.startGateway(unitedStatesSettings);

        awaitState(canada, asked.exchangeId(), "ANSWERED");
        String messageId = asked.messageId().orElseThrow();
        // Both copies reached the United States: the second got the stored answer again, not a second
        // decision, and Canada recognised that answer as the one it had already kept.
        UUID theirs = (UUID) answeredBy(unitedStates, CAN, messageId).get("id");
        awaitDuplicateResent(unitedStates, theirs);
        String theirAnswer = jdbc(unitedStates)
                .queryForObject("SELECT reply_message_id FROM exchange WHERE id = ?", String.class, theirs);
        UUID answerRow = jdbc(canada)
                .queryForObject(
                        "SELECT id FROM exchange WHERE partner_code = ? AND direction = 'INBOUND_ANSWER' AND message_id = ?",
                        UUID.class,
                        USA,
                        theirAnswer);
        awaitDuplicateResent(canada, answerRow);
        assertThat(jdbc(unitedStates)
                        .queryForObject(
                                "SELECT count(*) FROM exchange WHERE partner_code = ? AND message_id = ?",
                                Integer.class,
                                CAN,
                                messageId))
                .isEqualTo(1);
        assertThat(jdbc(canada)
                        .queryForObject(
                                "SELECT count(*) FROM received_answer WHERE query_exchange_id = ?",
                                Integer.class,
                                asked.exchangeId()))
                .isEqualTo(1);
    }

    @Test
    @Order(6)
    void aQueryToTheHostingSideWhileItIsDownLeavesWhenItIsBack() {
        assertThat(linkHealth()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        canada.close();
        assertThat(linkHealth())
                .as("health shows the link to Canada's broker down")
                .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        OurQueries.Outcome asked = unitedStates
                .getBean(OurQueries.class)
                .ask(query("officer:usa-0101", CAN, ANNEX_1, haddad(), DataElement.IDENTITY));
        assertThat(asked.state()).isEqualTo(OurQueries.State.QUEUED);

        canada = EmbeddedGatewayTest.startGateway(canadaSettings);

        awaitState(unitedStates, asked.exchangeId(), "ANSWERED");
        assertThat(linkHealth()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(jdbc(canada)
                        .queryForObject(
                                "SELECT count(*) FROM exchange WHERE partner_code = ? AND message_id = ?",
                                Integer.class,
                                USA,
                                asked.messageId().orElseThrow()))
                .isEqualTo(1);
    }

    @Test
    @Order(7)
    void bothAuditLogsVerifyAndEachSidesExportOfAnExchangeVerifiesOffline() throws Exception {
        assertThat(canada.getBean(AuditLog.class).verify().intact()).isTrue();
        assertThat(unitedStates.getBean(AuditLog.class).verify().intact()).isTrue();

        UUID canadasQuery = jdbc(canada)
                .queryForObject(
                        "SELECT id FROM exchange WHERE direction = 'OUTBOUND_QUERY' AND state = 'ANSWERED'"
                                + " ORDER BY received_at LIMIT 1",
                        UUID.class);
        String messageId =
                jdbc(canada).queryForObject("SELECT message_id FROM exchange WHERE id = ?", String.class, canadasQuery);
        UUID theirAnswer = (UUID) answeredBy(unitedStates, CAN, messageId).get("id");

        ExportVerifier.Report ours = new ExportVerifier(
                        List.of(certificate(CAN, "certs/audit.pem")),
                        Map.of(USA, List.of(certificate(USA, "ca/root-ca.pem"))))
                .verify(new ByteArrayInputStream(export(canada, canadasQuery)));
        ExportVerifier.Report theirs = new ExportVerifier(
                        List.of(certificate(USA, "certs/audit.pem")),
                        Map.of(CAN, List.of(certificate(CAN, "ca/root-ca.pem"))))
                .verify(new ByteArrayInputStream(export(unitedStates, theirAnswer)));

        assertThat(ours.problems()).isEmpty();
        assertThat(ours.verified()).isTrue();
        assertThat(theirs.problems()).isEmpty();
        assertThat(theirs.verified()).isTrue();
    }

    static org.springframework.boot.actuate.health.Status linkHealth() {
        return unitedStates
                .getBean("partnerLinksHealthIndicator", org.springframework.boot.actuate.health.HealthIndicator.class)
                .health()
                .getStatus();
    }

    // --- each side's officers ---

    static OurQuery query(
            String officer, String partner, String annex, OurQuery.Subject subject, DataElement... requested) {
        return new OurQuery(
                officer,
                partner,
                annex,
                Purpose.ADMISSIBILITY_ASSESSMENT,
                Set.of(requested),
                subject,
                "CASE-" + UUID.randomUUID().toString().substring(0, 8),
                "Application under assessment declares a history with the partner");
    }

    static OurQuery.Subject haddad() {
        return new OurQuery.Subject(
                List.of(new OurQuery.Name("EXAMPLE-HADDAD", "Mohammed Ali")),
                Optional.of("1987-04-12"),
                Sex.M,
                List.of("SYR"),
                List.of(new OurQuery.Document(DocumentType.PASSPORT, "N0000417EX", "SYR", Optional.empty())));
    }

    static OurQuery.Subject subject(String family, String given, String born, Sex sex, String nationality) {
        return new OurQuery.Subject(
                List.of(new OurQuery.Name(family, given)), Optional.of(born), sex, List.of(nationality), List.of());
    }

    static UUID disclose(ConfigurableApplicationContext side, String officer, String supervisor, String partner) {
        OurDisclosures disclosures = side.getBean(OurDisclosures.class);
        OurQueries.Outcome proposed = disclosures.propose(new OurDisclosure(
                officer,
                partner,
                CASE_BY_CASE,
                Purpose.ADMISSIBILITY_ASSESSMENT,
                ExamplePersons.HADDAD.id(),
                Set.of(DataElement.IDENTITY),
                "CASE-" + UUID.randomUUID().toString().substring(0, 8),
                "Fraudulent document found at a port of entry"));
        assertThat(disclosures.confirm(proposed.exchangeId(), supervisor).state())
                .isEqualTo(OurQueries.State.QUEUED);
        return proposed.exchangeId();
    }

    // --- what each side recorded ---

    static JdbcTemplate jdbc(ConfigurableApplicationContext side) {
        return side.getBean(JdbcTemplate.class);
    }

    static void awaitState(ConfigurableApplicationContext side, UUID exchange, String state) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(side)
                                .queryForObject("SELECT state FROM exchange WHERE id = ?", String.class, exchange))
                        .isEqualTo(state));
    }

    static String partnerDecision(ConfigurableApplicationContext side, UUID exchange) {
        return jdbc(side).queryForObject("SELECT partner_decision FROM exchange WHERE id = ?", String.class, exchange);
    }

    /** The answering side's row for the query it received with this messageId. */
    static Map<String, Object> answeredBy(ConfigurableApplicationContext side, String from, String messageId) {
        return jdbc(side)
                .queryForMap(
                        "SELECT id, state, outcome, subject_person FROM exchange WHERE partner_code = ?"
                                + " AND direction = 'INBOUND_QUERY' AND message_id = ?",
                        from,
                        messageId);
    }

    static void awaitDuplicateResent(ConfigurableApplicationContext side, UUID exchange) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(side)
                                .queryForObject(
                                        "SELECT count(*) FROM audit_entry WHERE exchange_id = ? AND event = 'DUPLICATE_RESENT'",
                                        Integer.class,
                                        exchange))
                        .isGreaterThanOrEqualTo(1));
    }

    static void awaitReplyAcknowledged(ConfigurableApplicationContext side, UUID exchange) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(side)
                                .queryForObject(
                                        "SELECT reply_acknowledged_at IS NOT NULL FROM exchange WHERE id = ?",
                                        Boolean.class,
                                        exchange))
                        .isTrue());
    }

    static void awaitAcknowledged(ConfigurableApplicationContext side, UUID exchange) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(jdbc(side)
                                .queryForObject(
                                        "SELECT acknowledged_at IS NOT NULL FROM outbox WHERE exchange_id = ?",
                                        Boolean.class,
                                        exchange))
                        .isTrue());
    }

    static byte[] export(ConfigurableApplicationContext side, UUID exchange) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        side.getBean(AuditExporter.class).exportExchange(exchange, "auditor:carol", out);
        return out.toByteArray();
    }

    static X509Certificate certificate(String agency, String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("certs-example", agency, file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
