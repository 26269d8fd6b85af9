package org.caseexchange.gateway.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What makes a certificate one for signing exchange messages (docs/protocol.md section 1.3): the
 * digitalSignature key usage and the emailProtection extended key usage, the purpose RFC 5280 gives
 * to signed and encrypted messages (S/MIME and CMS). A certificate for another purpose, a TLS client
 * certificate or an audit checkpoint certificate of the same agency, does not sign messages.
 */
public final class MessageSigning {

    /** id-kp-emailProtection, RFC 5280 section 4.2.1.12. */
    public static final String EXTENDED_KEY_USAGE = "1.3.6.1.5.5.7.3.4";

    private MessageSigning() {}

    public static boolean permits(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || !keyUsage[0]) {
            return false;
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
