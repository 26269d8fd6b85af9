package org.caseexchange.gateway.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every certificate and CRL the gateway depends on, ours and each partner's, with when it ends and how
 * it stands now: what health, the days-left metric and the daily warning all read.
 */
final class Expiries {

    enum Standing {
        /** In force, outside the warning window. */
        VALID,
        /** In force, inside the warning window: an operator should renew it. */
        EXPIRING,
        /** Expired, not yet valid, or a CRL without a next update: exchanges it serves fail. */
        FAILING
    }

    /**
     * One certificate or CRL, by the name the health details give it ({@code own.<alias>},
     * {@code partner.<agency>.signing-certificates[0]}, {@code partner.<agency>.crls[0]}).
     *
     * @param endName {@code notAfter} for a certificate, {@code nextUpdate} for a CRL
     * @param end empty for a CRL without a next update
     */
    record Expiring(String name, String subject, String endName, Optional<Instant> end, Standing standing) {

        Optional<Long> daysLeft(Instant now) {
            return end.map(at -> Duration.between(now, at).toDays());
        }
    }

    private final GatewayIdentity identity;
    private final PartnerDirectory directory;
    private final ExpiryWarningProperties warning;

    Expiries(GatewayIdentity identity, PartnerDirectory directory, ExpiryWarningProperties warning) {
        this.identity = identity;
        this.directory = directory;
        this.warning = warning;
    }

    List<Expiring> at(Instant now) {
        List<Expiring> all = new ArrayList<>();
        for (var own : identity.certificatesByAlias().entrySet()) {
            all.add(certificate("own." + own.getKey(), own.getValue(), now));
        }
        for (Partner partner : directory.all()) {
            String prefix = "partner." + partner.agencyCode() + ".";
            certificates(all, prefix + "trust-anchors", partner.trustAnchors(), now);
            certificates(all, prefix + "signing-certificates", partner.signingCertificates(), now);
            certificates(all, prefix + "encryption-certificates", partner.encryptionCertificates(), now);
            for (int i = 0; i < partner.crls().size(); i++) {
                all.add(crl(prefix + "crls[" + i + "]", partner.crls().get(i), now));
            }
        }
        return all;
    }

    private void certificates(List<Expiring> all, String name, List<X509Certificate> certificates, Instant now) {
        for (int i = 0; i < certificates.size(); i++) {
            all.add(certificate(name + "[" + i + "]", certificates.get(i), now));
        }
    }

    private Expiring certificate(String name, X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Standing standing = now.isBefore(certificate.getNotBefore().toInstant())
                ? Standing.FAILING
                : standing(notAfter, now, warning.certificates());
        return new Expiring(
                name, certificate.getSubjectX500Principal().getName(), "notAfter", Optional.of(notAfter), standing);
    }

    private Expiring crl(String name, X509CRL crl, Instant now) {
        Optional<Instant> nextUpdate = Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
        return new Expiring(
                name,
                crl.getIssuerX500Principal().getName(),
                "nextUpdate",
                nextUpdate,
                nextUpdate.map(at -> standing(at, now, warning.crls())).orElse(Standing.FAILING));
    }

    private static Standing standing(Instant end, Instant now, Duration window) {
        if (!now.isBefore(end)) {
            return Standing.FAILING;
        }
        return now.plus(window).isBefore(end) ? Standing.VALID : Standing.EXPIRING;
    }
}
