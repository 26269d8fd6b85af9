package org.caseexchange.gateway.trust.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.CertificatePaths;
import org.caseexchange.gateway.trust.MessageSigning;

/**
 * Start-up checks that a configured certificate can do the job it is configured for: right key
 * algorithm and strength, right key usage, and a chain to the configured anchors. Expiry is not
 * checked here (health reports it, and receipt-time validation refuses it): an operator must be
 * able to start a gateway whose partner certificate just expired, to fix it.
 */
public final class CertificateRequirements {

    /** Key usage bits, RFC 5280 section 4.2.1.3. */
    public enum KeyUsage {
        DIGITAL_SIGNATURE(0, "digitalSignature"),
        KEY_ENCIPHERMENT(2, "keyEncipherment"),
        KEY_AGREEMENT(4, "keyAgreement");

        private final int bit;
        private final String rfcName;

        KeyUsage(int bit, String rfcName) {
            this.bit = bit;
            this.rfcName = rfcName;
        }

        public static KeyUsage named(String rfcName) {
            for (KeyUsage usage : values()) {
                if (usage.rfcName.equals(rfcName)) {
                    return usage;
                }
            }
            throw new IllegalArgumentException(rfcName);
        }
    }

    private CertificateRequirements() {}

    public static void requireKey(String key, X509Certificate certificate, AlgorithmSuite suite) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(suite.keyAlgorithm())) {
            throw new InvalidConfigurationException(
                    key,
                    "certificate key is " + publicKey.getAlgorithm() + ", the partner's suite needs "
                            + suite.keyAlgorithm());
        }
        if (!suite.permits(publicKey)) {
            throw new InvalidConfigurationException(
                    key,
                    publicKey instanceof RSAPublicKey rsa
                            ? "RSA key of " + rsa.getModulus().bitLength() + " bits; at least "
                                    + AlgorithmSuite.MINIMUM_RSA_BITS + " required"
                            : "EC key is not on P-256 or P-384");
        }
    }

    public static void requireKeyUsage(String key, X509Certificate certificate, KeyUsage usage) {
        boolean[] usages = certificate.getKeyUsage();
        if (usages == null || usages.length <= usage.bit || !usages[usage.bit]) {
            throw new InvalidConfigurationException(key, "certificate lacks the " + usage.rfcName + " key usage");
        }
    }

    /** A certificate for signing exchange messages ({@link MessageSigning}). */
    public static void requireMessageSigning(String key, X509Certificate certificate) {
        requireKeyUsage(key, certificate, KeyUsage.DIGITAL_SIGNATURE);
        if (!MessageSigning.permits(certificate)) {
            throw new InvalidConfigurationException(
                    key, "certificate lacks the emailProtection extended key usage that message signing needs");
        }
    }

    /** The certificate chains to one of the anchors (checked at a time inside its own validity). */
    public static void requireChain(String key, X509Certificate certificate, List<X509Certificate> anchors) {
        try {
            CertificatePaths.validate(
                    List.of(certificate),
                    anchors,
                    List.of(),
                    certificate.getNotBefore().toInstant(),
                    CertificatePaths.Revocation.NOT_CHECKED);
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException(
                    key, "certificate does not chain to the configured trust anchors (" + e.getMessage() + ")", e);
        }
    }

    /** The CRL is signed by one of the anchors. */
    public static void requireCrlIssuer(String key, X509CRL crl, List<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(anchor.getPublicKey());
                    return;
                } catch (GeneralSecurityException e) {
                    throw new InvalidConfigurationException(
                            key, "CRL signature does not verify with its issuer's anchor", e);
                }
            }
        }
        throw new InvalidConfigurationException(key, "CRL issuer is none of the configured trust anchors");
    }
}
