package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.util.Objects;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;

/**
 * A message as it came off a partner's queue, before anything about it is trusted.
 *
 * @param partner the partner whose queue it arrived on (its sender is not yet authenticated)
 * @param queue the queue's name
 * @param body the bytes; null when the broker message was not a bytes message, or was one over the size limit
 * @param bodyDigest SHA-256 of the body as it arrived (of its text when it was not bytes)
 * @param tooLarge a bytes message over the size limit: its bytes are not handed on
 * @param brokerMessageId the broker's id, to trace it in the broker (unauthenticated)
 * @param unreadable why the broker message's body was not read (compressed, or broken), or null
 */
public record InboundMessage(
        Partner partner,
        InboundChannel channel,
        String queue,
        byte[] body,
        String bodyDigest,
        boolean tooLarge,
        String brokerMessageId,
        Instant receivedAt,
        ReasonCode unreadable) {

    public InboundMessage {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(bodyDigest, "bodyDigest");
    }

    public boolean isBytes() {
        return body != null || tooLarge;
    }

    @Override
    public String toString() {
        return "InboundMessage[" + partner.agencyCode() + ", " + queue + ", "
                + (tooLarge ? "too large" : body == null ? "not bytes" : body.length + " bytes") + "]";
    }
}
