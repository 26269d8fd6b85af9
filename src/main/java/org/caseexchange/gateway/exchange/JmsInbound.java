package org.caseexchange.gateway.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;

/**
 * Between the broker and the flow: reads a consumed JMS message into an {@link InboundMessage} without
 * trusting anything in it (the route has already removed every header but the allow-list), and writes a
 * {@link Disposition} as the message the route sends. Only bytes messages are read as bytes; nothing is
 * ever deserialised.
 */
public class JmsInbound {

    /** Exchange properties the routes set and read; none of them comes from the message. */
    public static final String PARTNER = "cxPartner";
    public static final String CHANNEL = "cxChannel";
    public static final String QUEUE = "cxQueue";
    public static final String INBOUND = "cxInbound";
    public static final String ORIGINAL_BODY = "cxOriginalBody";
    public static final String DESTINATION = "cxDestination";

    private final PartnerDirectory directory;
    private final long maxMessageSize;
    private final CrashPoints crashPoints;
    private final Clock clock;

    JmsInbound(PartnerDirectory directory, long maxMessageSize, CrashPoints crashPoints, Clock clock) {
        this.directory = directory;
        this.maxMessageSize = maxMessageSize;
        this.crashPoints = crashPoints;
        this.clock = clock;
    }

    public InboundMessage read(Exchange exchange) throws JMSException {
        ExchangeLogContext.clear();
        Partner partner = directory.find(exchange.getProperty(PARTNER, String.class))
                .orElseThrow(() -> new IllegalStateException("a route for a partner that is not configured"));
        InboundChannel channel = InboundChannel.valueOf(exchange.getProperty(CHANNEL, String.class));
        String queue = exchange.getProperty(QUEUE, String.class);
        Message jms = exchange.getMessage().getBody(Message.class);
        String brokerId = jms.getJMSMessageID();
        InboundMessage inbound;
        if (jms instanceof BytesMessage bytes) {
            long length = bytes.getBodyLength();
            byte[] body = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
            bytes.readBytes(body);
            exchange.setProperty(ORIGINAL_BODY, body);
            boolean tooLarge = length > maxMessageSize;
            inbound = new InboundMessage(partner, channel, queue, tooLarge ? null : body, Sha256.hex(body), tooLarge, brokerId, clock.instant());
        } else if (jms instanceof TextMessage text) {
            String content = text.getText() == null ? "" : text.getText();
            exchange.setProperty(ORIGINAL_BODY, content);
            inbound = new InboundMessage(partner, channel, queue, null, Sha256.hex(content.getBytes(StandardCharsets.UTF_8)), false, brokerId,
                    clock.instant());
        } else {
            // Map, object, stream or empty messages: never read (an object message would be deserialised).
            exchange.setProperty(ORIGINAL_BODY, new byte[0]);
            inbound = new InboundMessage(partner, channel, queue, null, Sha256.hex(String.valueOf(brokerId).getBytes(StandardCharsets.UTF_8)),
                    false, brokerId, clock.instant());
        }
        exchange.setProperty(INBOUND, inbound);
        return inbound;
    }

    /** Replaces the message with what the disposition sends, and names the queue it goes to. */
    public void write(Exchange exchange) {
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
        } else if (disposition instanceof Disposition.Quarantine quarantine) {
            out.setBody(exchange.getProperty(ORIGINAL_BODY));
            out.setHeader("cxReasonCode", quarantine.reason().name());
            exchange.setProperty(DESTINATION, quarantine.destination());
        }
    }

    public void sent(Exchange exchange) {
        crashPoints.reach(CrashPoints.AFTER_SEND);
        ExchangeLogContext.clear();
    }
}
