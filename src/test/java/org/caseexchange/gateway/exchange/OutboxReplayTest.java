package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A start with messages left in the outbox says how many waited, how far their sending has got, and
 * when the last of them left; what is committed after the start does not count.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutboxReplayTest {

    @Test
    void aStartSaysWhatTheOutboxHeldAndWhenItIsSent(CapturedOutput output) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.postgres().owner());
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(queued(jdbc, Instant.now().minusSeconds(60)));
        }
        try (OutboxReplay replay = new OutboxReplay(jdbc, Clock.systemUTC(), Duration.ofMillis(100))) {
            replay.start();
            assertThat(output.getOut())
                    .contains("replaying the outbox: 3 messages committed before the start wait to be sent");

            queued(jdbc, Instant.now().plusSeconds(60));
            sent(jdbc, waiting.get(0));
            Awaitility.await("a progress line")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> output.getOut().contains("replaying the outbox: 1 of 3 messages sent"));
            sent(jdbc, waiting.get(1));
            sent(jdbc, waiting.get(2));
            Awaitility.await("the last of them sent, though a later message still waits")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> output.getOut().contains("outbox replayed: 3 messages sent in"));
        }
    }

    @Test
    void aStartWithAnEmptyOutboxSaysNothing(CapturedOutput output) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.postgres().owner());
        try (OutboxReplay replay = new OutboxReplay(jdbc, Clock.systemUTC(), Duration.ofMillis(100))) {
            replay.start();
        }
        assertThat(output.getOut()).doesNotContain("replaying the outbox");
    }

    private static UUID queued(JdbcTemplate jdbc, Instant createdAt) {
        UUID exchange = UUID.randomUUID();
        Timestamp at = Timestamp.from(createdAt);
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at)"
                        + " VALUES (?, 'USA-USCIS', 'OUTBOUND_QUERY', ?, 'QUEUED', ?, ?)",
                exchange,
                exchange.toString(),
                at,
                at);
        jdbc.update(
                "INSERT INTO outbox (id, exchange_id, partner_code, destination, message_kind, message_id, sealed,"
                        + " created_at) VALUES (?, ?, 'USA-USCIS', 'USA-USCIS.queries', 'caseQuery', ?, ?, ?)",
                UUID.randomUUID(),
                exchange,
                exchange.toString(),
                new byte[] {1},
                at);
        return exchange;
    }

    private static void sent(JdbcTemplate jdbc, UUID exchange) {
        jdbc.update("UPDATE outbox SET sent_at = now() WHERE exchange_id = ?", exchange);
    }
}
