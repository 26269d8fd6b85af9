package org.caseexchange.gateway.casedata;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.rules.Annex;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.DecisionEngine;
import org.caseexchange.gateway.rules.Facts;
import org.caseexchange.gateway.rules.HumanRightsRisk;
import org.caseexchange.gateway.rules.Purpose;
import org.caseexchange.gateway.rules.QueryAssessor;
import org.caseexchange.gateway.rules.QuotaLedger;
import org.caseexchange.gateway.rules.RuleSet;
import org.caseexchange.gateway.rules.RulesProperties;
import org.caseexchange.gateway.support.Annexes;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints how long matching and deciding one query takes against a large population
 * (docs/performance.md, "Matching and decisions"): the whole of QueryAssessor (quota count, candidates,
 * scoring, rules, enrichment) in its transaction, one thread, on the test PostgreSQL server (the
 * gateway's embedded binaries). Figures, not assertions:
 *
 * <pre>./mvnw -q -Pbenchmark test-compile exec:exec -Dbenchmark.main=org.caseexchange.gateway.casedata.MatchingBenchmark -Dbenchmark.args="1000000"</pre>
 */
public final class MatchingBenchmark {

    private static final int QUERIES = 5000;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private MatchingBenchmark() {}

    public static void main(String[] args) {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        TestDatabase database = TestDatabase.postgres();
        System.out.printf(Locale.ROOT, "database %s%n", database);
        List<PersonRecord> sample = new ArrayList<>();
        long started = System.nanoTime();
        load(database, population, sample);
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        try (HikariDataSource pool = database.pooled(2)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            CountingRepository repository = new CountingRepository(jdbc);
            jdbc.execute("ANALYZE"); // as autovacuum would after a bulk load; without statistics the planner guesses
            System.out.printf(
                    Locale.ROOT,
                    "population %,d persons loaded in %.0f s (%,.0f persons/s)%n",
                    population,
                    loadSeconds,
                    population / loadSeconds);

            Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
            QueryAssessor assessor = new QueryAssessor(
                    new DecisionEngine(RuleSet.load(Optional.empty()), unlimited()),
                    new PersonMatcher(repository, new MatchingProperties(0.88, 0.70, 0.05)),
                    new QuotaLedger(jdbc),
                    new Enrichment(),
                    new RulesProperties(null, null, Map.of("USA-USCIS", HumanRightsRisk.NONE)),
                    "CAN",
                    clock);
            Partner usa = new Partner(
                    "USA-USCIS",
                    "USA",
                    AlgorithmSuite.EC,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    new PartnerDirectoryProperties.Destinations("r", "s", "q", "a", "d", null),
                    Set.of("ANNEX-1-IDENTITY-CHECKS"));
            Facts.Query query = new Facts.Query(
                    "ANNEX-1-IDENTITY-CHECKS",
                    Purpose.ADMISSIBILITY_ASSESSMENT,
                    List.of(DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS),
                    false);
            List<LabelledQueries.Labelled> queries = new ArrayList<>(LabelledQueries.about(sample, QUERIES, 7));
            queries.addAll(
                    LabelledQueries.strangers(new SyntheticCaseData(99, TODAY).generate(QUERIES / 10), QUERIES / 10));

            run(transactions, assessor, usa, query, queries.subList(0, 1000)); // warm-up
            Map<String, long[]> byOutcome = new java.util.TreeMap<>();
            repository.counted.clear();
            long[] all = run(transactions, assessor, usa, query, queries, byOutcome, repository);
            print("all queries", all);
            byOutcome.forEach(MatchingBenchmark::print);
            printCounts("all queries", repository.counted);
            // The slowest hundredth of the queries, and what their candidates were.
            Integer[] bySlowness = new Integer[all.length];
            Arrays.setAll(bySlowness, i -> i);
            Arrays.sort(bySlowness, (a, b) -> Long.compare(all[b], all[a]));
            List<long[]> slowest = new ArrayList<>();
            for (int i = 0; i < all.length / 100; i++) {
                slowest.add(repository.counted.get(bySlowness[i]));
            }
            printCounts("the slowest 1 %", slowest);
        }
    }

    private static void load(TestDatabase database, int population, List<PersonRecord> sample) {
        SyntheticCaseData generator = new SyntheticCaseData(20261123, TODAY);
        try (HikariDataSource pool = database.pooled(2)) {
            generator.generate(population, 5000, batch -> {
                new TransactionTemplate(new DataSourceTransactionManager(pool))
                        .executeWithoutResult(status -> new CaseDataRepository(new JdbcTemplate(pool)).insert(batch));
                if (sample.size() < 50_000) {
                    sample.addAll(batch.subList(0, Math.min(batch.size(), 500)));
                }
            });
        }
    }

    /** The shipped annexes with no quota, so that every query is decided on its merits. */
    private static AnnexCatalogue unlimited() {
        List<Annex> annexes = new ArrayList<>();
        for (Annex a : AnnexCatalogue.load(Optional.empty()).all()) {
            annexes.add(Annexes.withQuota(a, new Annex.Quota(Long.MAX_VALUE, Long.MAX_VALUE)));
        }
        return new AnnexCatalogue(annexes);
    }

    private static long[] run(
            TransactionTemplate transactions,
            QueryAssessor assessor,
            Partner usa,
            Facts.Query query,
            List<LabelledQueries.Labelled> queries) {
        return run(transactions, assessor, usa, query, queries, new java.util.HashMap<>(), null);
    }

    /**
     * The repository as matching uses it, counting for each query the persons its blocking keys and
     * documents name, those kept by the first cut (by name, birth and sex), and those read whole.
     */
    static final class CountingRepository extends CaseDataRepository {
        final List<long[]> counted = new ArrayList<>();
        private final java.util.Set<java.util.UUID> named = new java.util.HashSet<>();
        private long kept;
        private long whole;

        CountingRepository(JdbcTemplate jdbc) {
            super(jdbc);
        }

        void startQuery() {
            named.clear();
            kept = 0;
            whole = 0;
        }

        void endQuery() {
            counted.add(new long[] {named.size(), kept, whole});
        }

        @Override
        public java.util.Set<java.util.UUID> byDocument(String number, String issuingCountry) {
            java.util.Set<java.util.UUID> ids = super.byDocument(number, issuingCountry);
            named.addAll(ids);
            return ids;
        }

        @Override
        public java.util.Set<java.util.UUID> byKeys(java.util.Collection<String> keys) {
            java.util.Set<java.util.UUID> ids = super.byKeys(keys);
            named.addAll(ids);
            return ids;
        }

        @Override
        public Map<java.util.UUID, PersonRecord> withNationalitiesAndDocuments(
                Map<java.util.UUID, PersonRecord> light) {
            kept += light.size();
            return super.withNationalitiesAndDocuments(light);
        }

        @Override
        public Map<java.util.UUID, PersonRecord> load(java.util.Collection<java.util.UUID> ids) {
            whole += ids.size();
            return super.load(ids);
        }
    }

    private static long[] run(
            TransactionTemplate transactions,
            QueryAssessor assessor,
            Partner usa,
            Facts.Query query,
            List<LabelledQueries.Labelled> queries,
            Map<String, long[]> byOutcome,
            CountingRepository counting) {
        long[] nanos = new long[queries.size()];
        Map<String, List<Long>> grouped = new java.util.TreeMap<>();
        for (int i = 0; i < queries.size(); i++) {
            SubjectQuery subject = queries.get(i).query();
            if (counting != null) {
                counting.startQuery();
            }
            long start = System.nanoTime();
            QueryAssessor.Assessment assessment = transactions.execute(status -> assessor.assess(usa, query, subject));
            nanos[i] = System.nanoTime() - start;
            if (counting != null) {
                counting.endQuery();
            }
            String key = assessment.decision().outcome()
                    + (assessment.decision().decidingRule() == null
                            ? ""
                            : " " + assessment.decision().decidingRule());
            grouped.computeIfAbsent(key, any -> new ArrayList<>()).add(nanos[i]);
        }
        grouped.forEach((key, values) ->
                byOutcome.put(key, values.stream().mapToLong(Long::longValue).toArray()));
        return nanos;
    }

    /** Named by the keys and documents, kept by the first cut, read whole: p50, p99 and max of each. */
    private static void printCounts(String what, List<long[]> counted) {
        StringBuilder line = new StringBuilder("candidates per query, " + what + ":");
        String[] stages = {"named", "kept by the first cut", "read whole"};
        for (int stage = 0; stage < stages.length; stage++) {
            int s = stage;
            long[] sorted = counted.stream().mapToLong(c -> c[s]).sorted().toArray();
            line.append(String.format(
                    Locale.ROOT,
                    " %s p50 %d, p99 %d, max %d;",
                    stages[stage],
                    sorted[sorted.length / 2],
                    p99(sorted),
                    sorted[sorted.length - 1]));
        }
        System.out.println(line);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-48s %6d queries  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                what,
                sorted.length,
                sorted[sorted.length / 2] / 1e6,
                p99(sorted) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    /** The 99th percentile of sorted values: the smallest that at least 99 % of them do not exceed. */
    private static long p99(long[] sorted) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
    }
}
