package org.caseexchange.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The README's demo: the whole gateway with the demo partner on, each exchange ending as the issue describes. */
class DemoPartnerTest {

    @Test
    void theDemoPartnerSeesEveryKindOfAnswer() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of("spring.profiles.active", "demo",
                "gateway.casedata.synthetic.persons", 3000))) {
            List<DemoPartner.Line> lines = gateway.getBean(DemoConfiguration.DemoRun.class).lines().get(3, TimeUnit.MINUTES);

            assertThat(lines).extracting(DemoPartner.Line::label, DemoPartner.Line::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("clear match", "ALLOW"),
                    org.assertj.core.groups.Tuple.tuple("no record on file", "REFUSE NO_RELEASABLE_RECORD"),
                    org.assertj.core.groups.Tuple.tuple("asks more than allowed", "PARTIAL"),
                    org.assertj.core.groups.Tuple.tuple("a citizen", "REFUSE NO_RELEASABLE_RECORD"),
                    org.assertj.core.groups.Tuple.tuple("a protected person", "REFUSE NO_RELEASABLE_RECORD"),
                    org.assertj.core.groups.Tuple.tuple("a minor", "PENDING_REVIEW"),
                    org.assertj.core.groups.Tuple.tuple("signed for another agency", "errorReply RECIPIENT_MISMATCH"),
                    org.assertj.core.groups.Tuple.tuple("signed with an expired cert", "no answer"),
                    org.assertj.core.groups.Tuple.tuple("tampered in transit", "no answer"),
                    org.assertj.core.groups.Tuple.tuple("replay of the clear match", "ALLOW"),
                    org.assertj.core.groups.Tuple.tuple("  (replay answer)", "byte-identical"));
            assertThat(lines.get(0).detail()).isEqualTo("released: IDENTITY, IMMIGRATION_STATUS");
            assertThat(lines.get(2).detail()).contains("withheld: [DOCUMENTS, ALERTS]");
            // The partner sees only silence; the gateway's audit log says why each was quarantined.
            assertThat(gateway.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
                    "SELECT reason_code FROM audit_entry WHERE event = 'QUARANTINED' ORDER BY seq", String.class))
                    .containsExactly("CERT_EXPIRED", "ENVELOPE_DECRYPTION_FAILED");
        }
    }
}
