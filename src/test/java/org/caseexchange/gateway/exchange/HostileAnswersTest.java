package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.envelope.HostileCorpus;
import org.caseexchange.gateway.protocol.ConnectionCounter;
import org.caseexchange.gateway.protocol.HostileXmlCorpus;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * Both hostile corpora, sent by the partner to the answers queue of a whole gateway as shipped, through
 * the real route: every envelope defect is quarantined unchanged to {@code DLQ.<answers>} with its reason
 * code before anything is decided, every payload defect (signed by the partner, so known to come from
 * it) gets a signed errorReply with its code on the partner's responses queue, and each has its audit
 * entry. Nothing in the corpus makes the gateway fetch anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileAnswersTest {

    static final String ANSWERS = "USA-USCIS.answers";
    static final Duration WAIT = Duration.ofSeconds(30);

    ConfigurableApplicationContext gateway;
    PartnerAgency usa;
    HostileCorpus envelopes;
    HostileXmlCorpus payloads;
    ConnectionCounter listener;

    @BeforeAll
    void start() throws Exception {
        Path folder = ScratchDirectories.create("hostile-answers");
        envelopes = new HostileCorpus(AlgorithmSuite.EC, folder);
        listener = new ConnectionCounter();
        payloads = new HostileXmlCorpus(listener);
        // The corpus's revoked signer is listed on a CRL of its own, which this gateway is given.
        Map<String, Object> settings = new LinkedHashMap<>();
        String usaPki = "certs-example/USA-USCIS/";
        String p = "gateway.partners[0].";
        settings.put(p + "agency-code", "USA-USCIS");
        settings.put(p + "country", "USA");
        settings.put(p + "suite", "EC");
        settings.put(p + "trust-anchors[0]", usaPki + "ca/root-ca.pem");
        settings.put(p + "crls[0]", folder.resolve("usa-crl.pem"));
        settings.put(p + "signing-certificates[0]", usaPki + "certs/signing-ec.pem");
        settings.put(p + "encryption-certificates[0]", usaPki + "certs/encryption-ec.pem");
        for (String queue : List.of("requests", "responses", "queries", "answers", "disclosures")) {
            String setting = switch (queue) {
                case "requests" -> "requests-in";
                case "responses" -> "responses-out";
                case "queries" -> "queries-out";
                case "answers" -> "answers-in";
                default -> "disclosures-in";
            };
            settings.put(p + "destinations." + setting, "USA-USCIS." + queue);
        }
        settings.put(p + "annexes[0]", "SMU-CASE-BY-CASE");
        settings.put(p + "annexes[1]", "ANNEX-1-IDENTITY-CHECKS");
        settings.put(p + "annexes[2]", "ANNEX-2-DOCUMENT-VERIFICATION");
        gateway = EmbeddedGatewayTest.startGateway(settings);
        usa = new PartnerAgency(gateway.getBean(BrokerService.class), gateway.getBean(ProtocolCodec.class));
    }

    @AfterAll
    void stop() throws Exception {
        if (usa != null) {
            usa.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        listener.close();
    }

    /**
     * Every envelope defect the gateway can be shown now: one whose refusal needs a later clock is left
     * to the corpus's own test, and its oversize message (over the corpus's own, smaller limit) is
     * replaced by one over this gateway's.
     */
    Stream<HostileCorpus.Fixture> envelopeDefects() {
        return envelopes.fixtures.stream()
                .filter(fixture -> fixture.openedLater().isZero())
                .map(fixture -> fixture.name().equals("oversize")
                        ? new HostileCorpus.Fixture(
                                fixture.name(),
                                java.util.Arrays.copyOf(
                                        fixture.bytes(),
                                        (int) DataSize.ofMegabytes(2).toBytes() + 1),
                                fixture.expected(),
                                false,
                                Duration.ZERO)
                        : fixture);
    }

    Stream<HostileXmlCorpus.Fixture> payloadDefects() {
        return payloads.fixtures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopeDefects")
    void anEnvelopeDefectIsQuarantinedUnchangedWithItsReason(HostileCorpus.Fixture fixture) throws JMSException {
        usa.send(ANSWERS, fixture.bytes());

        Message quarantined = BrokerAddresses.operatorReceives(
                        gateway, "DLQ." + ANSWERS, "cxReasonCode = '" + fixture.expected() + "'", WAIT)
                .orElseThrow(() -> new AssertionError(fixture + " was not quarantined with " + fixture.expected()));
        assertThat(PartnerAgency.bytes(quarantined)).isEqualTo(fixture.bytes());
        UUID exchange = UUID.fromString(quarantined.getStringProperty("cxExchangeId"));
        assertThat(gateway.getBean(AuditLog.class).entriesOf(exchange))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.event()).isEqualTo("QUARANTINED");
                    assertThat(entry.reasonCode()).isEqualTo(fixture.expected().name());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadDefects")
    void aPayloadDefectGetsASignedErrorReplyWithItsReason(HostileXmlCorpus.Fixture fixture) throws JMSException {
        // A messageId of its own, so that each fixture is decided as the new message it is.
        String messageId = UUID.randomUUID().toString();
        byte[] payload = withMessageId(fixture.bytes(), messageId);
        usa.send(ANSWERS, usa.side.envelope().seal(payload, usa.side.partner()).sealed());
        String brokerId = usa.lastSentBrokerId();

        PartnerAgency.Answer reply = usa.receive(
                        PartnerAgency.RESPONSES,
                        "JMSCorrelationID = '" + messageId + "' OR JMSCorrelationID = '" + brokerId + "'",
                        WAIT)
                .map(usa::open)
                .orElseThrow(() -> new AssertionError(fixture + " got no errorReply"));
        ErrorReply error = reply.decoded().as(ErrorReply.class);
        assertThat(error.getReasonCode()).isEqualTo(fixture.expected().name());
        UUID exchange = UUID.fromString(reply.jms().getStringProperty("cxExchangeId"));
        assertThat(gateway.getBean(AuditLog.class).entriesOf(exchange))
                .anySatisfy(entry -> {
                    assertThat(entry.event()).isEqualTo("REFUSED");
                    assertThat(entry.reasonCode()).isEqualTo(fixture.expected().name());
                })
                .anySatisfy(entry -> assertThat(entry.event()).isEqualTo("REPLY_SEALED"));
    }

    /**
     * The fixture with its messageId replaced byte for byte where it appears in ASCII, so that a fixture
     * in another encoding keeps the bytes its defect is made of.
     */
    static byte[] withMessageId(byte[] document, String messageId) {
        byte[] from = HostileXmlCorpus.VALID_MESSAGE_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] to = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] result = document.clone();
        for (int i = 0; i + from.length <= result.length; i++) {
            if (java.util.Arrays.equals(result, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, result, i, to.length);
            }
        }
        return result;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void nothingInEitherCorpusMadeTheGatewayFetchAnything() {
        assertThat(listener.connections()).isZero();
    }
}
