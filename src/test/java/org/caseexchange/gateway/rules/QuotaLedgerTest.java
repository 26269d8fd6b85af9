package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.support.Annexes;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Quotas counted by queries that commit at the same moment. */
class QuotaLedgerTest {

    private static final int AT_ONCE = 4;

    @Test
    void theFirstQueriesOfADayCommittingAtOnceAreAllCounted() throws Exception {
        Annex annex = AnnexCatalogue.load(Optional.empty())
                .find("ANNEX-1-IDENTITY-CHECKS")
                .orElseThrow();
        LocalDate day = LocalDate.of(2026, 12, 8);
        try (HikariDataSource pool = TestDatabase.postgres().pooled(AT_ONCE + 1)) {
            QuotaLedger ledger = new QuotaLedger(new JdbcTemplate(pool));
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            CyclicBarrier commitTogether = new CyclicBarrier(AT_ONCE);
            ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
            try {
                List<Future<Boolean>> counted = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    counted.add(threads.submit(() -> transactions.execute(status -> {
                        boolean consumed = ledger.tryConsume("USA-USCIS", annex, day);
                        await(commitTogether);
                        return consumed;
                    })));
                }
                for (Future<Boolean> each : counted) {
                    assertThat(each.get(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(ledger.used("USA-USCIS", annex.id(), day)).isEqualTo(AT_ONCE);
            assertThat(ledger.used("USA-USCIS", annex.id(), day, true, false)).isEqualTo(AT_ONCE);
        }
    }

    @Test
    void aPeriodAtItsLimitCountsNoMore() {
        Annex two = Annexes.withQuota(
                AnnexCatalogue.load(Optional.empty())
                        .find("ANNEX-1-IDENTITY-CHECKS")
                        .orElseThrow(),
                new Annex.Quota(2, 100));
        LocalDate day = LocalDate.of(2026, 12, 8);
        try (HikariDataSource pool = TestDatabase.postgres().pooled(2)) {
            QuotaLedger ledger = new QuotaLedger(new JdbcTemplate(pool));
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            List<Boolean> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(transactions.execute(status -> ledger.tryConsume("USA-USCIS", two, day)));
            }
            assertThat(answers).containsExactly(true, true, false);
            assertThat(ledger.used("USA-USCIS", two.id(), day)).isEqualTo(2);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
