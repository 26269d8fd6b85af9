package org.caseexchange.gateway.envelope;

import org.caseexchange.gateway.trust.Partner;

/**
 * The secure envelope of every message exchanged with a partner: CMS SignedData (content
 * encapsulated) inside AuthEnvelopedData with AES-256-GCM, with the algorithms of the partner's suite
 * (docs/protocol.md, "Envelope"). Callers hand in a payload and a partner; keys, certificates and
 * algorithm names stay behind this interface.
 *
 * <p>Every refusal is an {@link EnvelopeException} carrying a reason code; nothing of a refused
 * message is returned, logged or parsed further.
 */
public interface SecureEnvelope {

    /** Signs the payload with our key for the partner's suite and encrypts it to the partner's current encryption certificate. */
    SealedMessage seal(byte[] payload, Partner recipient);

    /**
     * Opens a message that must have been signed by {@code expectedSender} (the partner whose queue it
     * arrived on). Returns only after the decryption to one of our keys, the signature, the signer's
     * certificate path to that partner's trust anchors with its CRLs, and the signer's agency code have
     * been verified; there is no way to open a message without naming the partner it must come from.
     */
    OpenedEnvelope open(byte[] sealed, Partner expectedSender);
}
