package org.caseexchange.gateway.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.CertificatePaths;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.Sha256;

/**
 * Validates a signer's certificate path with the JDK's PKIX validator, against that partner's own
 * anchors and CRLs only, at receipt time on our clock. Revocation is a hard fail: without a CRL that
 * is current and correctly signed, the status is unknown and the message is refused. No OCSP and no
 * CRL download: what the partner's CA publishes reaches us through configuration.
 *
 * <p>A partner signs every message with the same certificate, and path validation with its CRL is
 * the dearest step of opening one after the public-key operations. A path that validated is therefore
 * taken as valid again, for the same certificates against the same anchors and CRLs, until the first
 * of: a certificate in it expires, a CRL reaches its next update, {@link #LONGEST_REUSE} passes, or
 * the clock stands before the validation. Within that window PKIX would give the same answer; only
 * successes are kept, so every refusal is decided afresh.
 */
final class SignerCertificateValidator {

    private static final int MAX_PATH_LENGTH = 5;
    static final Duration LONGEST_REUSE = Duration.ofMinutes(5);
    /** Far more signer certificates than partners ever use at once; past it the memory starts again. */
    private static final int MOST_PATHS = 1000;

    private final Clock clock;
    private final Map<Validated, Window> validated = new ConcurrentHashMap<>();

    SignerCertificateValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param signer the certificate that verified the signature
     * @param bundled the other certificates the message carried (possible intermediates, untrusted)
     */
    void validate(X509Certificate signer, Collection<X509Certificate> bundled, Partner partner) {
        Instant now = clock.instant();
        Validated path = new Validated(fingerprint(signer, bundled), partner.trustAnchors(), partner.crls());
        Window window = validated.get(path);
        if (window != null && window.covers(now)) {
            return;
        }
        validate(signer, bundled, partner.trustAnchors(), partner.crls(), now);
        Window.after(now, signer, bundled, partner.crls()).ifPresent(valid -> {
            if (validated.size() >= MOST_PATHS) {
                validated.clear();
            }
            validated.put(path, valid);
        });
    }

    /** The certificates a message carried against one partner's trust material (the same lists, not equal copies). */
    private record Validated(String certificates, List<X509Certificate> anchors, List<X509CRL> crls) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Validated that
                    && certificates.equals(that.certificates)
                    && anchors == that.anchors
                    && crls == that.crls;
        }

        @Override
        public int hashCode() {
            return certificates.hashCode() * 31 + System.identityHashCode(anchors) * 17 + System.identityHashCode(crls);
        }
    }

    /** When a validation's answer holds: from the time it was made until the first thing that could change it. */
    private record Window(Instant from, Instant until) {

        boolean covers(Instant now) {
            return !now.isBefore(from) && now.isBefore(until);
        }

        static Optional<Window> after(
                Instant now, X509Certificate signer, Collection<X509Certificate> bundled, List<X509CRL> crls) {
            Instant until = now.plus(LONGEST_REUSE);
            until = earlier(until, signer.getNotAfter().toInstant());
            for (X509Certificate certificate : bundled) {
                until = earlier(until, certificate.getNotAfter().toInstant());
            }
            for (X509CRL crl : crls) {
                if (crl.getNextUpdate() == null) {
                    return Optional.empty();
                }
                until = earlier(until, crl.getNextUpdate().toInstant());
            }
            return Optional.of(new Window(now, until));
        }

        private static Instant earlier(Instant one, Instant other) {
            return one.isBefore(other) ? one : other;
        }
    }

    private static String fingerprint(X509Certificate signer, Collection<X509Certificate> bundled) {
        StringBuilder fingerprints = new StringBuilder(Sha256.fingerprint(signer));
        bundled.forEach(certificate -> fingerprints.append(',').append(Sha256.fingerprint(certificate)));
        return fingerprints.toString();
    }

    /** The same validation at a given time, with given anchors and CRLs: kept evidence, as of its receipt. */
    static void validate(
            X509Certificate signer,
            Collection<X509Certificate> bundled,
            List<X509Certificate> trustAnchors,
            List<X509CRL> crls,
            Instant at) {
        try {
            CertificatePaths.validate(
                    path(signer, bundled, trustAnchors), trustAnchors, crls, at, CertificatePaths.Revocation.CHECKED);
        } catch (CertPathValidatorException e) {
            throw new EnvelopeException(reasonFor(e));
        } catch (InvalidAlgorithmParameterException e) {
            throw new EnvelopeException(ReasonCode.CERT_UNTRUSTED, "partner has no usable trust anchor");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EnvelopeException(ReasonCode.CERT_UNTRUSTED, "path could not be built");
        }
    }

    private static ReasonCode reasonFor(CertPathValidatorException e) {
        if (e.getReason() instanceof BasicReason basic) {
            return switch (basic) {
                case EXPIRED -> ReasonCode.CERT_EXPIRED;
                case NOT_YET_VALID -> ReasonCode.CERT_NOT_YET_VALID;
                case REVOKED -> ReasonCode.CERT_REVOKED;
                case UNDETERMINED_REVOCATION_STATUS -> ReasonCode.CERT_REVOCATION_STATUS_UNKNOWN;
                case ALGORITHM_CONSTRAINED -> ReasonCode.CERT_KEY_NOT_ALLOWED;
                default -> ReasonCode.CERT_UNTRUSTED;
            };
        }
        if (e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
            return ReasonCode.CERT_KEY_USAGE;
        }
        return ReasonCode.CERT_UNTRUSTED;
    }

    /** Signer first, then intermediates from the bundle, until an issuer is one of the partner's anchors. */
    private static List<X509Certificate> path(
            X509Certificate signer, Collection<X509Certificate> bundled, List<X509Certificate> trustAnchors) {
        List<X509Certificate> path = new ArrayList<>(List.of(signer));
        X509Certificate last = signer;
        while (path.size() < MAX_PATH_LENGTH && !issuedByAnAnchor(last, trustAnchors)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : bundled) {
                if (candidate.getSubjectX500Principal().equals(last.getIssuerX500Principal())
                        && !path.contains(candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break; // the validator reports the missing anchor
            }
            path.add(issuer);
            last = issuer;
        }
        return path;
    }

    private static boolean issuedByAnAnchor(X509Certificate certificate, List<X509Certificate> trustAnchors) {
        return trustAnchors.stream()
                .anyMatch(anchor -> anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
    }
}
