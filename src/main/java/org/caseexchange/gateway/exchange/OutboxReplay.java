package org.caseexchange.gateway.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.logging.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the outbox held when the gateway started (final responses, our queries and disclosures that
 * were committed but not sent before a stop or a crash): how many, then how far their sending has got,
 * until none of them waits. The outbox route sends them from its first round; this only tells the
 * operator watching the start. Messages committed after the start are not counted.
 */
final class OutboxReplay implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxReplay.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration every;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbox-replay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxReplay(JdbcTemplate jdbc, Clock clock, Duration every) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        start();
    }

    void start() {
        Instant started = clock.instant();
        long waiting = waitingSince(started);
        if (waiting == 0) {
            watch.shutdown();
            return;
        }
        log.info("replaying the outbox: {} messages committed before the start wait to be sent", waiting);
        Progress progress = Progress.of(log, "replaying the outbox", waiting, "messages sent");
        long[] reported = {0};
        watch.scheduleWithFixedDelay(
                () -> {
                    long sent = waiting - Math.min(waiting, waitingSince(started));
                    progress.advance(sent - reported[0]);
                    reported[0] = sent;
                    if (sent == waiting) {
                        log.info(
                                "outbox replayed: {} messages sent in {} s",
                                waiting,
                                Duration.between(started, clock.instant()).toSeconds());
                        watch.shutdown();
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private long waitingSince(Instant started) {
        Long waiting = jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND created_at <= ?",
                Long.class,
                Timestamps.utc(started));
        return waiting == null ? 0 : waiting;
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }
}
