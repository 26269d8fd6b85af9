package org.caseexchange.gateway.rules;

import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.MatchingProperties;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.casedata.SyntheticCaseData;
import org.caseexchange.gateway.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints how long the gateway takes to answer a query about a guarded person, and the same query when
 * we hold no record of that person, in each form of {@link GuardedPersonsTest}: what a partner would
 * have to tell apart. It times the part of an exchange that depends on who is asked about (quota
 * count, candidates, guards, scoring, rules, the response document), on two PostgreSQL databases with
 * the same synthetic population. The design is balanced, so that neither a database nor a person
 * favours one side: the first database also holds the guarded persons of the test, the second another
 * four of the same kinds, and every query about either set is asked of both. Queries are interleaved
 * in a random order, so that drift of the shared machine falls on both sides alike. For each
 * form and over all, it prints the percentiles of both and a two-sample Kolmogorov-Smirnov test of
 * their distributions (its p-value: how likely a difference as large is between two samples of one
 * distribution). Figures, not assertions:
 *
 * <pre>./mvnw -q -Pbenchmark test-compile exec:exec -Dbenchmark.main=org.caseexchange.gateway.rules.GuardedPersonsBenchmark -Dbenchmark.args="10000 400"</pre>
 */
public final class GuardedPersonsBenchmark {

    private GuardedPersonsBenchmark() {}

