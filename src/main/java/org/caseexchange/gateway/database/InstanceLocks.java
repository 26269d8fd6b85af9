package org.caseexchange.gateway.database;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Work that one gateway instance at a time does when several share one database: signing checkpoints,
 * destroying what reached the end of its retention. A ShedLock lock in the {@code shedlock} table,
 * timed by the database's clock so that the instances' clocks do not matter; a lock held by an
 * instance that died lapses after its {@code atMost}. The lock names the instance that took it last,
 * which is how health and metrics say which instance does which job ({@link #jobs}).
 */
public final class InstanceLocks {

    /** The jobs that run under these locks, by lock name. */
    public enum Job {
        /** Signing a checkpoint of the audit log. */
        CHECKPOINTS("audit-checkpoint"),
        /** Destroying evidence and received data at the end of retention. */
        RETENTION("retention");

        private final String lock;

        Job(String lock) {
            this.lock = lock;
        }

        public String lock() {
            return lock;
        }
    }

    /**
     * Who ran a job last, and when.
     *
     * @param lastRunBy the instance that took the lock last; empty until the job first ran
     * @param runningNow true while that instance holds the lock
     */
    public record JobState(Job job, Optional<String> lastRunBy, Optional<Instant> lastRunAt, boolean runningNow) {

        public boolean lastRunBy(String instance) {
            return lastRunBy.filter(instance::equals).isPresent();
        }
    }

    private final LockingTaskExecutor executor;
    private final JdbcTemplate jdbc;
    private final String instance;

    public InstanceLocks(DataSource dataSource, String instance) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.instance = instance;
        this.executor = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(jdbc)
                        .withLockedByValue(instance)
                        .usingDbTime()
                        .build()));
    }

    /** This instance's name, as the locks record it. */
    public String instance() {
        return instance;
    }

    /** Runs {@code task} unless another instance runs this job now; true when it ran here. */
    public boolean runAlone(Job job, Duration atMost, Runnable task) {
        try {
            return executor.executeWithLock(
                            () -> {
                                task.run();
                                return Boolean.TRUE;
                            },
                            new LockConfiguration(Instant.now(), job.lock(), atMost, Duration.ZERO))
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each job with the instance that ran it last, by the database's clock (ShedLock's times are UTC). */
    public List<JobState> jobs() {
        return java.util.Arrays.stream(Job.values()).map(this::stateOf).toList();
    }

    private JobState stateOf(Job job) {
        return jdbc
                .query(
                        "SELECT locked_by, locked_at, lock_until > timezone('utc', CURRENT_TIMESTAMP) AS running"
                                + " FROM shedlock WHERE name = ?",
                        (rs, n) -> new JobState(
                                job,
                                Optional.of(rs.getString("locked_by")),
                                Optional.of(utc(rs.getTimestamp("locked_at"))),
                                rs.getBoolean("running")),
                        job.lock())
                .stream()
                .findFirst()
                .orElse(new JobState(job, Optional.empty(), Optional.empty(), false));
    }

    /** ShedLock writes UTC wall-clock times into a column without a zone. */
    private static Instant utc(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
