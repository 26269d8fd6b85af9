package org.caseexchange.gateway.protocol;

import static org.caseexchange.gateway.protocol.ReasonCode.FUTURE_MESSAGE;
import static org.caseexchange.gateway.protocol.ReasonCode.MESSAGE_KIND_NOT_ACCEPTED;
import static org.caseexchange.gateway.protocol.ReasonCode.RECIPIENT_MISMATCH;
import static org.caseexchange.gateway.protocol.ReasonCode.SENDER_MISMATCH;
import static org.caseexchange.gateway.protocol.ReasonCode.STALE_MESSAGE;

import java.time.Duration;
import java.time.Instant;
import org.caseexchange.gateway.protocol.ProtocolProperties.Freshness;
import org.caseexchange.gateway.protocol.xml.Header;

/**
 * The identity and freshness stage (docs/protocol.md section 4.5), in two steps because the duplicate
 * check, which needs the store, sits between them: first the signed header must name the partner
 * whose signature the envelope verified as its sender and us as its recipient, and the message kind
 * must belong on the channel it came in on; then, for a message not seen before, its creation time
 * and the envelope's signing time must be fresh. A resent message we already answered gets its stored answer however old it is.
 *
 * <p>Pure: the caller passes the time it recorded the message as received, so a redelivered message
 * is judged as it was the first time.
 */
public final class HeaderCheck {

    private final String ourAgency;
    private final Freshness freshness;

    public HeaderCheck(String ourAgency, Freshness freshness) {
        this.ourAgency = ourAgency;
        this.freshness = freshness;
    }

    public void checkIdentity(DecodedMessage message, InboundChannel channel, String authenticatedSender) {
        Header header = message.header();
        String id = header.getMessageId();
        if (!header.getSender().equals(authenticatedSender)) {
            throw new ProtocolException(
                    SENDER_MISMATCH, "the header's sender is not the agency that signed the message", id);
        }
        if (!header.getRecipient().equals(ourAgency)) {
            throw new ProtocolException(RECIPIENT_MISMATCH, "the header's recipient is not " + ourAgency, id);
        }
        if (!channel.accepted().contains(message.kind())) {
            throw new ProtocolException(
                    MESSAGE_KIND_NOT_ACCEPTED,
                    "a " + message.kind().rootElement() + " is not accepted on the "
                            + channel.name().toLowerCase() + " queue",
                    id);
        }
    }

    public void checkFreshness(DecodedMessage message, Instant receivedAt) {
        Header header = message.header();
        check("createdAt", header.getCreatedAt().toGregorianCalendar().toInstant(), receivedAt, header.getMessageId());
    }

    /**
     * As {@link #checkFreshness(DecodedMessage, Instant)}, and the envelope's signing time (the CMS
     * signing-time attribute, which the evidence records) must be inside the same window.
     */
    public void checkFreshness(DecodedMessage message, Instant signingTime, Instant receivedAt) {
        checkFreshness(message, receivedAt);
        check("the signing time", signingTime, receivedAt, message.header().getMessageId());
    }

    private void check(String what, Instant time, Instant receivedAt, String id) {
        if (time.isBefore(receivedAt.minus(freshness.maxAge()))) {
            throw new ProtocolException(
                    STALE_MESSAGE,
                    what + " is more than " + spoken(freshness.maxAge()) + " before the message was received",
                    id);
        }
        if (time.isAfter(receivedAt.plus(freshness.maxClockSkew()))) {
            throw new ProtocolException(
                    FUTURE_MESSAGE,
                    what + " is more than " + spoken(freshness.maxClockSkew()) + " after the message was received",
                    id);
        }
    }

    static String spoken(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return plural(duration.toHours(), "hour");
        }
        if (duration.toSeconds() % 60 == 0) {
            return plural(duration.toMinutes(), "minute");
        }
        return plural(duration.toSeconds(), "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