    public static void main(String[] args) {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        TestDatabase first = TestDatabase.postgres();
        TestDatabase second = TestDatabase.postgres();
        List<PersonRecord> persons = new SyntheticCaseData(20261203L, LocalDate.of(2026, 11, 23)).generate(population);
        List<PersonRecord> firstSet = GuardedPersonsTest.HELD.stream()
                .map(GuardedPersonsTest.Held::guarded)
                .toList();
        List<PersonRecord> secondSet =
                SECOND_SET.stream().map(GuardedPersonsTest.Held::guarded).toList();
        try (HikariDataSource firstPool = GuardedPersonsTest.insert(first, persons, firstSet);
                HikariDataSource secondPool = GuardedPersonsTest.insert(second, persons, secondSet)) {
            new JdbcTemplate(firstPool).execute("ANALYZE");
            new JdbcTemplate(secondPool).execute("ANALYZE");
            List<Gateway> gateways = List.of(Gateway.on(firstPool), Gateway.on(secondPool));
            List<List<PersonRecord>> sets = List.of(firstSet, secondSet);

            record Ask(GuardedPersonsTest.Form form, boolean guarded, Gateway gateway, SubjectQuery subject) {}
            List<Ask> round = new ArrayList<>();
            for (GuardedPersonsTest.Form form : GuardedPersonsTest.FORMS) {
                for (int database = 0; database < 2; database++) {
                    for (int set = 0; set < 2; set++) {
                        for (PersonRecord person : sets.get(set)) {
                            round.add(new Ask(
                                    form,
                                    database == set,
                                    gateways.get(database),
                                    form.query().apply(person)));
                        }
                    }
                }
            }
            Map<String, List<Long>> guarded = new LinkedHashMap<>();
            Map<String, List<Long>> strangers = new LinkedHashMap<>();
            Random random = new Random(20261203L);
            int warmUp = Math.max(20, rounds / 10);
            for (int r = 0; r < warmUp + rounds; r++) {
                List<Ask> shuffled = new ArrayList<>(round);
                Collections.shuffle(shuffled, random);
                for (Ask ask : shuffled) {
                    Gateway gateway = ask.gateway();
                    long started = System.nanoTime();
                    QueryAssessor.Assessment assessment = gateway.transactions()
                            .execute(status -> gateway.assessor()
                                    .assess(GuardedPersonsTest.USA, GuardedPersonsTest.ASKED, ask.subject()));
                    GuardedPersonsTest.response(assessment);
                    long took = System.nanoTime() - started;
                    if (r >= warmUp) {
                        (ask.guarded() ? guarded : strangers)
                                .computeIfAbsent(ask.form().name(), any -> new ArrayList<>())
                                .add(took);
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s, %d synthetic persons, %d rounds of %d queries%n",
                    first,
                    population,
                    rounds,
                    round.size());
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %-9s %7s %7s %7s %7s   %s%n",
                    "form",
                    "asked",
                    "n",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "KS D, p-value");
            List<Long> allGuarded = new ArrayList<>();
            List<Long> allStrangers = new ArrayList<>();
            for (String form : guarded.keySet()) {
                print(form, guarded.get(form), strangers.get(form));
                allGuarded.addAll(guarded.get(form));
                allStrangers.addAll(strangers.get(form));
            }
            print("all forms", allGuarded, allStrangers);
        }
    }

    /** Four guarded persons of the same kinds as the test's, held by the second database only. */
    static final List<GuardedPersonsTest.Held> SECOND_SET = List.of(
            GuardedPersonsTest.held(
                    "protected person",
                    "00000000-0000-4000-8000-0000000000e1",
                    "Rahimi",
                    "Farid",
                    "1976-04-18",
                    "M",
                    "AFG",
                    "P0456123",
                    java.util.Set.of(),
                    java.util.Set.of(),
                    Optional.of(new PersonRecord.Status(
                            "OTHER",
                            null,
                            null,
                            org.caseexchange.gateway.casedata.Protection.PROTECTED_PERSON,
                            "USA"))),
            GuardedPersonsTest.held(
                    "refugee claimant",
                    "00000000-0000-4000-8000-0000000000e2",
                    "Mensah",
                    "Abena",
                    "1992-08-03",
                    "F",
                    "GHA",
                    "G2231098",
                    java.util.Set.of(),
                    java.util.Set.of(),
                    Optional.of(new PersonRecord.Status(
                            "OTHER",
                            null,
                            null,
                            org.caseexchange.gateway.casedata.Protection.REFUGEE_CLAIMANT,
                            "USA"))),
            GuardedPersonsTest.held(
                    "citizen",
                    "00000000-0000-4000-8000-0000000000e3",
                    "Castillo",
                    "Marisol",
                    "1988-12-09",
                    "F",
                    "PER",
                    "PE7781234",
                    java.util.Set.of("CAN"),
                    java.util.Set.of(),
                    Optional.empty()),
            GuardedPersonsTest.held(
                    "permanent resident",
                    "00000000-0000-4000-8000-0000000000e4",
                    "Petrenko",
                    "Oleksandr",
                    "1980-06-25",
                    "M",
                    "UKR",
                    "FK9012345",
                    java.util.Set.of(),
                    java.util.Set.of("USA"),
                    Optional.empty()));

    /** One gateway's assessor on one database. */
    private record Gateway(QueryAssessor assessor, TransactionTemplate transactions) {
        static Gateway on(HikariDataSource pool) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            return new Gateway(
                    new QueryAssessor(
                            new DecisionEngine(RuleSet.load(Optional.empty()), DecisionEngineTest.SHIPPED_ANNEXES),
                            new PersonMatcher(new CaseDataRepository(jdbc), new MatchingProperties(0.88, 0.70, 0.05)),
                            new QuotaLedger(jdbc),
                            new Enrichment(),
                            new RulesProperties(null, null, Map.of("USA-USCIS", HumanRightsRisk.NONE)),
                            "CAN",
                            QueryAssessorTest.CLOCK),
                    new TransactionTemplate(new DataSourceTransactionManager(pool)));
        }
    }

    private static void print(String form, List<Long> guarded, List<Long> strangers) {
        double[] a = millis(guarded);
        double[] b = millis(strangers);
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        double statistic = test.kolmogorovSmirnovStatistic(a, b);
        double p = test.kolmogorovSmirnovTest(a, b);
        System.out.printf(
                Locale.ROOT,
                "%-34s %-9s %7d %7.3f %7.3f %7.3f%n",
                form,
                "on file",
                a.length,
                at(a, 0.5),
                at(a, 0.9),
                at(a, 0.99));
        System.out.printf(
                Locale.ROOT,
                "%-34s %-9s %7d %7.3f %7.3f %7.3f   D=%.3f, p=%.3f%n",
                "",
                "absent",
                b.length,
                at(b, 0.5),
                at(b, 0.9),
                at(b, 0.99),
                statistic,
                p);
    }

    private static double[] millis(List<Long> nanos) {
        double[] values = nanos.stream().mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(values);
        return values;
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
    }
}
