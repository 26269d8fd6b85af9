package org.caseexchange.gateway.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Reports every certificate and CRL the gateway depends on: ours and each partner's. DOWN when one has
 * expired, is not yet valid, or a CRL is past its next update (exchanges with that partner would fail);
 * WARNING when one expires within the configured window, so operators rotate in time.
 */
@Component("certificates")
class CertificateExpiryHealthIndicator extends AbstractHealthIndicator {

    static final Status WARNING = new Status("WARNING", "a certificate or CRL expires soon");

    private final Expiries expiries;
    private final Clock clock;

    CertificateExpiryHealthIndicator(Expiries expiries, Clock clock) {
        super("certificate expiry check failed");
        this.expiries = expiries;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        Status worst = Status.UP;
        for (Expiries.Expiring item : expiries.at(now)) {
            Status status = switch (item.standing()) {
                case VALID -> Status.UP;
                case EXPIRING -> WARNING;
                case FAILING -> Status.DOWN;
            };
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", status.getCode());
            entry.put("subject", item.subject());
            entry.put(item.endName(), item.end().map(Instant::toString).orElse("absent"));
            item.daysLeft(now).ifPresent(days -> entry.put("daysLeft", days));
            details.put(item.name(), entry);
            worst = rank(status) > rank(worst) ? status : worst;
        }
        builder.status(worst).withDetails(details);
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return WARNING.equals(status) ? 1 : 0;
    }
}
