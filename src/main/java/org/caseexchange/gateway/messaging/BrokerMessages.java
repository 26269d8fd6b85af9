package org.caseexchange.gateway.messaging;

import jakarta.jms.Message;
import org.apache.activemq.command.ActiveMQMessage;

/** What the gateway needs to know of an ActiveMQ message without reading its body. */
public final class BrokerMessages {

    private BrokerMessages() {}

    /**
     * The SHA-256 of a stored message's body, the bytes as the partner sent them; empty for a compressed
     * body (its digest would need it inflated) or a message without one.
     */
    static java.util.Optional<String> digest(org.apache.activemq.command.Message message) {
        org.apache.activemq.util.ByteSequence content = message.getContent();
        if (message.isCompressed() || content == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(org.caseexchange.gateway.trust.Sha256.hex(java.util.Arrays.copyOfRange(
                content.getData(), content.getOffset(), content.getOffset() + content.getLength())));
    }

    /** An OpenWire message sent with {@code useCompression}: reading its body would inflate it. */
    public static boolean isCompressed(Message message) {
        return message instanceof ActiveMQMessage activeMq && activeMq.isCompressed();
    }
}
