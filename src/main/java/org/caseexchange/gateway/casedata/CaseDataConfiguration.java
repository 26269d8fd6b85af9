package org.caseexchange.gateway.casedata;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class CaseDataConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CaseDataConfiguration.class);

    /**
     * Fills an empty database with synthetic persons when configured to, a batch per transaction: the
     * fixed {@link ExamplePersons} first, then generated ones up to the number configured.
     */
    @Bean
    CaseDataRepository caseDataRepository(
            JdbcTemplate jdbc, TransactionTemplate transactions, CaseDataProperties properties, Clock clock) {
        CaseDataRepository repository = new CaseDataRepository(jdbc);
        int persons = properties.synthetic().persons();
        if (persons > 0 && repository.count() == 0) {
            long started = System.nanoTime();
            org.caseexchange.gateway.logging.Progress progress = org.caseexchange.gateway.logging.Progress.of(
                    LOG, "loading synthetic case data", persons, "persons");
            transactions.executeWithoutResult(status -> repository.insert(ExamplePersons.ALL));
            progress.advance(ExamplePersons.ALL.size());
            new SyntheticCaseData(properties.synthetic().seed(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .generate(Math.max(0, persons - ExamplePersons.ALL.size()), 2000, batch -> {
                        transactions.executeWithoutResult(status -> repository.insert(batch));
                        progress.advance(batch.size());
                    });
            LOG.info(
                    "synthetic case data loaded: {} persons (seed {}) in {} ms",
                    persons,
                    properties.synthetic().seed(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return repository;
    }

    @Bean
    PersonMatcher personMatcher(CaseDataRepository repository, MatchingProperties properties) {
        return new PersonMatcher(repository, properties);
    }

    @Bean
    Enrichment enrichment() {
        return new Enrichment();
    }
}
