package org.caseexchange.gateway.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties.Destinations;

/**
 * A partner agency as loaded and checked at start-up. Holds only public material: anchors, CRLs and
 * certificates.
 *
 * @param signingCertificates every certificate the partner may sign with (several during a rotation)
 * @param encryptionCertificates the first is the one we seal to; the rest are kept for the rotation
 */
public record Partner(
        String agencyCode,
        String country,
        AlgorithmSuite suite,
        List<X509Certificate> trustAnchors,
        List<X509CRL> crls,
        List<X509Certificate> signingCertificates,
        List<X509Certificate> encryptionCertificates,
        Destinations destinations,
        Set<String> annexes) {

    public Partner {
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        signingCertificates = List.copyOf(signingCertificates);
        encryptionCertificates = List.copyOf(encryptionCertificates);
        annexes = Set.copyOf(annexes);
    }

    public X509Certificate currentEncryptionCertificate() {
        return encryptionCertificates.get(0);
    }

    /**
     * The annex is one the partner is configured with. Whether it is in force today is the annex's to
     * say ({@code rules.Annex}, its dates).
     */
    public boolean isConfiguredWith(String annexId) {
        return annexes.contains(annexId);
    }

    @Override
    public String toString() {
        return "Partner[" + agencyCode + ", " + suite + "]";
    }
}
