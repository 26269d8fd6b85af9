package org.caseexchange.gateway.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.caseexchange.gateway.messaging.BrokerMessages;
import org.caseexchange.gateway.messaging.PartnerLinks;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;

/**
 * Between the broker and the flow: reads a consumed JMS message into an {@link InboundMessage} without
 * trusting anything in it (the route has already removed every header but the allow-list), and writes a
 * {@link Disposition} as the message the route sends. Only bytes messages are read as bytes; nothing is
 * ever deserialised.
 */
public class JmsMessages {

    /** Exchange properties the routes set and read; none of them comes from the message. */
    public static final String PARTNER = "cxPartner";

    public static final String CHANNEL = "cxChannel";
    public static final String QUEUE = "cxQueue";
    public static final String INBOUND = "cxInbound";
    public static final String ORIGINAL_BODY = "cxOriginalBody";
    public static final String DESTINATION = "cxDestination";
    /** The Camel component of the broker the destination is on (messaging.PartnerLinks). */
    public static final String BROKER = "cxBroker";

    private final PartnerDirectory directory;
    private final PartnerLinks links;
    private final long maxMessageSize;
    private final CrashPoints crashPoints;
    private final java.time.Duration deadLetterExpiry;
    private final Clock clock;

    JmsMessages(
            PartnerDirectory directory,
            PartnerLinks links,
            long maxMessageSize,
            CrashPoints crashPoints,
            java.time.Duration deadLetterExpiry,
            Clock clock) {
        this.directory = directory;
        this.links = links;
        this.maxMessageSize = maxMessageSize;
        this.crashPoints = crashPoints;
        this.deadLetterExpiry = deadLetterExpiry;
        this.clock = clock;
    }

    public InboundMessage read(Exchange exchange) throws JMSException {
        ExchangeLogContext.clear();
        Partner partner = directory
                .find(exchange.getProperty(PARTNER, String.class))
                .orElseThrow(() -> new IllegalStateException("a route for a partner that is not configured"));
        InboundChannel channel = InboundChannel.valueOf(exchange.getProperty(CHANNEL, String.class));
        String queue = exchange.getProperty(QUEUE, String.class);
        Message jms = exchange.getMessage().getBody(Message.class);
        String brokerId = jms.getJMSMessageID();
        InboundMessage inbound;
        if (BrokerMessages.isCompressed(jms)) {
            // Never inflated: its real size is unknown until then, and it may be a bomb.
            inbound = unreadable(exchange, partner, channel, queue, brokerId, ReasonCode.TRANSPORT_COMPRESSED);
        } else if (jms instanceof BytesMessage bytes) {
            long length;
            byte[] body;
            try {
                // Bounded by the broker's frame limit (the body is not compressed), so read whole: a message
                // over the size limit is quarantined as it arrived.
                length = bytes.getBodyLength();
                body = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
                bytes.readBytes(body);
            } catch (JMSException | RuntimeException e) {
                return keep(
                        exchange,
                        unreadable(exchange, partner, channel, queue, brokerId, ReasonCode.TRANSPORT_UNREADABLE));
            }
            exchange.setProperty(ORIGINAL_BODY, body);
            boolean tooLarge = length > maxMessageSize;
            inbound = new InboundMessage(
                    partner,
                    channel,
                    queue,
                    tooLarge ? null : body,
                    Sha256.hex(body),
                    tooLarge,
                    brokerId,
                    clock.instant(),
                    null);
        } else if (jms instanceof TextMessage text) {
            String content;
            try {
                content = text.getText() == null ? "" : text.getText();
            } catch (JMSException | RuntimeException e) {
                return keep(
                        exchange,
                        unreadable(exchange, partner, channel, queue, brokerId, ReasonCode.TRANSPORT_UNREADABLE));
            }
            exchange.setProperty(ORIGINAL_BODY, content);
            inbound = new InboundMessage(
                    partner,
                    channel,
                    queue,
                    null,
                    Sha256.hex(content.getBytes(StandardCharsets.UTF_8)),
                    false,
                    brokerId,
                    clock.instant(),
                    null);
        } else {
            // Map, object, stream or empty messages: never read (an object message would be deserialised).
            exchange.setProperty(ORIGINAL_BODY, new byte[0]);
            inbound = new InboundMessage(
                    partner,
                    channel,
                    queue,
                    null,
                    Sha256.hex(String.valueOf(brokerId).getBytes(StandardCharsets.UTF_8)),
                    false,
                    brokerId,
                    clock.instant(),
                    null);
        }
        return keep(exchange, inbound);
    }

    private static InboundMessage keep(Exchange exchange, InboundMessage inbound) {
        exchange.setProperty(INBOUND, inbound);
        return inbound;
    }

    /** A message whose body is not read: quarantined as an empty bytes message with the code, known by its broker id. */
    private InboundMessage unreadable(
            Exchange exchange,
            Partner partner,
            InboundChannel channel,
            String queue,
            String brokerId,
            ReasonCode reason) {
        exchange.setProperty(ORIGINAL_BODY, new byte[0]);
        return new InboundMessage(
                partner,
                channel,
                queue,
                null,
                Sha256.hex(String.valueOf(brokerId).getBytes(StandardCharsets.UTF_8)),
                false,
                brokerId,
                clock.instant(),
                reason);
    }

    /**
     * Composes what the disposition sends: the message's body and headers become the answer or the
     * quarantined copy, and the exchange names the broker and queue it goes to (nothing for a record).
     */
    public void compose(Exchange exchange) {
        Disposition disposition = exchange.getMessage().getBody(Disposition.class);
        org.apache.camel.Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader("cxExchangeId", disposition.exchangeId().toString());
        if (disposition instanceof Disposition.Send send) {
            out.setBody(send.sealed());
            out.setHeader("JMSType", send.kind().rootElement());
            out.setHeader("cxMessageId", send.messageId());
            if (send.correlationId() != null) {
                out.setHeader("JMSCorrelationID", send.correlationId());
            }
            exchange.setProperty(DESTINATION, send.destination());
            exchange.setProperty(BROKER, links.componentFor(exchange.getProperty(PARTNER, String.class)));
        } else if (disposition instanceof Disposition.Quarantine quarantine) {
            out.setBody(exchange.getProperty(ORIGINAL_BODY));
            out.setHeader("cxReasonCode", quarantine.reason().name());
            // A quarantined copy expires as the broker's own dead letters do
            // (gateway.broker.limits.dead-letter-expiry).
            out.setHeader("JMSExpiration", clock.millis() + deadLetterExpiry.toMillis());
            exchange.setProperty(DESTINATION, quarantine.destination());
            // On our own broker even for a partner reached over a remote link. The consume there commits
            // after this send: a crash in between quarantines the message twice, never not at all.
            exchange.setProperty(BROKER, links.quarantineComponent());
        } else {
            exchange.removeProperty(DESTINATION);
        }
    }

    public void sent(Exchange exchange) {
        crashPoints.reach(CrashPoints.AFTER_SEND);
        ExchangeLogContext.clear();
    }
}
