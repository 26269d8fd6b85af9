package org.caseexchange.gateway.envelope;

import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * A message refused by the envelope layer, or a message we could not seal. The message text is the
 * reason code and, at most, a fixed internal detail; it never holds message content or key material,
 * so it may be logged and audited as it is.
 */
public final class EnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;

    EnvelopeException(ReasonCode reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    EnvelopeException(ReasonCode reason, String detail) {
        super(reason.name() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
