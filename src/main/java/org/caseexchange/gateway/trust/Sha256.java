package org.caseexchange.gateway.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * SHA-256 in lowercase hex: how the gateway names bytes in its audit log and logs, and how it names a
 * certificate or CRL (over its DER encoding).
 */
public final class Sha256 {

    private Sha256() {}

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate that was decoded", e);
        }
    }

    public static String fingerprint(X509CRL crl) {
        try {
            return hex(crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode a CRL that was decoded", e);
        }
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
