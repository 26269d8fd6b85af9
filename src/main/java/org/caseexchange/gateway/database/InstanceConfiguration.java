package org.caseexchange.gateway.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where several gateway instances share one database: the locks of the work one of them does at a
 * time, and what health and metrics say of which instance did each job last.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InstanceProperties.class)
class InstanceConfiguration {

    @Bean
    InstanceLocks instanceLocks(DataSource dataSource, InstanceProperties instance) {
        return new InstanceLocks(dataSource, instance.resolvedName());
    }

    /** {@code /actuator/info} {@code instance}: this instance's name (docs/operations.md). */
    @Bean
    org.springframework.boot.actuate.info.InfoContributor instanceInfo(InstanceLocks locks) {
        return info -> info.withDetail("instance", locks.instance());
    }

    /**
     * Health component {@code instances}: this instance's name, and per job the instance that ran it
     * last, when, and whether it runs now. Every instance consumes every partner queue and sends the
     * outbox rows it claims, so those are nobody's job in particular. Always UP: which instance does a
     * job is for the operator to read; the database's own health says whether the locks can be taken.
     */
    @Bean("instances")
    AbstractHealthIndicator instancesHealthIndicator(InstanceLocks locks) {
        return new AbstractHealthIndicator("instance jobs could not be read") {
            @Override
            protected void doHealthCheck(Health.Builder health) {
                Map<String, Object> jobs = new LinkedHashMap<>();
                for (InstanceLocks.JobState state : locks.jobs()) {
                    Map<String, Object> job = new LinkedHashMap<>();
                    job.put("lastRunBy", state.lastRunBy().orElse("(not run yet)"));
                    state.lastRunAt().ifPresent(at -> job.put("lastRunAt", at.toString()));
                    job.put("runningNow", state.runningNow());
                    job.put("lastRunHere", state.lastRunBy(locks.instance()));
                    jobs.put(name(state.job()), job);
                }
                health.up()
                        .withDetail("instance", locks.instance())
                        .withDetail("jobs", jobs)
                        .withDetail("everyInstance", "consumes every partner queue; sends the outbox rows it claims");
            }
        };
    }

    /**
     * Per job: {@code gateway.instance.job.last.run.here} (1 when this instance ran it last) and
     * {@code gateway.instance.job.last.run.age} (seconds since it last ran, on any instance). Charted
     * side by side across instances, they show who does what and that each job still runs.
     */
    @Bean
    MeterBinder instanceJobMeters(InstanceLocks locks, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        return meters -> {
            for (InstanceLocks.Job job : InstanceLocks.Job.values()) {
                Gauge.builder(
                                "gateway.instance.job.last.run.here",
                                locks,
                                l -> l.jobs().stream()
                                                .filter(state -> state.job() == job)
                                                .anyMatch(state -> state.lastRunBy(l.instance()))
                                        ? 1
                                        : 0)
                        .description("1 when this instance ran the job last")
                        .tag("job", name(job))
                        .register(meters);
                Gauge.builder(
                                "gateway.instance.job.last.run.age",
                                locks,
                                l -> l.jobs().stream()
                                        .filter(state -> state.job() == job)
                                        .findFirst()
                                        .flatMap(InstanceLocks.JobState::lastRunAt)
                                        .map(at -> (double) Duration.between(at, clock.instant())
                                                .toSeconds())
                                        .orElse(Double.NaN))
                        .description("seconds since any instance last ran the job")
                        .baseUnit("seconds")
                        .tag("job", name(job))
                        .register(meters);
            }
        };
    }

    private static String name(InstanceLocks.Job job) {
        return job.name().toLowerCase(Locale.ROOT);
    }
}
