package org.caseexchange.gateway.protocol;

import static org.caseexchange.gateway.protocol.ReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_DOCTYPE_FORBIDDEN;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_ENCODING;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_FORBIDDEN_CONSTRUCT;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_LIMIT_EXCEEDED;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_MALFORMED;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_SCHEMA_INVALID;

import java.io.StringReader;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.caseexchange.gateway.protocol.ProtocolProperties.Limits;

/**
 * One streaming pass over a document before anything binds it: the XML analogue of the envelope's
 * DER walk. It refuses what the protocol excludes (DTDs and so every entity, processing instructions,
 * xsi: attributes, XInclude, XML 1.1), enforces the structural limits, and reads the root element to
 * learn the message kind and version. The parser itself never resolves anything external and stops
 * at the attribute, depth and name limits before it builds an oversized element.
 */
final class XmlShape {

    private static final String PROTOCOL_NAMESPACE_PREFIX = "urn:caseexchange:protocol:";
    private static final String XINCLUDE_NAMESPACE = "http://www.w3.org/2001/XInclude";
    private static final Pattern MESSAGE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The JDK reports its processing limits with codes JAXP00010001 to JAXP00010008. */
    private static final String JDK_LIMIT_CODE = "JAXP0001";

    /** What the pass learned: the kind from the root element and, when readable, the message id. */
    record Root(MessageKind kind, String messageId) {}

    private final XMLInputFactory inputs;
    private final Limits limits;

    XmlShape(Limits limits) {
        this.limits = limits;
        this.inputs = hardenedInputFactory(limits);
    }

