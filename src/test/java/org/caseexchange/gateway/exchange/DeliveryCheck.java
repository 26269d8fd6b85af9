package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the delivery tests (crash, broker restart, database outage) expect of the gateway's store once
 * the partner holds an answer to every query: one exchange and one decision per query, the answer the
 * partner received byte for byte the stored one, nothing quarantined or dead-lettered, the audit chain
 * intact.
 */
final class DeliveryCheck {

    private static final String DECISIONS = "event IN ('DECIDED', 'REVIEW_REQUESTED', 'REFUSED')";

    private DeliveryCheck() {}

    /**
     * @param answerDigests per query message id, the SHA-256 of every distinct answer its partner received; the
     *     gateway must have exchanged nothing else
     */
    static void assertAnsweredOnceAndIntact(JdbcTemplate jdbc, Map<String, Set<String>> answerDigests) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, message_id, reply_sealed FROM exchange");
        assertThat(rows).as("exchange rows").hasSize(answerDigests.size());
        for (Map<String, Object> row : rows) {
            assertThat(answerDigests.get((String) row.get("MESSAGE_ID")))
                    .as("what the partner received is the stored reply")
                    .containsExactly(Sha256.hex((byte[]) row.get("REPLY_SEALED")));
        }
        assertThat(jdbc.queryForList(
                        "SELECT exchange_id FROM audit_entry WHERE " + DECISIONS
                                + " GROUP BY exchange_id HAVING COUNT(*) = 1",
                        Object.class))
                .as("exchanges decided exactly once")
                .hasSize(rows.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE " + DECISIONS, Integer.class))
                .as("decisions")
                .isEqualTo(rows.size());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_entry WHERE event IN ('QUARANTINED', 'DEAD_LETTERED')",
                        Integer.class))
                .as("quarantined or dead-lettered")
                .isZero();
        assertThat(new AuditLog(jdbc, Clock.systemUTC()).verify().intact())
                .as("audit chain intact")
                .isTrue();
    }
}
