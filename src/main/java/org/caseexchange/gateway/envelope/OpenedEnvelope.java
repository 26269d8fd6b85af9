package org.caseexchange.gateway.envelope;

import java.time.Instant;
import org.caseexchange.gateway.trust.Partner;

/**
 * A message that was decrypted with one of our keys and whose signature verified with a certificate
 * that chains to the sender's anchors, is unrevoked and valid now. The next layer must still check
 * that the payload names {@code sender} as its sender and us as its recipient.
 *
 * @param signerFingerprint SHA-256 fingerprint of the signer's certificate, lowercase hex
 * @param recipientKeyId SHA-256 fingerprint of our encryption certificate the message was addressed to
 * @param signingTime the signing-time attribute as the sender claimed it (not trusted for validity)
 * @param payload the signed content, exactly as signed
 * @param signedData the SignedData as decrypted: kept as evidence, it verifies with the partner's
 *     certificate years later without any key of ours
 */
public record OpenedEnvelope(
        Partner sender,
        String signerFingerprint,
        String recipientKeyId,
        Instant signingTime,
        byte[] payload,
        byte[] signedData) {

    public OpenedEnvelope {
        payload = payload.clone();
        signedData = signedData.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signedData() {
        return signedData.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenedEnvelope that
                && sender.equals(that.sender)
                && signerFingerprint.equals(that.signerFingerprint)
                && recipientKeyId.equals(that.recipientKeyId)
                && signingTime.equals(that.signingTime)
                && java.util.Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return signerFingerprint.hashCode() * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "OpenedEnvelope[" + sender.agencyCode() + ", signer=" + signerFingerprint + ", " + payload.length
                + " bytes]";
    }
}
