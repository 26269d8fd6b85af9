package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The gateway's structured log file carries the exchange id of every line written for an exchange. */
class ExchangeLogContextTest extends EmbeddedGatewayTest {

    private static final Logger log = LoggerFactory.getLogger(ExchangeLogContextTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path logFile = Path.of(LOG_FILE);

    @Test
    void writesTheExchangeIdIntoTheStructuredLog() throws Exception {
        UUID exchangeId = UUID.randomUUID();
        String marker = "log-context-probe " + UUID.randomUUID();

        try (ExchangeLogContext ignored = ExchangeLogContext.open(exchangeId)) {
            log.info(marker);
        }
        log.info(marker + " after");

        JsonNode inside = awaitLine(logFile, marker);
        JsonNode after = awaitLine(logFile, marker + " after");
        assertThat(inside.path(ExchangeLogContext.MDC_KEY).asText()).isEqualTo(exchangeId.toString());
        assertThat(after.has(ExchangeLogContext.MDC_KEY)).isFalse();
        assertThat(MDC.get(ExchangeLogContext.MDC_KEY)).isNull();
    }

    @Test
    void restoresTheOuterExchangeIdWhenNested() {
        UUID outer = UUID.randomUUID();
        try (ExchangeLogContext ignored = ExchangeLogContext.open(outer)) {
            try (ExchangeLogContext inner = ExchangeLogContext.open(UUID.randomUUID())) {
                assertThat(MDC.get(ExchangeLogContext.MDC_KEY)).isNotEqualTo(outer.toString());
            }
            assertThat(MDC.get(ExchangeLogContext.MDC_KEY)).isEqualTo(outer.toString());
        }
    }

    private static JsonNode awaitLine(Path file, String message) {
        return org.awaitility.Awaitility.await("log line '" + message + "' in " + file)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            if (!Files.exists(file)) {
                                return Optional.<JsonNode>empty();
                            }
                            return Files.readAllLines(file).stream()
                                    .map(ExchangeLogContextTest::parse)
                                    .filter(node ->
                                            message.equals(node.path("message").asText()))
                                    .findFirst();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