    /**
     * A StAX factory of the JDK's own implementation (not whatever the classpath offers), with DTDs,
     * external entities and external access off, and the JDK's limits set to ours.
     */
    private static XMLInputFactory hardenedInputFactory(Limits limits) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty("jdk.xml.elementAttributeLimit", String.valueOf(limits.maxAttributes()));
        factory.setProperty("jdk.xml.maxElementDepth", String.valueOf(limits.maxDepth()));
        factory.setProperty("jdk.xml.maxXMLNameLimit", String.valueOf(limits.maxNameLength()));
        return factory;
    }

    XMLInputFactory inputs() {
        return inputs;
    }

    Root check(String document) {
        Walk walk = new Walk();
        XMLStreamReader reader = null;
        try {
            reader = inputs.createXMLStreamReader(new StringReader(document));
            walk.declaration(reader);
            while (reader.hasNext()) {
                walk.event(reader, reader.next());
            }
            return new Root(walk.kind, walk.messageId);
        } catch (XMLStreamException notWellFormed) {
            throw walk.refusal(notWellFormed);
        } catch (ProtocolException refused) {
            throw refused.referring(walk.messageId);
        } finally {
            close(reader);
        }
    }

    /** The state of one pass; a new one per document. */
    private final class Walk {
        private int depth;
        private int textRun;
        private MessageKind kind;
        private boolean inHeader;
        private StringBuilder messageIdText;
        private String messageId;

        void declaration(XMLStreamReader reader) {
            String encoding = reader.getCharacterEncodingScheme();
            if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                throw new ProtocolException(XML_ENCODING, "the XML declaration names another encoding than UTF-8");
            }
            if (reader.getVersion() != null && !reader.getVersion().equals("1.0")) {
                throw new ProtocolException(
                        XML_FORBIDDEN_CONSTRUCT, "the XML declaration names another version than 1.0");
            }
        }

        void event(XMLStreamReader reader, int event) {
            switch (event) {
                case XMLStreamConstants.DTD,
                        XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                    throw new ProtocolException(XML_DOCTYPE_FORBIDDEN, "a document type declaration " + at(reader));
                // Without a DTD no entity is declared, and a reference to an undeclared one is not well-formed.
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new ProtocolException(XML_MALFORMED, "a reference to an undeclared entity " + at(reader));
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    throw new ProtocolException(XML_FORBIDDEN_CONSTRUCT, "a processing instruction " + at(reader));
                case XMLStreamConstants.START_ELEMENT -> startElement(reader);
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS,
                        XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE,
                        XMLStreamConstants.COMMENT -> {
                    textRun += reader.getTextLength();
                    if (textRun > limits.maxTextLength()) {
                        throw new ProtocolException(
                                XML_LIMIT_EXCEEDED,
                                "text longer than " + limits.maxTextLength() + " characters " + at(reader));
                    }
                    if (messageIdText != null && messageIdText.length() <= 64) {
                        messageIdText.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                default -> {
                    // START_DOCUMENT, END_DOCUMENT: nothing to check
                }
            }
        }

        private void startElement(XMLStreamReader reader) {
            depth++;
            textRun = 0;
            checkElement(reader);
            if (depth == 1) {
                kind = root(reader);
            } else if (depth == 2 && messageId == null && isProtocol(reader, "header")) {
                inHeader = true;
            } else if (depth == 3 && inHeader && isProtocol(reader, "messageId")) {
                messageIdText = new StringBuilder();
            }
        }

        private void endElement() {
            if (messageIdText != null && depth == 3) {
                String candidate = messageIdText.toString();
                messageId = MESSAGE_ID.matcher(candidate).matches() ? candidate : null;
                messageIdText = null;
            }
            if (depth == 2) {
                inHeader = false;
            }
            depth--;
            textRun = 0;
        }

        private void checkElement(XMLStreamReader reader) {
            if (XINCLUDE_NAMESPACE.equals(reader.getNamespaceURI())) {
                throw new ProtocolException(XML_FORBIDDEN_CONSTRUCT, "an XInclude element " + at(reader));
            }
            checkName(reader.getLocalName(), reader);
            if (reader.getAttributeCount() > limits.maxAttributes()
                    || reader.getNamespaceCount() > limits.maxAttributes()) {
                throw new ProtocolException(
                        XML_LIMIT_EXCEEDED, "more than " + limits.maxAttributes() + " attributes " + at(reader));
            }
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                if (reader.getNamespacePrefix(i) != null) {
                    checkName(reader.getNamespacePrefix(i), reader);
                }
                checkValue(reader.getNamespaceURI(i), reader);
            }
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(reader.getAttributeNamespace(i))) {
                    throw new ProtocolException(XML_FORBIDDEN_CONSTRUCT, "an xsi: attribute " + at(reader));
                }
                checkName(reader.getAttributeLocalName(i), reader);
                checkValue(reader.getAttributeValue(i), reader);
            }
        }

        private MessageKind root(XMLStreamReader reader) {
            String namespace = reader.getNamespaceURI();
            if (namespace != null
                    && namespace.startsWith(PROTOCOL_NAMESPACE_PREFIX)
                    && !namespace.equals(MessageKind.NAMESPACE)) {
                throw unsupportedVersion();
            }
            if (!MessageKind.NAMESPACE.equals(namespace)) {
                throw new ProtocolException(
                        XML_SCHEMA_INVALID, "the root element is not in namespace " + MessageKind.NAMESPACE);
            }
            String version = reader.getAttributeValue(null, "version");
            if (version != null && !version.equals(MessageKind.VERSION)) {
                throw unsupportedVersion();
            }
            return MessageKind.ofRootElement(reader.getLocalName())
                    .orElseThrow(() -> new ProtocolException(
                            XML_SCHEMA_INVALID, "the root element is not one of the protocol's messages"));
        }

        private ProtocolException unsupportedVersion() {
            return new ProtocolException(
                    UNSUPPORTED_PROTOCOL_VERSION,
                    "this gateway speaks version " + MessageKind.VERSION + " in namespace " + MessageKind.NAMESPACE);
        }

        private boolean isProtocol(XMLStreamReader reader, String localName) {
            return MessageKind.NAMESPACE.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
        }

        private void checkName(String name, XMLStreamReader reader) {
            if (name.length() > limits.maxNameLength()) {
                throw new ProtocolException(
                        XML_LIMIT_EXCEEDED,
                        "a name longer than " + limits.maxNameLength() + " characters " + at(reader));
            }
        }

        private void checkValue(String value, XMLStreamReader reader) {
            if (value != null && value.length() > limits.maxTextLength()) {
                throw new ProtocolException(
                        XML_LIMIT_EXCEEDED,
                        "an attribute longer than " + limits.maxTextLength() + " characters " + at(reader));
            }
        }

        /** The parser's message quotes the document, so only its position and the JDK's limit code are kept. */
        ProtocolException refusal(XMLStreamException notWellFormed) {
            String message = String.valueOf(notWellFormed.getMessage());
            String position = notWellFormed.getLocation() == null ? "" : " " + at(notWellFormed.getLocation());
            ProtocolException refusal = message.contains(JDK_LIMIT_CODE)
                    ? new ProtocolException(
                            XML_LIMIT_EXCEEDED,
                            "nesting depth, attribute count or name length over the limit" + position)
                    : new ProtocolException(XML_MALFORMED, "not well-formed" + position);
            return refusal.referring(messageId);
        }
    }

    private static String at(XMLStreamReader reader) {
        return at(reader.getLocation());
    }

    private static String at(Location location) {
        return "at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // a reader over a string holds nothing to release
            }
        }
    }
}
