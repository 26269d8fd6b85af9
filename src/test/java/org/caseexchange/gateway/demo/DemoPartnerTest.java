package org.caseexchange.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's demo: the whole gateway with the demo partner on, each exchange ending as documented,
 * in both directions: the partner's queries to us, then our officer's to the partner.
 */
class DemoPartnerTest {

    @Test
    void theDemoPartnerSeesEveryKindOfAnswer() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(
                Map.of("spring.profiles.active", "demo", "gateway.casedata.synthetic.persons", 3000))) {
            List<DemoPartner.Line> lines =
                    gateway.getBean(DemoConfiguration.DemoRun.class).lines().get(3, TimeUnit.MINUTES);

            assertThat(lines)
                    .extracting(DemoPartner.Line::label, DemoPartner.Line::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("clear match", "ALLOW"),
                            org.assertj.core.groups.Tuple.tuple("no record on file", "REFUSE NO_RELEASABLE_RECORD"),
                            org.assertj.core.groups.Tuple.tuple("asks more than allowed", "PARTIAL"),
                            org.assertj.core.groups.Tuple.tuple("a citizen", "REFUSE NO_RELEASABLE_RECORD"),
                            org.assertj.core.groups.Tuple.tuple("a protected person", "REFUSE NO_RELEASABLE_RECORD"),
                            org.assertj.core.groups.Tuple.tuple("a minor", "PENDING_REVIEW"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "signed for another agency", "errorReply RECIPIENT_MISMATCH"),
                            org.assertj.core.groups.Tuple.tuple("signed with an expired cert", "no answer"),
                            org.assertj.core.groups.Tuple.tuple("tampered in transit", "no answer"),
                            org.assertj.core.groups.Tuple.tuple("replay of the clear match", "ALLOW"),
                            org.assertj.core.groups.Tuple.tuple("  (replay answer)", "byte-identical"),
                            org.assertj.core.groups.Tuple.tuple("we ask: a traveller", "SENT"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "we ask: a protected person", "REFUSED REFUSED_BY_DOMESTIC_LAW"),
                            org.assertj.core.groups.Tuple.tuple("answers our query", "REFUSE NO_RELEASABLE_RECORD"),
                            org.assertj.core.groups.Tuple.tuple("  (our query)", "ANSWERED REFUSE"));
            assertThat(lines.get(13).detail()).isEqualTo("the gateway's receipt: receipt, signed, verified");
            assertThat(lines.get(0).detail()).isEqualTo("released: IDENTITY, IMMIGRATION_STATUS");
            assertThat(lines.get(2).detail()).contains("withheld: [DOCUMENTS, ALERTS]");
            // The partner sees only silence; the gateway's audit log says why each was quarantined.
            assertThat(gateway.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                            .queryForList(
                                    "SELECT reason_code FROM audit_entry WHERE event = 'QUARANTINED' ORDER BY seq",
                                    String.class))
                    .containsExactly("CERT_EXPIRED", "ENVELOPE_DECRYPTION_FAILED");
        }
    }

    @Test
    void theDemoRunsOncePerDataFolder() throws Exception {
        String data = EmbeddedGatewayTest.newDataDirectory();
        Map<String, Object> settings = Map.of(
                "spring.profiles.active", "demo", "gateway.casedata.synthetic.persons", 1000, "gateway.data-dir", data);
        long exchanges;
        long persons;
        try (ConfigurableApplicationContext first = EmbeddedGatewayTest.startGateway(settings)) {
            assertThat(first.getBean(DemoConfiguration.DemoRun.class).lines().get(3, TimeUnit.MINUTES))
                    .isNotEmpty();
            org.springframework.jdbc.core.JdbcTemplate jdbc =
                    first.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            exchanges = jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Long.class);
            persons = jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class);
            assertThat(jdbc.queryForList("SELECT username FROM console_account ORDER BY username", String.class))
                    .containsExactly("demo-auditor", "demo-officer", "demo-operator", "demo-supervisor");
        }
        java.nio.file.Path passwords = java.nio.file.Path.of(data, "demo-accounts.txt");
        assertThat(java.nio.file.Files.getPosixFilePermissions(passwords))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        List<String> written = java.nio.file.Files.readAllLines(passwords);

        try (ConfigurableApplicationContext again = EmbeddedGatewayTest.startGateway(settings)) {
            assertThat(again.getBean(DemoConfiguration.DemoRun.class).lines().get(1, TimeUnit.MINUTES))
                    .isEmpty();
            org.springframework.jdbc.core.JdbcTemplate jdbc =
                    again.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Long.class))
                    .isEqualTo(exchanges);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class))
                    .isEqualTo(persons)
                    .isEqualTo(1000);
            // The demo accounts' passwords are those the file gives, and a second start keeps them.
            String officer = written.stream()
                    .filter(line -> line.startsWith("demo-officer "))
                    .findFirst()
                    .orElseThrow();
            String password = officer.substring(officer.lastIndexOf(' ') + 1);
            String hash = jdbc.queryForObject(
                    "SELECT password_hash FROM console_account WHERE username = 'demo-officer'", String.class);
            assertThat(again.getBean(org.springframework.security.crypto.password.PasswordEncoder.class)
                            .matches(password, hash))
                    .isTrue();
        }
        assertThat(java.nio.file.Files.readAllLines(passwords)).isEqualTo(written);
    }

    @Test
    void aStartWithoutTheDemoProfileHasNeitherTheDemoNorSyntheticPersons() throws Exception {
        var shipped = new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("shipped", new org.springframework.core.io.ClassPathResource("application.yml"))
                .get(0);

        assertThat(shipped.getProperty("gateway.casedata.synthetic.persons")).isEqualTo(0);
        assertThat(shipped.getProperty("gateway.demo.enabled")).isEqualTo(false);
    }
}
