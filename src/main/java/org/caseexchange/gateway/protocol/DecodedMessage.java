package org.caseexchange.gateway.protocol;

import org.caseexchange.gateway.protocol.xml.Header;
import org.caseexchange.gateway.protocol.xml.Message;

/**
 * A protocol message that passed every check of {@link ProtocolCodec#decode}: well-formed, within the
 * limits, of a version we speak and valid against the schema.
 */
public record DecodedMessage(MessageKind kind, Message message) {

    public Header header() {
        return message.getHeader();
    }

    /** The message as its kind's class; refuses a cast to another kind rather than misreading it. */
    public <T extends Message> T as(Class<T> type) {
        if (type != kind.type()) {
            throw new IllegalStateException("a " + kind.rootElement() + " is not a " + type.getSimpleName());
        }
        return type.cast(message);
    }
}
