package org.caseexchange.gateway.protocol;

/**
 * Every reason the gateway gives for refusing or failing a message, as documented in
 * docs/protocol.md section 2. The constant's name is its wire form: it is what an error reply, a
 * quarantine record, an audit entry and a log line carry. Descriptions are for the documentation and
 * for officers; they never contain message content.
 *
 * <p>Constants are declared in the order of the stages that raise them. Codes are stable: a code may
 * be added, never renamed or given another meaning.
 */
public enum ReasonCode {
    BROKER_LOGIN_FAILED(
            Stage.BROKER,
            "A login to the broker failed: an unknown user, a wrong password, or a missing or wrong"
                    + " client certificate."),
    BROKER_LOGIN_THROTTLED(
            Stage.BROKER,
            "Too many logins failed for this user or from this address: logins are refused until"
                    + " the back-off ends."),
    BROKER_CONNECTION_LIMIT(Stage.BROKER, "The partner already holds as many connections to this transport as it may."),
    TRANSPORT_COMPRESSED(
            Stage.BROKER,
            "The message body is compressed (OpenWire useCompression): it is refused before anything"
                    + " inflates it."),
    DEAD_LETTER_EXPIRED(
            Stage.BROKER,
            Reply.DISCARDED,
            "A message lay in a dead-letter queue longer than"
                    + " gateway.broker.limits.dead-letter-expiry and was discarded; its digest stays in the audit log."),

    TRANSPORT_NOT_BYTES(
            Stage.SIZE_AND_TYPE,
            "The broker message is not a bytes message (a JMS BytesMessage, an AMQP data"
                    + " section, a STOMP frame with a content-length header)."),
    ENVELOPE_TOO_LARGE(Stage.SIZE_AND_TYPE, "The message exceeds the maximum size before any parsing."),
    TRANSPORT_UNREADABLE(
            Stage.SIZE_AND_TYPE,
            "The broker message's body cannot be read (a compressed body that arrived"
                    + " through another broker, or a broken one)."),

    ENVELOPE_MALFORMED(Stage.ENVELOPE, "The bytes are not a well-formed CMS ContentInfo of the profile."),
    ENVELOPE_NOT_ENCRYPTED(
            Stage.ENVELOPE,
            "The outer layer is not AuthEnvelopedData (for example signed only, or encrypted" + " then signed)."),
    ENVELOPE_NOT_SIGNED(Stage.ENVELOPE, "The decrypted content is not a CMS SignedData."),
    ENVELOPE_DETACHED_SIGNATURE(Stage.ENVELOPE, "The SignedData does not encapsulate its content."),
    ENVELOPE_ALGORITHM_NOT_ALLOWED(
            Stage.ENVELOPE,
            "An algorithm or parameter outside the partner's suite (for example"
                    + " PKCS#1 v1.5 key transport, AES-CBC, a GCM tag under 16 bytes, SHA-1)."),
    ENVELOPE_RECIPIENT_COUNT(Stage.ENVELOPE, "The envelope has other than exactly one recipient."),
    ENVELOPE_RECIPIENT_UNKNOWN(
            Stage.ENVELOPE, "The envelope is not addressed to an encryption key of ours that is in use."),
    ENVELOPE_DECRYPTION_FAILED(
            Stage.ENVELOPE, "The envelope could not be decrypted (key unwrap or authentication tag failed)."),
    ENVELOPE_SIGNER_COUNT(Stage.ENVELOPE, "The SignedData has other than exactly one signer."),
    ENVELOPE_SIGNED_ATTRIBUTES_MISSING(
            Stage.ENVELOPE, "A required signed attribute (content type, message digest, signing" + " time) is absent."),
    ENVELOPE_SIGNATURE_INVALID(Stage.ENVELOPE, "The signature does not verify over the content."),

