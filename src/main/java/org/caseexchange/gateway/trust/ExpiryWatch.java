package org.caseexchange.gateway.trust;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees of expiry besides health: the gauge {@code gateway.certificate.days.left} per
 * certificate and CRL (by its name in the health details, never a person), and, once a day and at
 * start, a warning in the log for each one inside its warning window or already failing.
 */
final class ExpiryWatch implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiryWatch.class);

    private final Expiries expiries;
    private final Clock clock;
    private final ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "certificate-expiry-warnings");
        thread.setDaemon(true);
        return thread;
    });

    ExpiryWatch(Expiries expiries, Clock clock) {
        this.expiries = expiries;
        this.clock = clock;
        daily.scheduleAtFixedRate(this::warn, 0, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    @Override
    public void bindTo(io.micrometer.core.instrument.MeterRegistry meters) {
        for (Expiries.Expiring item : expiries.at(clock.instant())) {
            Gauge.builder("gateway.certificate.days.left", expiries, all -> daysLeft(all, item.name()))
                    .description("days until a certificate expires or a CRL reaches its next update")
                    .tag("certificate", item.name())
                    .baseUnit("days")
                    .register(meters);
        }
    }

    private double daysLeft(Expiries all, String name) {
        Instant now = clock.instant();
        return all.at(now).stream()
                .filter(item -> item.name().equals(name))
                .findFirst()
                .flatMap(item -> item.daysLeft(now))
                .map(Long::doubleValue)
                .orElse(Double.NaN);
    }

    /** One line per certificate or CRL to act on: inside the warning window, expired, or not yet valid. */
    void warn() {
        Instant now = clock.instant();
        for (Expiries.Expiring item : expiries.at(now)) {
            switch (item.standing()) {
                case EXPIRING ->
                    log.warn(
                            "{} ({}) ends in {} days, inside its warning window: renew it",
                            item.name(),
                            item.endName(),
                            item.daysLeft(now).orElse(0L));
                case FAILING ->
                    log.warn("{} ({}) is not valid now: exchanges that depend on it fail", item.name(), item.endName());
                case VALID -> {}
            }
        }
    }

    @Override
    public void close() {
        daily.shutdownNow();
    }
}
