package org.caseexchange.gateway.audit.evidence;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.AuditProperties;
import org.caseexchange.gateway.database.InstanceLocks;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class EvidenceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceConfiguration.class);

    @Bean
    ArchiveKeys archiveKeys(AuditProperties properties) {
        return ArchiveKeys.load(properties.evidence().archiveKeyFile());
    }

    @Bean
    EvidenceStore evidenceStore(
            JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog log, ArchiveKeys keys, Clock clock) {
        return new EvidenceStore(jdbc, transactions, log, keys, clock);
    }

    @Bean
    ReceivedDisclosures receivedDisclosures(JdbcTemplate jdbc, ArchiveKeys keys) {
        return new ReceivedDisclosures(jdbc, keys);
    }

    @Bean
    PendingQueries pendingQueries(JdbcTemplate jdbc, ArchiveKeys keys) {
        return new PendingQueries(jdbc, keys);
    }

    @Bean
    ReceivedAnswers receivedAnswers(JdbcTemplate jdbc, ArchiveKeys keys) {
        return new ReceivedAnswers(jdbc, keys);
    }

    @Bean
    PersonIndex personIndex(JdbcTemplate jdbc, ArchiveKeys keys) {
        return new PersonIndex(jdbc, keys);
    }

    @Bean
    TrustMaterialArchive trustMaterialArchive(JdbcTemplate jdbc, Clock clock, PartnerDirectory directory) {
        TrustMaterialArchive archive = new TrustMaterialArchive(jdbc, clock);
        archive.remember(directory);
        return archive;
    }

    @Bean
    ReceivedData receivedData(JdbcTemplate jdbc, AuditLog log, TransactionTemplate transactions, Clock clock) {
        return new ReceivedData(jdbc, log, transactions, clock);
    }

    /**
     * Destroys evidence, and what partners gave us, past its retention, a batch at a time, at the
     * configured interval.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService evidenceRetention(
            EvidenceStore store,
            ReceivedData received,
            AuditProperties properties,
            InstanceLocks locks,
            io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter evidenceDestroyed = io.micrometer.core.instrument.Counter.builder(
                        "gateway.evidence.destroyed")
                .description("items of evidence destroyed at the end of their retention, on this instance")
                .tag("kind", "evidence")
                .register(meters);
        io.micrometer.core.instrument.Counter receivedDestroyed = io.micrometer.core.instrument.Counter.builder(
                        "gateway.evidence.destroyed")
                .description("items of evidence destroyed at the end of their retention, on this instance")
                .tag("kind", "received")
                .register(meters);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "evidence-retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.evidence().destructionInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        // One instance at a time; another finds the work done.
                        locks.runAlone(
                                InstanceLocks.Job.RETENTION,
                                Duration.ofMillis(interval).multipliedBy(2),
                                () -> {
                                    int destroyed;
                                    do {
                                        destroyed = store.destroyExpired(100);
                                        evidenceDestroyed.increment(destroyed);
                                        if (destroyed > 0) {
                                            LOG.info(
                                                    "evidence destroyed at the end of its retention: {} items",
                                                    destroyed);
                                        }
                                    } while (destroyed == 100);
                                    do {
                                        destroyed = received.destroyExpired(100);
                                        receivedDestroyed.increment(destroyed);
                                        if (destroyed > 0) {
                                            LOG.info(
                                                    "received data destroyed at the end of its retention: {} items",
                                                    destroyed);
                                        }
                                    } while (destroyed == 100);
                                });
                    } catch (RuntimeException e) {
                        LOG.error(
                                "evidence retention run failed; retrying at the next interval: {}",
                                e.getClass().getSimpleName());
                    }
                },
                interval,
                interval,
                TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
