package org.caseexchange.gateway.database;

import java.time.Duration;
import java.time.Instant;
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
 * instance that died lapses after its {@code atMost}.
 */
public final class InstanceLocks {

    private final LockingTaskExecutor executor;

    public InstanceLocks(DataSource dataSource) {
        this.executor = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }

    /** Runs {@code task} unless another instance runs the work of that name now; true when it ran here. */
    public boolean runAlone(String name, Duration atMost, Runnable task) {
        try {
            return executor.executeWithLock(
                            () -> {
                                task.run();
                                return Boolean.TRUE;
                            },
                            new LockConfiguration(Instant.now(), name, atMost, Duration.ZERO))
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
