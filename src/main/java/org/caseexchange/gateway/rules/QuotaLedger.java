package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import org.springframework.core.Ordered;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the queries each partner sends under each annex, per UTC day and calendar year, in the
 * database, so quotas hold across restarts. A query is counted in the exchange's transaction only
 * while both counts are below the annex's limits; if the exchange rolls back, so does its count.
 *
 * <p>The count is checked when the query is assessed but written just before the exchange commits:
 * the rows of one partner and annex are locked only from then to the commit, not while the query is
 * matched, decided and sealed, which would let one partner's queries run only one at a time. If
 * concurrent queries used the quota up in between, the exchange rolls back with {@link QuotaContention}
 * (an outage-like conflict: the message comes again and is then refused for its quota).
 */
public class QuotaLedger {

    /** The last of the quota was taken by a concurrent query between the check and the commit. */
    public static final class QuotaContention extends ConcurrencyFailureException {
        QuotaContention(String annexId) {
            super("the quota of " + annexId
                    + " was used up by a concurrent query; the exchange is rolled back and comes again");
        }
    }

    private final JdbcTemplate jdbc;

    /** The period keys of our own queries start with this; the partner's have none. */
    private static final String OURS = "O";

    public QuotaLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * True, and the query will be counted when the transaction commits, if both counts are below their
     * limits; false (nothing counted) otherwise.
     */
    public boolean tryConsume(String partner, Annex annex, LocalDate day) {
        return tryConsume(partner, annex, day, "");
    }

    /**
     * As {@link #tryConsume}, for the queries we send the partner: the annex's volume holds in each
     * direction, counted apart.
     */
    public boolean tryConsumeOurs(String partner, Annex annex, LocalDate day) {
        return tryConsume(partner, annex, day, OURS);
    }

    private boolean tryConsume(String partner, Annex annex, LocalDate day, String direction) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a query is counted in the exchange's transaction; there is none");
        }
        String dayKey = direction + "D" + day;
        String yearKey = direction + "Y" + day.getYear();
        if (usedIn(partner, annex.id(), dayKey) >= annex.conditions().quota().perDay()
                || usedIn(partner, annex.id(), yearKey)
                        >= annex.conditions().quota().perYear()) {
            return false;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                // Before the audit log's append: every transaction locks quota rows first, then the
                // audit head, so two transactions never wait for each other the other way round.
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                count(partner, annex.id(), dayKey, annex.conditions().quota().perDay());
                count(partner, annex.id(), yearKey, annex.conditions().quota().perYear());
            }
        });
        return true;
    }

    /** What is used of an annex's volume in the day or the year of {@code day}, in one direction. */
    public long used(String partner, String annexId, LocalDate day, boolean yearly, boolean ours) {
        return usedIn(partner, annexId, (ours ? OURS : "") + (yearly ? "Y" + day.getYear() : "D" + day));
    }

    public long used(String partner, String annexId, LocalDate day) {
        return usedIn(partner, annexId, "D" + day);
    }

    private long usedIn(String partner, String annexId, String period) {
        return jdbc
                .queryForList(
                        "SELECT used FROM annex_quota_usage WHERE partner_code = ? AND annex_id = ? AND period_key = ?",
                        Long.class,
                        partner,
                        annexId,
                        period)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    /**
     * Counts one query in a period, its row created by the period's first query. Queries that are the
     * first of a period at once wait for each other on the key and are all counted; only a period
     * already at its limit fails.
     */
    private void count(String partner, String annexId, String period, long limit) {
        int counted = jdbc.update(
                "INSERT INTO annex_quota_usage (partner_code, annex_id, period_key, used) VALUES (?, ?, ?, 1)"
                        + " ON CONFLICT (partner_code, annex_id, period_key)"
                        + " DO UPDATE SET used = annex_quota_usage.used + 1 WHERE annex_quota_usage.used < ?",
                partner,
                annexId,
                period,
                limit);
        if (counted != 1) {
            throw new QuotaContention(annexId);
        }
    }
}
