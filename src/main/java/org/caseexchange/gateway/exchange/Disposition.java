package org.caseexchange.gateway.exchange;

import java.util.UUID;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * What becomes of an inbound message once its database transaction has committed: the route carries
 * it out in the consume's JMS transaction, so the send and the acknowledgement commit together.
 */
public sealed interface Disposition {

    UUID exchangeId();

    /**
     * Send a sealed message to one of the partner's configured queues.
     *
     * @param correlationId the messageId of what it answers, or null
     */
    record Send(
            UUID exchangeId,
            String destination,
            byte[] sealed,
            MessageKind kind,
            String messageId,
            String correlationId)
            implements Disposition {

        @Override
        public String toString() {
            return "Send[" + exchangeId + ", " + kind.rootElement() + " to " + destination + "]";
        }
    }

    /**
     * Nothing to send: the message is recorded and its consume commits. What answers something of ours
     * (an errorReply, a receipt) is never answered, so no two gateways can start a loop.
     */
    record Keep(UUID exchangeId) implements Disposition {}

    /** Move the message as it arrived to a dead-letter queue, marked with the reason. */
    record Quarantine(UUID exchangeId, String destination, ReasonCode reason) implements Disposition {}
}
