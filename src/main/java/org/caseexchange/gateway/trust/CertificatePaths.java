package org.caseexchange.gateway.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one PKIX path validation of the gateway: a partner's signer, a partner's TLS client certificate
 * and a configured certificate are each checked here. Revocation is decided by the CRLs given and
 * nothing else: nothing is fetched (no OCSP, no CRL distribution point), and a certificate whose status
 * those CRLs do not give fails.
 */
public final class CertificatePaths {

    /** Whether the path's revocation status must be known from the CRLs given. */
    public enum Revocation {
        CHECKED,
        /** For a configured certificate checked at start-up, where a later CRL decides. */
        NOT_CHECKED
    }

    private CertificatePaths() {}

    /**
     * Validates {@code path} (the end certificate first, then its issuers, the anchor not included) as
     * of {@code at}.
     *
     * @throws CertPathValidatorException when the path does not hold, with PKIX's reason
     * @throws InvalidAlgorithmParameterException when there is no usable anchor
     * @throws GeneralSecurityException when the path cannot be built at all
     */
    public static void validate(
            List<X509Certificate> path,
            List<X509Certificate> anchors,
            List<X509CRL> crls,
            Instant at,
            Revocation revocation)
            throws GeneralSecurityException {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXParameters parameters = new PKIXParameters(trustAnchors);
        parameters.setDate(Date.from(at));
        if (revocation == Revocation.CHECKED) {
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            checker.setOptions(
                    EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.addCertPathChecker(checker);
            parameters.setRevocationEnabled(true);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        } else {
            parameters.setRevocationEnabled(false);
        }
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }
}
