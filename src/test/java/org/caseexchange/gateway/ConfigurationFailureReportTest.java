package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an operator reads when the gateway refuses to start: the key at fault, not a stack trace to decode. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureReportTest {

    @Test
    void namesTheMissingKeystoreSetting(CapturedOutput output) {
        startWith(Map.of("gateway.identity.keystore", "no/such/keystore.p12"));

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid gateway configuration: gateway.identity.keystore: file not found")
                .contains("Correct the setting 'gateway.identity.keystore'");
    }

    @Test
    void namesAnInvalidIdentityField(CapturedOutput output) {
        startWith(Map.of("gateway.identity.agency-code", "can ircc"));

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Property: gateway.identity.agencyCode")
                .contains("Value: \"can ircc\"")
                .contains("must match");
    }

    @Test
    void namesAnExternalBrokerUrlThatWouldLoseMessages(CapturedOutput output) {
        startWith(Map.of("gateway.broker.embedded", "false", "gateway.broker.url", "vm://localhost"));

        assertThat(output)
                .contains("Invalid gateway configuration: gateway.broker.url: 'vm:' is not a network transport");
    }

    @Test
    void namesARemoteLinkThatWouldCrossNetworksWithoutTls(CapturedOutput output) {
        startWith(Map.of(
                "gateway.broker.remote-links.USA-USCIS.url",
                "failover:(ssl://broker.uscis.example:61617,tcp://broker.uscis.example:61616)",
                "gateway.broker.remote-links.USA-USCIS.password-file",
                "certs-example/CAN-IRCC/broker.password"));

        assertThat(output)
                .contains(
                        "Invalid gateway configuration: gateway.broker.remote-links.USA-USCIS.url: 'tcp://' is not TLS");
    }

    @Test
    void namesARemoteLinkToAnAgencyThatIsNoPartner(CapturedOutput output) {
        startWith(Map.of(
                "gateway.broker.remote-links.MEX-INM.url",
                "ssl://broker.inm.example:61617",
                "gateway.broker.remote-links.MEX-INM.password-file",
                "certs-example/CAN-IRCC/broker.password"));

        assertThat(output)
                .contains("Invalid gateway configuration: gateway.broker.remote-links.MEX-INM: names no partner");
    }

    @Test
    void namesAPartnerAnnexWhoseFileDoesNotNameThePartner(CapturedOutput output, @TempDir Path folder)
            throws Exception {
        String shipped = new String(
                getClass()
                        .getResourceAsStream("/annexes/ANNEX-2-DOCUMENT-VERIFICATION.yaml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(
                folder.resolve("annex-2.yaml"), shipped.replace("partners: [USA-USCIS]", "partners: [MEX-INM]"));

        startWith(Map.of("gateway.rules.annex-folder", folder.toString()));

        assertThat(output)
                .contains(
                        "Invalid gateway configuration: gateway.partners[0].annexes: ANNEX-2-DOCUMENT-VERIFICATION is not an"
                                + " annex file that names USA-USCIS");
    }

    @Test
    void namesTheRuleAndTheProblemOfARuleFileThatDoesNotCompile(CapturedOutput output, @TempDir Path folder)
            throws Exception {
        Path rules = folder.resolve("domestic-law.yaml");
        Files.writeString(rules, """
                version: "broken"
                rules:
                  - id: MINOR
                    title: Minors go to review
                    source: test
                    when: "subject.agee < 18"
                    effect: REVIEW
                """);

        startWith(Map.of("gateway.rules.rule-file", rules.toString()));

        assertThat(output)
                .contains("Invalid gateway configuration: " + rules + ": rule MINOR: 'when' does not compile: ERROR:"
                        + " <input>:1:1: undeclared reference to 'subject'");
    }

    @Test
    void namesAMisspeltSettingInsteadOfIgnoringIt(CapturedOutput output) {
        startWith(Map.of("gateway.broker.max-frame-sise", "1MB"));

        assertThat(output)
                .contains(
                        "Invalid gateway configuration: gateway.broker.max-frame-sise: is not a setting of the gateway");
    }

    @Test
    void namesAMisspeltSettingOutsideEverySettingsGroup(CapturedOutput output) {
        startWith(Map.of("gateway.data-folder", "/tmp/elsewhere"));

        assertThat(output)
                .contains("Invalid gateway configuration: gateway.data-folder: is not a setting of the gateway");
    }

    @Test
    void namesAPartnerWithoutAHumanRightsAssessmentAndAnAssessmentOfNoPartner(CapturedOutput output) {
        startWith(Map.of("gateway.rules.partner-risk.USA-CBP", "NONE"));

        assertThat(output)
                .contains(
                        "Invalid gateway configuration: gateway.rules.partner-risk.USA-CBP: USA-CBP is not a configured partner");
    }

    private static void startWith(Map<String, Object> overrides) {
        assertThrows(Exception.class, () -> EmbeddedGatewayTest.startGateway(overrides));
    }
}
