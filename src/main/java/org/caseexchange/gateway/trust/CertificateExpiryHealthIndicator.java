package org.caseexchange.gateway.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final GatewayIdentity identity;
    private final PartnerDirectory directory;
    private final ExpiryWarningProperties warning;
    private final Clock clock;

    CertificateExpiryHealthIndicator(
            GatewayIdentity identity, PartnerDirectory directory, ExpiryWarningProperties warning, Clock clock) {
        super("certificate expiry check failed");
        this.identity = identity;
        this.directory = directory;
        this.warning = warning;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        Status worst = Status.UP;
        for (var own : identity.certificatesByAlias().entrySet()) {
            worst = worse(worst, certificate(details, "own." + own.getKey(), own.getValue(), now));
        }
        for (Partner partner : directory.all()) {
            String prefix = "partner." + partner.agencyCode() + ".";
            worst = worse(worst, certificates(details, prefix + "trust-anchors", partner.trustAnchors(), now));
            worst = worse(
                    worst, certificates(details, prefix + "signing-certificates", partner.signingCertificates(), now));
            worst = worse(
                    worst,
                    certificates(details, prefix + "encryption-certificates", partner.encryptionCertificates(), now));
            for (int i = 0; i < partner.crls().size(); i++) {
                worst = worse(
                        worst,
                        crl(details, prefix + "crls[" + i + "]", partner.crls().get(i), now));
            }
        }
        builder.status(worst).withDetails(details);
    }

    private Status certificates(
            Map<String, Object> details, String name, List<X509Certificate> certificates, Instant now) {
        Status worst = Status.UP;
        for (int i = 0; i < certificates.size(); i++) {
            worst = worse(worst, certificate(details, name + "[" + i + "]", certificates.get(i), now));
        }
        return worst;
    }

    private Status certificate(Map<String, Object> details, String name, X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Status status;
        if (now.isBefore(notBefore)) {
            status = Status.DOWN;
        } else {
            status = expiryStatus(notAfter, now, warning.certificates());
        }
        details.put(name, entry(status, certificate.getSubjectX500Principal().getName(), "notAfter", notAfter, now));
        return status;
    }

    private Status crl(Map<String, Object> details, String name, X509CRL crl, Instant now) {
        Date nextUpdate = crl.getNextUpdate();
        Status status = nextUpdate == null ? Status.DOWN : expiryStatus(nextUpdate.toInstant(), now, warning.crls());
        details.put(
                name,
                entry(
                        status,
                        crl.getIssuerX500Principal().getName(),
                        "nextUpdate",
                        nextUpdate == null ? null : nextUpdate.toInstant(),
                        now));
        return status;
    }

    private static Status expiryStatus(Instant end, Instant now, Duration warningWindow) {
        if (!now.isBefore(end)) {
            return Status.DOWN;
        }
        return now.plus(warningWindow).isBefore(end) ? Status.UP : WARNING;
    }

    private static Map<String, Object> entry(Status status, String subject, String endName, Instant end, Instant now) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", status.getCode());
        entry.put("subject", subject);
        entry.put(endName, end == null ? "absent" : end.toString());
        if (end != null) {
            entry.put("daysLeft", Duration.between(now, end).toDays());
        }
        return entry;
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return WARNING.equals(status) ? 1 : 0;
    }
}
