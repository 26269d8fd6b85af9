package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.export.AuditExporter;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.trust.Sha256;
import org.caseexchange.gateway.verifier.ExportVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A partner whose correctly signed messages are refused one after another cannot make us keep their
 * bytes without end: past the day's bound, each is still answered with its signed error reply and
 * recorded by its digests, but its bytes are not kept; health warns and a gauge counts them.
 */
@TestPropertySource(properties = "gateway.exchange.refused-evidence-per-day=8KB")
class RefusedEvidenceTest extends EmbeddedGatewayTest {

    static final int REFUSED = 12;

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.context.ApplicationContext gateway;

    @Test
    void pastTheDailyBoundARefusedMessageIsAnsweredAndRecordedByDigestButNotKept() throws Exception {
        List<String> sent = new ArrayList<>();
        try (PartnerAgency usa = new PartnerAgency(broker, codec)) {
            for (int i = 0; i < REFUSED; i++) {
                byte[] payload = ("not a protocol message " + UUID.randomUUID() + " " + "x".repeat(900))
                        .getBytes(StandardCharsets.UTF_8);
                byte[] sealed =
                        usa.side.envelope().seal(payload, usa.side.partner()).sealed();
                usa.send(PartnerAgency.REQUESTS, sealed);
                sent.add(Sha256.hex(sealed));
            }
            for (int i = 0; i < REFUSED; i++) {
                PartnerAgency.Answer answer = usa.receive(
                                PartnerAgency.RESPONSES, "JMSMessageID IS NOT NULL", Duration.ofSeconds(30))
                        .map(usa::open)
                        .orElseThrow(() -> new AssertionError("a refused message was not answered"));
                assertThat(answer.decoded().kind()).as("each is answered alike").isEqualTo(MessageKind.ERROR_REPLY);
            }
        }

        Map<String, Object> usage = jdbc.queryForMap(
                "SELECT * FROM refused_evidence_usage WHERE partner_code = 'USA-USCIS' AND day = ?",
                LocalDate.now(ZoneOffset.UTC));
        long kept = ((Number) usage.get("kept_bytes")).longValue();
        long notKept = ((Number) usage.get("not_kept_messages")).longValue();
        assertThat(kept).isPositive().isLessThanOrEqualTo(8 * 1024);
        assertThat(notKept).isPositive().isLessThan(REFUSED);

        List<AuditEntry> received = new ArrayList<>();
        audit.forEachEntry(entry -> {
            if (entry.event().equals("RECEIVED")
                    && entry.digest("sealed").map(sent::contains).orElse(false)) {
                received.add(entry);
            }
        });
        assertThat(received)
                .as("every refused message is in the log by its digest")
                .hasSize(REFUSED);
        List<AuditEntry> byDigestOnly = received.stream()
                .filter(entry -> "REFUSED_EVIDENCE_NOT_KEPT".equals(entry.reasonCode()))
                .toList();
        assertThat(byDigestOnly).hasSize((int) notKept);
        for (AuditEntry entry : byDigestOnly) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM evidence WHERE exchange_id = ? AND direction = 'INBOUND'",
                            Integer.class,
                            entry.exchangeId()))
                    .as("no bytes kept for exchange %s", entry.exchangeId())
                    .isZero();
        }

        assertThat(gateway.getBean("refusedEvidenceHealthIndicator", HealthIndicator.class)
                        .health()
                        .getStatus()
                        .getCode())
                .isEqualTo("WARNING");
        assertThat(meters.get("gateway.refused-evidence.not-kept")
                        .tag("partner", "USA-USCIS")
                        .gauge()
                        .value())
                .isEqualTo((double) notKept);
        assertThat(audit.verify().intact()).isTrue();

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        gateway.getBean(AuditExporter.class).exportExchange(byDigestOnly.get(0).exchangeId(), "auditor:ada", export);
        ExportVerifier.Report report = new ExportVerifier(
                        List.of(PartnerQueryFlowTest.pem("certs-example/CAN-IRCC/certs/audit.pem")),
                        Map.of(
                                "USA-USCIS",
                                List.of(PartnerQueryFlowTest.pem("certs-example/USA-USCIS/ca/root-ca.pem"))))
                .verify(new ByteArrayInputStream(export.toByteArray()));
        assertThat(report.problems())
                .as("an exchange recorded by digest only verifies")
                .isEmpty();
    }
}
