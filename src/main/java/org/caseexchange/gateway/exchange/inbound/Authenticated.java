package org.caseexchange.gateway.exchange.inbound;

import java.util.UUID;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.exchange.InboundMessage;
import org.caseexchange.gateway.protocol.DecodedMessage;
import org.caseexchange.gateway.trust.Partner;

/**
 * An inbound message whose sender is authenticated, whose document is valid, whose header names that
 * sender and us, and which is fresh and seen for the first time: what a channel's handler decides on.
 * For a refused message, {@code decoded} is null when the document could not be read.
 */
public record Authenticated(
        UUID exchangeId, InboundMessage message, OpenedEnvelope opened, String payloadDigest, DecodedMessage decoded) {

    public Partner partner() {
        return message.partner();
    }

    public String messageId() {
        return decoded.header().getMessageId();
    }

    @Override
    public String toString() {
        return "Authenticated[" + exchangeId + ", "
                + (decoded == null ? "unread" : decoded.kind().rootElement()) + "]";
    }
}
