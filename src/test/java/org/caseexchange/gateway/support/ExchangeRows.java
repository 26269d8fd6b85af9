package org.caseexchange.gateway.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Exchange rows as the flows leave them, for tests that build the rest of an exchange by hand. */
public final class ExchangeRows {

    private ExchangeRows() {}

    /**
     * USA-USCIS's query, answered with {@code replySealed}: the bytes the exchange row keeps to send
     * again, and where the evidence of our reply reads them.
     */
    public static void answered(JdbcTemplate jdbc, UUID exchange, byte[] replySealed) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at,"
                        + " reply_sealed) VALUES (?, 'USA-USCIS', 'INBOUND_QUERY', ?, 'ANSWERED', ?, ?, ?)",
                exchange,
                exchange.toString(),
                now,
                now,
                replySealed);
    }
}