    CERT_SIGNER_UNKNOWN(Stage.CERTIFICATE, "The signer's certificate is absent or names no agency we exchange with."),
    CERT_WRONG_PARTNER(Stage.CERTIFICATE, "The signer names another agency than the partner this message came from."),
    CERT_UNTRUSTED(Stage.CERTIFICATE, "The signer's certificate does not chain to the partner's trust anchors."),
    CERT_EXPIRED(Stage.CERTIFICATE, "The signer's certificate had expired when the message was received."),
    CERT_NOT_YET_VALID(Stage.CERTIFICATE, "The signer's certificate was not yet valid when the message was received."),
    CERT_REVOKED(Stage.CERTIFICATE, "The signer's certificate is revoked by the partner's CRL."),
    CERT_REVOCATION_STATUS_UNKNOWN(
            Stage.CERTIFICATE, "No current, correctly signed CRL covers the signer's certificate."),
    CERT_KEY_USAGE(
            Stage.CERTIFICATE,
            "The signer's certificate is not one for signing messages (digitalSignature and the emailProtection"
                    + " extended key usage)."),
    CERT_KEY_NOT_ALLOWED(
            Stage.CERTIFICATE, "The signer's key is outside the partner's suite (for example RSA under 3072 bits)."),

    XML_ENCODING(
            Stage.XML,
            "The document is not UTF-8 without a byte-order mark (invalid bytes, a BOM, or another declared"
                    + " encoding)."),
    XML_MALFORMED(Stage.XML, "The document is not well-formed XML."),
    XML_DOCTYPE_FORBIDDEN(
            Stage.XML, "The document has a document type declaration; DTDs and entities are never processed."),
    XML_FORBIDDEN_CONSTRUCT(
            Stage.XML,
            "The document uses a construct the protocol excludes: a processing instruction, an"
                    + " xsi: attribute (type, nil, schemaLocation) or XInclude."),
    XML_LIMIT_EXCEEDED(
            Stage.XML,
            "The document exceeds a structural limit: nesting depth, attributes per element, text"
                    + " length or name length."),
    UNSUPPORTED_PROTOCOL_VERSION(Stage.XML, "The root element names a protocol version this gateway does not speak."),
    XML_SCHEMA_INVALID(
            Stage.XML,
            "The document is not valid against the protocol schema (unknown or missing element, wrong"
                    + " value, over-length text, wrong namespace)."),

    SENDER_MISMATCH(
            Stage.IDENTITY_AND_FRESHNESS,
            "The header's sender is not the agency whose signature the envelope verified."),
    RECIPIENT_MISMATCH(Stage.IDENTITY_AND_FRESHNESS, "The header's recipient is not this gateway's agency."),
    MESSAGE_KIND_NOT_ACCEPTED(
            Stage.IDENTITY_AND_FRESHNESS,
            "This kind of message is not accepted on the destination it" + " arrived on."),
    STALE_MESSAGE(Stage.IDENTITY_AND_FRESHNESS, "The header's creation time is older than the freshness window."),
    FUTURE_MESSAGE(Stage.IDENTITY_AND_FRESHNESS, "The header's creation time is later than the allowed clock skew."),
    DUPLICATE_ID_CONFLICT(
            Stage.IDENTITY_AND_FRESHNESS,
            "This partner already sent a message with this id and different" + " content."),

    ANNEX_UNKNOWN(Stage.BUSINESS_RULES, "The legal basis names no annex agreed with this partner."),
    ANNEX_NOT_IN_FORCE(Stage.BUSINESS_RULES, "The annex is not yet in force or has expired."),
    ANNEX_SUSPENDED(Stage.BUSINESS_RULES, "The annex is suspended."),
    PURPOSE_NOT_PERMITTED(Stage.BUSINESS_RULES, "The annex does not permit the stated purpose."),
    JUSTIFICATION_REQUIRED(
            Stage.BUSINESS_RULES,
            "The legal basis allows manual exchanges only, and the query gives no" + " justification."),
    QUOTA_EXCEEDED(Stage.BUSINESS_RULES, "The annex's daily or yearly volume for this partner is used up."),
    REFUSED_BY_DOMESTIC_LAW(
            Stage.BUSINESS_RULES,
            "A rule of domestic law forbids the disclosure; the rule is recorded for" + " oversight."),
    NO_RELEASABLE_RECORD(Stage.BUSINESS_RULES, "There is no record that may be released in answer to this query."),
    DISCLOSURE_NOT_PERMITTED(
            Stage.BUSINESS_RULES,
            Reply.ERROR_REPLY,
            "The legal basis does not permit proactive disclosure" + " to this gateway."),

