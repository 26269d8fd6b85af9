package org.caseexchange.gateway.exchange;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbound crash test's officer, active only in its child JVM (property {@code
 * crash-test.our-queries}): once the gateway is ready it asks the partner one query after another until
 * the gateway holds that many of ours, so that each start after a halt asks only what the halted run
 * had not. Right after each query is recorded (the exchange row, its decision, its evidence, its audit
 * entries and the outbox row, in one transaction) it reaches {@value #AFTER_OUTBOX_COMMIT}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("crash-test.our-queries")
class CrashTestOfficer {

    static final String AFTER_OUTBOX_COMMIT = "after-outbox-commit";

    @Bean
    ApplicationListener<ApplicationReadyEvent> askOurQueries(
            @Value("${crash-test.our-queries}") int count,
            OurQueries queries,
            JdbcTemplate jdbc,
            org.springframework.beans.factory.ObjectProvider<CrashPoints> crashPoints) {
        return ready -> {
            Thread officer = new Thread(
                    () -> {
                        CrashPoints points = crashPoints.getIfAvailable(() -> CrashPoints.NONE);
                        int asked;
                        while ((asked = jdbc.queryForObject(
                                        "SELECT count(*) FROM exchange WHERE direction = 'OUTBOUND_QUERY'",
                                        Integer.class))
                                < count) {
                            queries.ask(query(asked));
                            points.reach(AFTER_OUTBOX_COMMIT);
                        }
                    },
                    "crash-test-officer");
            officer.setDaemon(true);
            officer.start();
        };
    }

    /** Someone nobody has on file, born on a different day for each query. */
    static OurQuery query(int number) {
        return new OurQuery(
                "officer:can-0042",
                "USA-USCIS",
                "ANNEX-1-IDENTITY-CHECKS",
                Purpose.ADMISSIBILITY_ASSESSMENT,
                Set.of(DataElement.IDENTITY),
                new OurQuery.Subject(
                        List.of(new OurQuery.Name("EXAMPLE-NOONE", "Ada")),
                        Optional.of(LocalDate.of(1960, 1, 1).plusDays(number).toString()),
                        Sex.F,
                        List.of("NZL"),
                        List.of()),
                "IRCC-CRASH-" + number,
                "Crash test query " + number);
    }
}
