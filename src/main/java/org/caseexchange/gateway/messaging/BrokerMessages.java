package org.caseexchange.gateway.messaging;

import jakarta.jms.Message;
import org.apache.activemq.command.ActiveMQMessage;

/** What the gateway needs to know of an ActiveMQ message without reading its body. */
public final class BrokerMessages {

    private BrokerMessages() {}

    /** An OpenWire message sent with {@code useCompression}: reading its body would inflate it. */
    public static boolean isCompressed(Message message) {
        return message instanceof ActiveMQMessage activeMq && activeMq.isCompressed();
    }
}