    RESPONSE_UNSOLICITED(Stage.RESPONSES, "The answer refers to no query we sent to this partner."),
    RESPONSE_DIGEST_MISMATCH(
            Stage.RESPONSES, "The answer's query digest is not the SHA-256 of our query as we sent it."),
    RESPONSE_SUPERSEDES_UNKNOWN(
            Stage.RESPONSES, "The final response supersedes no PENDING_REVIEW answer to the same query."),
    RECEIPT_UNKNOWN_MESSAGE(Stage.RESPONSES, "The receipt acknowledges no message we sent to this partner."),
    RECEIPT_DIGEST_MISMATCH(
            Stage.RESPONSES, "The receipt's digest is not the SHA-256 of the acknowledged message as we sent it."),

    ENVELOPE_SEAL_FAILED(
            Stage.GATEWAY, "The gateway could not seal a message (a fault of ours, recorded and retried)."),
    XML_OUTBOUND_INVALID(
            Stage.GATEWAY,
            "A message the gateway built is not valid against the schema (a fault of ours;" + " nothing is sent)."),
    DELIVERY_ATTEMPTS_EXHAUSTED(
            Stage.GATEWAY,
            Reply.DEAD_LETTER,
            "The broker's redeliveries of a message the gateway could" + " not process are used up."),
    REFUSED_EVIDENCE_NOT_KEPT(
            Stage.GATEWAY,
            Reply.RECORDED,
            "A refused message past its partner's daily bound of refused evidence"
                    + " (gateway.exchange.refused-evidence-per-day): recorded by its digests, its bytes not kept.");

    /** Where in the processing of an inbound message a code is raised, in processing order. */
    public enum Stage {
        BROKER("Broker", Reply.BROKER),
        SIZE_AND_TYPE("Size and type", Reply.QUARANTINE),
        ENVELOPE("Envelope", Reply.QUARANTINE),
        CERTIFICATE("Signer certificate", Reply.QUARANTINE),
        XML("XML document", Reply.ERROR_REPLY),
        IDENTITY_AND_FRESHNESS("Identity and freshness", Reply.ERROR_REPLY),
        BUSINESS_RULES("Business rules", Reply.REFUSAL),
        RESPONSES("Answers and receipts", Reply.ERROR_REPLY),
        GATEWAY("Gateway faults", Reply.RETRY);

        private final String title;
        private final Reply usualReply;

        Stage(String title, Reply usualReply) {
            this.title = title;
            this.usualReply = usualReply;
        }

        public String title() {
            return title;
        }
    }

    /**
     * What the partner gets back. Nothing is ever sent before the sender is authenticated, so the
     * gateway is neither an oracle nor a reflector; an {@code errorReply} is itself never answered.
     */
    public enum Reply {
        QUARANTINE("none: quarantined with the code"),
        ERROR_REPLY("signed `errorReply`"),
        REFUSAL("signed `caseResponse`, decision REFUSE"),
        RETRY("none: rolled back and retried"),
        BROKER("none: the broker refuses the login, the connection or the send"),
        DISCARDED("none: discarded by the broker"),
        DEAD_LETTER("none: dead-lettered with the code"),
        RECORDED("none of its own: the partner gets the refusal's reply; the code is in the audit log");

        private final String documented;

        Reply(String documented) {
            this.documented = documented;
        }

        public String documented() {
            return documented;
        }
    }

    private final Stage stage;
    private final Reply reply;
    private final String description;

    ReasonCode(Stage stage, String description) {
        this(stage, stage.usualReply, description);
    }

    ReasonCode(Stage stage, Reply reply, String description) {
        this.stage = stage;
        this.reply = reply;
        this.description = description;
    }

    public Stage stage() {
        return stage;
    }

    public Reply reply() {
        return reply;
    }

    /** Whether the partner gets a signed message back carrying this code. */
    public boolean isAnswered() {
        return reply == Reply.ERROR_REPLY || reply == Reply.REFUSAL;
    }

    public String description() {
        return description;
    }
}
