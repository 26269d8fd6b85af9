package org.caseexchange.gateway.logging;

import org.slf4j.Logger;

/**
 * Start-up work that takes seconds says how far it has got, every few seconds, so that an operator
 * watching a start knows it is working and how long it has left: a line such as
 * {@code verifying the audit log: 400000 of 1000000 entries}.
 */
public final class Progress {

    static final long EVERY_NANOS = 5_000_000_000L;

    private final Logger log;
    private final String what;
    private final long total;
    private final String unit;
    private long done;
    private long lastReported = System.nanoTime();

    private Progress(Logger log, String what, long total, String unit) {
        this.log = log;
        this.what = what;
        this.total = total;
        this.unit = unit;
    }

    /** Reports {@code what} (e.g. "verifying the audit log") on {@code log} as {@code unit}s advance. */
    public static Progress of(Logger log, String what, long total, String unit) {
        return new Progress(log, what, total, unit);
    }

    /** {@code count} more done; a line when five seconds have passed since the last. */
    public void advance(long count) {
        done += count;
        long now = System.nanoTime();
        if (now - lastReported >= EVERY_NANOS) {
            lastReported = now;
            log.info("{}: {} of {} {}", what, done, total, unit);
        }
    }
}
