package org.caseexchange.gateway.protocol;

import java.util.Arrays;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Message;
import org.caseexchange.gateway.protocol.xml.ProactiveDisclosure;
import org.caseexchange.gateway.protocol.xml.Receipt;

/** The six messages of the protocol, each named by its root element (docs/protocol.md section 3). */
public enum MessageKind {
    CASE_QUERY("caseQuery", CaseQuery.class),
    CASE_RESPONSE("caseResponse", CaseResponse.class),
    FINAL_RESPONSE("finalResponse", FinalResponse.class),
    PROACTIVE_DISCLOSURE("proactiveDisclosure", ProactiveDisclosure.class),
    RECEIPT("receipt", Receipt.class),
    ERROR_REPLY("errorReply", ErrorReply.class);

    /** The namespace of protocol version 1; another major version has another namespace. */
    public static final String NAMESPACE = "urn:caseexchange:protocol:1";

    /** The only minor version this gateway speaks and writes. */
    public static final String VERSION = "1.0";

    private final String rootElement;
    private final Class<? extends Message> type;

    MessageKind(String rootElement, Class<? extends Message> type) {
        this.rootElement = rootElement;
        this.type = type;
    }

    /** The root element's local name, also the value of the JMS type property on the wire. */
    public String rootElement() {
        return rootElement;
    }

    public Class<? extends Message> type() {
        return type;
    }

    QName qualifiedName() {
        return new QName(NAMESPACE, rootElement);
    }

    public static Optional<MessageKind> ofRootElement(String localName) {
        return Arrays.stream(values())
                .filter(kind -> kind.rootElement.equals(localName))
                .findFirst();
    }

    /** By exact class: a {@link FinalResponse} is a final response although it extends {@link CaseResponse}. */
    public static MessageKind of(Message message) {
        return Arrays.stream(values())
                .filter(kind -> kind.type == message.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "not a protocol message: " + message.getClass().getSimpleName()));
    }
}
