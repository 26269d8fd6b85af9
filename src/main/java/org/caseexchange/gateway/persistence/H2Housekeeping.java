package org.caseexchange.gateway.persistence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the embedded H2 file while the gateway runs, and forces it to disk every second.
 *
 * <p>H2 writes every commit as a new chunk of copied pages, and rewrites chunks that have become mostly
 * dead from a background thread, which it runs only when commits may be delayed ({@code WRITE_DELAY} above
 * 0). The gateway needs {@code WRITE_DELAY=0} (a commit is written before the answer leaves), so without
 * this class nothing is ever rewritten: the exchange benchmark's file grew to 2.3 GB after 27 000
 * exchanges, with about a sixth of it live. Each round rewrites the live pages of the sparsest chunks,
 * up to a limit, through H2's own {@code MVStore.compact}; the freed space is reused for new chunks
 * once H2's retention time has passed.
 *
 * <p>H2 hands each commit to the operating system before it returns, which a crash of the gateway
 * cannot undo, but never forces the file to disk while it runs: a power failure could lose commits
 * whose answers had left, and the operating system writes the backlog out in bursts (every 30 s on
 * Linux by default) during which the broker's own forced journal writes waited half a second. Forcing
 * the file every {@code sync-interval} bounds both. PostgreSQL, for production, forces every commit.
 */
public final class H2Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    private final MVStore store;
    private final SerialCommitDataSource commits;
    private final H2Properties properties;
    private final ScheduledExecutorService scheduler;

    private H2Housekeeping(MVStore store, SerialCommitDataSource commits, H2Properties properties) {
        this.store = store;
        this.commits = commits;
        this.properties = properties;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the rounds on the embedded database behind the given data source; a compaction writes the
     * store, so it waits for commits in progress like a commit would.
     */
    public static H2Housekeeping start(SerialCommitDataSource dataSource, H2Properties properties, MeterRegistry meters) throws SQLException {
        MVStore store;
        try (Connection connection = dataSource.getConnection()) {
            store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
        }
        H2Housekeeping housekeeping = new H2Housekeeping(store, dataSource, properties);
        Gauge.builder("gateway.database.h2.file", store, s -> s.getFileStore().size()).baseUnit("bytes")
                .description("Size of the embedded H2 file").register(meters);
        Gauge.builder("gateway.database.h2.chunks.fill", store, s -> s.getFileStore().getChunksFillRate() / 100.0)
                .description("Share of the H2 file's chunks that is live data").register(meters);
        long interval = properties.compactionInterval().toMillis();
        housekeeping.scheduler.scheduleWithFixedDelay(housekeeping::compactQuietly, interval, interval, TimeUnit.MILLISECONDS);
        long sync = properties.syncInterval().toMillis();
        housekeeping.scheduler.scheduleWithFixedDelay(housekeeping::syncQuietly, sync, sync, TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    /** One round: rewrites the sparsest chunks if the live share is below the target; true if it rewrote any. */
    boolean compact() {
        int rewriteLimit = (int) Math.min(Integer.MAX_VALUE, properties.rewritePerRound().toBytes());
        return commits.exclusively(() -> !store.isClosed() && store.compact(properties.targetFillRate(), rewriteLimit));
    }

    private void syncQuietly() {
        try {
            if (!store.isClosed()) {
                store.sync();
            }
        } catch (RuntimeException e) {
            log.warn("H2 file not forced to disk ({})", e.getClass().getName());
        }
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (RuntimeException e) {
            // The next round tries again; the class is enough to tell a closed store from a full disk.
            log.warn("H2 compaction round failed ({})", e.getClass().getName());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
