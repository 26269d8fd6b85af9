package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A query the gateway fails on the same way at every delivery is not retried for ever: after
 * {@code gateway.exchange.max-processing-faults} it is dead-lettered, unchanged, with its reason and an
 * audit entry. The failure here is a unique violation at every attempt to store the exchange: a race
 * with a concurrent delivery clears at the next delivery, so one that keeps coming is a fault.
 */
class RecurringFaultTest {

    private static final int LIMIT = 3;

    @Test
    void aUniqueViolationAtEveryDeliveryIsDeadLetteredAfterTheLimitWithItsReason() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of(
                "gateway.exchange.max-processing-faults",
                LIMIT,
                "gateway.broker.redelivery.initial-delay",
                "100ms",
                "gateway.broker.redelivery.multiplier",
                1.0))) {
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            // Refuses every exchange row as a duplicate, as the database would a second row with the same key.
            JdbcTemplate owner = EmbeddedGatewayTest.owner(gateway);
            owner.execute(
                    "CREATE FUNCTION test_unique_violation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " RAISE EXCEPTION 'unique index violated (test trigger)' USING ERRCODE = 'unique_violation'; END; $$");
            owner.execute(
                    "CREATE TRIGGER test_unique_violation BEFORE INSERT ON exchange FOR EACH ROW EXECUTE FUNCTION test_unique_violation()");
            CaseQuery query = PartnerTraffic.queries(1, new Random(11)).get(0);
            byte[] sealed;
            try (PartnerAgency usa =
                    new PartnerAgency(gateway.getBean(BrokerService.class), gateway.getBean(ProtocolCodec.class))) {
                sealed = usa.seal(query);
                usa.send(PartnerAgency.REQUESTS, sealed);
                Message deadLettered = BrokerAddresses.operatorReceives(
                                gateway, "DLQ." + PartnerAgency.REQUESTS, null, Duration.ofSeconds(60))
                        .orElseThrow(() -> new AssertionError("not dead-lettered"));
                assertThat(PartnerAgency.bytes(deadLettered))
                        .as("kept unchanged")
                        .isEqualTo(sealed);
                assertThat(deadLettered.getStringProperty("cxReasonCode")).isEqualTo("DELIVERY_ATTEMPTS_EXHAUSTED");
                assertThat(usa.receive(PartnerAgency.RESPONSES, null, Duration.ofSeconds(1)))
                        .as("an answer")
                        .isEmpty();
            }

            AuditLog audit = gateway.getBean(AuditLog.class);
            List<AuditEntry> entries = audit.entriesOfType(AuditEventType.DEAD_LETTERED);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).reasonCode()).isEqualTo("DELIVERY_ATTEMPTS_EXHAUSTED");
            assertThat(entries.get(0).digests()).contains(Sha256.hex(sealed));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_fault", Integer.class))
                    .as("faults counted, then cleared")
                    .isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Integer.class))
                    .isZero();
            assertThat(audit.verify().intact()).isTrue();
        }
    }
}
