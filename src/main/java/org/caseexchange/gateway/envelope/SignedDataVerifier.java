package org.caseexchange.gateway.envelope;

import java.security.Provider;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Re-verifies the SignedData kept as evidence of a message, years after it was received: the same
 * checks as when it was opened, but against the anchors and CRLs the gateway held at receipt and at
 * the time of receipt. Needs no key of ours; the offline verifier uses it.
 */
public final class SignedDataVerifier {

    /**
     * @param signerAgency the organizationIdentifier of the signer's certificate, or null
     * @param signingTime the signing-time attribute as the signer claimed it
     */
    public record Verified(byte[] payload, String signerFingerprint, String signerAgency, Instant signingTime) {}

    private final Provider provider = new BouncyCastleProvider();

    /** @throws EnvelopeException with the reason code the gateway would have refused it with */
    public Verified verify(byte[] signedData, List<X509Certificate> trustAnchors, List<X509CRL> crls, Instant at) {
        return EnvelopeOpener.verifyKept(signedData, trustAnchors, crls, at, provider);
    }
}
