package org.caseexchange.gateway.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;

/**
 * Validates a signer's certificate path with the JDK's PKIX validator, against that partner's own
 * anchors and CRLs only, at receipt time on our clock. Revocation is a hard fail: without a CRL that
 * is current and correctly signed, the status is unknown and the message is refused. No OCSP and no
 * CRL download: what the partner's CA publishes reaches us through configuration.
 */
final class SignerCertificateValidator {

    private static final int MAX_PATH_LENGTH = 5;

    private final Clock clock;

    SignerCertificateValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param signer the certificate that verified the signature
     * @param bundled the other certificates the message carried (possible intermediates, untrusted)
     */
    void validate(X509Certificate signer, Collection<X509Certificate> bundled, Partner partner) {
        validate(signer, bundled, partner.trustAnchors(), partner.crls(), clock.instant());
    }

    /** The same validation at a given time, with given anchors and CRLs: kept evidence, as of its receipt. */
    static void validate(X509Certificate signer, Collection<X509Certificate> bundled, List<X509Certificate> trustAnchors,
            List<X509CRL> crls, Instant at) {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(anchors(trustAnchors));
            parameters.setDate(Date.from(at));
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.addCertPathChecker(revocation);
            parameters.setRevocationEnabled(true);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            validator.validate(path(signer, bundled, trustAnchors), parameters);
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

    private static Set<TrustAnchor> anchors(List<X509Certificate> trustAnchors) {
        Set<TrustAnchor> anchors = new HashSet<>();
        trustAnchors.forEach(anchor -> anchors.add(new TrustAnchor(anchor, null)));
        return anchors;
    }

    /** Signer first, then intermediates from the bundle, until an issuer is one of the partner's anchors. */
    private static CertPath path(X509Certificate signer, Collection<X509Certificate> bundled, List<X509Certificate> trustAnchors)
            throws GeneralSecurityException {
        List<X509Certificate> path = new ArrayList<>(List.of(signer));
        X509Certificate last = signer;
        while (path.size() < MAX_PATH_LENGTH && !issuedByAnAnchor(last, trustAnchors)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : bundled) {
                if (candidate.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && !path.contains(candidate)) {
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
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    private static boolean issuedByAnAnchor(X509Certificate certificate, List<X509Certificate> trustAnchors) {
        return trustAnchors.stream()
                .anyMatch(anchor -> anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
    }
}
