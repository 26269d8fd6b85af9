package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the queries each partner sends under each annex, per UTC day and calendar year, in the
 * database, so quotas hold across restarts. A query is counted in the exchange's transaction only
 * while both counts are below the annex's limits; if the exchange rolls back, so does its count.
 */
public class QuotaLedger {

    private final JdbcTemplate jdbc;

    public QuotaLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one query and returns true, or returns false (and counts nothing) when either limit is reached. */
    public boolean tryConsume(String partner, Annex annex, LocalDate day) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a query is counted in the exchange's transaction; there is none");
        }
        String dayKey = "D" + day;
        String yearKey = "Y" + day.getYear();
        ensure(partner, annex.id(), dayKey);
        ensure(partner, annex.id(), yearKey);
        // Row locks, taken in one order, serialise concurrent queries of one partner under one annex.
        long usedToday = used(partner, annex.id(), dayKey);
        long usedThisYear = used(partner, annex.id(), yearKey);
        if (usedToday >= annex.quota().perDay() || usedThisYear >= annex.quota().perYear()) {
            return false;
        }
        increment(partner, annex.id(), dayKey);
        increment(partner, annex.id(), yearKey);
        return true;
    }

    public long used(String partner, String annexId, LocalDate day) {
        return jdbc.queryForList("SELECT used FROM annex_quota_usage WHERE partner_code = ? AND annex_id = ? AND period_key = ?",
                Long.class, partner, annexId, "D" + day).stream().findFirst().orElse(0L);
    }

    private void ensure(String partner, String annexId, String period) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM annex_quota_usage WHERE partner_code = ? AND annex_id = ? AND period_key = ?",
                Integer.class, partner, annexId, period);
        if (exists == 0) {
            // Two first queries of a day at once: one insert fails on the key, its exchange rolls back
            // and the broker redelivers it, by which time the row exists.
            jdbc.update("INSERT INTO annex_quota_usage (partner_code, annex_id, period_key, used) VALUES (?, ?, ?, 0)", partner, annexId,
                    period);
        }
    }

    private long used(String partner, String annexId, String period) {
        return jdbc.queryForObject("SELECT used FROM annex_quota_usage WHERE partner_code = ? AND annex_id = ? AND period_key = ? FOR UPDATE",
                Long.class, partner, annexId, period);
    }

    private void increment(String partner, String annexId, String period) {
        jdbc.update("UPDATE annex_quota_usage SET used = used + 1 WHERE partner_code = ? AND annex_id = ? AND period_key = ?", partner,
                annexId, period);
    }
}
