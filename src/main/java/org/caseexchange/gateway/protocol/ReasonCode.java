package org.caseexchange.gateway.protocol;

/**
 * Every reason the gateway gives for refusing or failing a message, as documented in
 * docs/protocol.md. The constant's name is its wire form: it is what an error reply, a quarantine
 * record, an audit entry and a log line carry. Descriptions are for the documentation and for
 * officers; they never contain message content.
 *
 * <p>Codes are stable: a code may be added, never renamed or given another meaning.
 */
public enum ReasonCode {

    // The envelope: CMS structure, algorithms, decryption and signature (docs/protocol.md, "Envelope").

    ENVELOPE_MALFORMED("The bytes are not a well-formed CMS ContentInfo of the profile."),
    ENVELOPE_TOO_LARGE("The message exceeds the maximum size before any parsing."),
    ENVELOPE_NOT_ENCRYPTED("The outer layer is not AuthEnvelopedData (for example signed only, or encrypted then signed)."),
    ENVELOPE_NOT_SIGNED("The decrypted content is not a CMS SignedData."),
    ENVELOPE_DETACHED_SIGNATURE("The SignedData does not encapsulate its content."),
    ENVELOPE_ALGORITHM_NOT_ALLOWED("An algorithm or parameter outside the partner's suite (for example PKCS#1 v1.5 key"
            + " transport, AES-CBC, a GCM tag under 16 bytes, SHA-1)."),
    ENVELOPE_RECIPIENT_COUNT("The envelope has other than exactly one recipient."),
    ENVELOPE_RECIPIENT_UNKNOWN("The envelope is not addressed to an encryption key of ours that is in use."),
    ENVELOPE_DECRYPTION_FAILED("The envelope could not be decrypted (key unwrap or authentication tag failed)."),
    ENVELOPE_SIGNER_COUNT("The SignedData has other than exactly one signer."),
    ENVELOPE_SIGNED_ATTRIBUTES_MISSING("A required signed attribute (content type, message digest, signing time) is absent."),
    ENVELOPE_SIGNATURE_INVALID("The signature does not verify over the content."),

    // The signer's certificate (docs/protocol.md, "Signer certificate").

    CERT_SIGNER_UNKNOWN("The signer's certificate is absent or names no agency we exchange with."),
    CERT_WRONG_PARTNER("The signer names another agency than the partner this message came from."),
    CERT_UNTRUSTED("The signer's certificate does not chain to the partner's trust anchors."),
    CERT_EXPIRED("The signer's certificate had expired when the message was received."),
    CERT_NOT_YET_VALID("The signer's certificate was not yet valid when the message was received."),
    CERT_REVOKED("The signer's certificate is revoked by the partner's CRL."),
    CERT_REVOCATION_STATUS_UNKNOWN("No current, correctly signed CRL covers the signer's certificate."),
    CERT_KEY_USAGE("The signer's certificate does not allow digitalSignature."),
    CERT_KEY_NOT_ALLOWED("The signer's key is outside the partner's suite (for example RSA under 3072 bits)."),

    // Our own failures, never a fault of the partner's message.

    ENVELOPE_SEAL_FAILED("The gateway could not seal a message (a fault of ours, recorded and retried).");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
