package org.caseexchange.gateway.protocol;

import java.util.Optional;

/**
 * A message refused by the protocol layer: its XML, its header or its place in the exchange. The
 * detail is written for the partner's engineers and goes into the error reply as it is, so it names
 * schema rules, limits and positions, never values from the message, class names or stack traces.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The longest detail an error reply can carry (the schema's ShortText). */
    static final int MAX_DETAIL_LENGTH = 255;

    private final ReasonCode reason;
    private final String detail;
    private final String referencedMessageId;

    public ProtocolException(ReasonCode reason, String detail) {
        this(reason, detail, null);
    }

    public ProtocolException(ReasonCode reason, String detail, String referencedMessageId) {
        super(reason.name() + ": " + clamped(detail), null, false, false);
        this.reason = reason;
        this.detail = clamped(detail);
        this.referencedMessageId = referencedMessageId;
    }

    public ReasonCode reason() {
        return reason;
    }

    /** Safe to send to the partner and to log. */
    public String detail() {
        return detail;
    }

    /**
     * The refused message's own id, when it could be read before the refusal, so that the error reply
     * can refer to it.
     */
    public Optional<String> referencedMessageId() {
        return Optional.ofNullable(referencedMessageId);
    }

    /** Details are written by this package and short; the clamp keeps a careless one within the schema. */
    private static String clamped(String detail) {
        return detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH);
    }

    ProtocolException referring(String messageId) {
        return messageId == null ? this : new ProtocolException(reason, detail, messageId);
    }
}
