package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an operator reads when the gateway refuses to start: the key at fault, not a stack trace to decode. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureReportTest {

    @Test
    void namesTheMissingKeystoreSetting(CapturedOutput output) {
        startWith(Map.of("gateway.identity.keystore", "no/such/keystore.p12"));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid gateway configuration: gateway.identity.keystore: file not found")
                .contains("Correct the setting 'gateway.identity.keystore'");
    }

    @Test
    void namesAnInvalidIdentityField(CapturedOutput output) {
        startWith(Map.of("gateway.identity.agency-code", "can ircc"));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: gateway.identity.agencyCode")
                .contains("Value: \"can ircc\"")
                .contains("must match");
    }

    @Test
    void namesAnExternalBrokerUrlThatWouldLoseMessages(CapturedOutput output) {
        startWith(Map.of("gateway.broker.embedded", "false", "gateway.broker.url", "vm://localhost"));

        assertThat(output).contains("Invalid gateway configuration: gateway.broker.url: 'vm:' is not a network transport");
    }

    private static void startWith(Map<String, Object> overrides) {
        assertThrows(Exception.class, () -> EmbeddedGatewayTest.startGateway(overrides));
    }
}
