package org.caseexchange.gateway.exchange.inbound;

import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.protocol.InboundChannel;

/**
 * Decides what one channel's messages get, inside the exchange's transaction. Each handler is a bean;
 * the flow takes one per channel.
 */
public interface ChannelHandler {

    InboundChannel channel();

    /**
     * Decides, records the decision in the audit log, seals the answer, and returns the row to commit.
     * A {@code ProtocolException} means the message is refused with its code: an error reply, or on the
     * answers channel, where nothing that refers to nothing of ours is answered, a quarantine.
     */
    ExchangeRecord handle(Authenticated message);
}
