package org.caseexchange.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Third-party code logs exceptions whole (Spring's listener container on a rollback that fails); the
 * gateway as shipped writes them by class and frames only, on the console and in the JSON log.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogPolicyTest extends EmbeddedGatewayTest {

    @Test
    void anExceptionMessageNeverReachesTheConsoleOrTheJsonLog(CapturedOutput output) throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        IllegalStateException failure = new IllegalStateException(
                "value of family_name=(EXAMPLE-HALABI) " + marker,
                new java.sql.SQLException("duplicate key (Noor) " + marker));

        LoggerFactory.getLogger("org.springframework.jms.listener.DefaultMessageListenerContainer")
                .error("Application exception overridden by rollback error " + marker.substring(0, 7), failure);

        assertThat(output)
                .contains("Application exception overridden by rollback error")
                .contains("java.lang.IllegalStateException")
                .contains("java.sql.SQLException")
                .doesNotContain(marker)
                .doesNotContain("EXAMPLE-HALABI")
                .doesNotContain("Noor");
        List<String> lines = Files.readAllLines(Path.of(LOG_FILE), StandardCharsets.UTF_8);
        String json = lines.stream()
                .filter(line -> line.contains("Application exception overridden by rollback error"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(json)
                .contains("\"error\"")
                .contains("java.lang.IllegalStateException")
                .contains("java.sql.SQLException")
                .doesNotContain(marker)
                .doesNotContain("EXAMPLE-HALABI")
                .doesNotContain("Noor");
    }
}
