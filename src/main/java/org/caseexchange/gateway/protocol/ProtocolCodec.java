package org.caseexchange.gateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_ENCODING;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_OUTBOUND_INVALID;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_SCHEMA_INVALID;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventHandler;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.protocol.ProtocolProperties.Limits;
import org.caseexchange.gateway.protocol.xml.Message;
import org.caseexchange.gateway.protocol.xml.ObjectFactory;
import org.xml.sax.SAXException;

/**
 * The one way between the bytes of a signed payload and a protocol message.
 *
 * <p>{@link #decode} returns only a message that is strict UTF-8 without a byte-order mark, free of
 * DTDs, entities, processing instructions, xsi: attributes and XInclude, within the structural
 * limits, of protocol version 1.0, and valid against the schema loaded from the classpath. Nothing is
 * skipped silently: an element or attribute the schema does not define refuses the whole document.
 * Every refusal is a {@link ProtocolException} with the code of the first check that failed, in the
 * order of docs/protocol.md section 3.3; its detail names a position and a rule, never a value.
 *
 * <p>{@link #encode} writes only what {@link #decode} accepts: the marshaller validates against the
 * same schema, and the result gets decode's shape checks (encoding, size, depth, counts, root) before
 * it is returned, so the gateway never sends a message a partner would have to refuse.
 *
 * <p>Thread-safe; the schema and the JAXB context are built once.
 */
public final class ProtocolCodec {

    static final String SCHEMA_RESOURCE = "/schemas/case-exchange-1.xsd";
    private static final Pattern SCHEMA_RULE = Pattern.compile("^(cvc-[A-Za-z0-9.-]+):");

    private final XmlShape shape;
    private final Schema schema;
    private final JAXBContext context;

    public ProtocolCodec(Limits limits) {
        this.shape = new XmlShape(limits);
        this.schema = loadSchema();
        try {
            this.context = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new InvalidConfigurationException(
                    SCHEMA_RESOURCE, "the generated protocol model cannot be bound: " + e.getMessage(), e);
        }
    }

    public DecodedMessage decode(byte[] document) {
        String text = strictUtf8(document);
        XmlShape.Root root = shape.check(text);
        try {
            return new DecodedMessage(root.kind(), bind(text, root.kind()));
        } catch (ProtocolException refused) {
            throw refused.referring(root.messageId());
        }
    }

    public byte[] encode(Message message) {
        MessageKind kind = MessageKind.of(message);
        FirstProblem problem = new FirstProblem(XML_OUTBOUND_INVALID);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setSchema(schema);
            marshaller.setEventHandler(problem);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, UTF_8.name());
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.marshal(element(kind, message), out);
        } catch (JAXBException e) {
            throw problem.refusal("the message cannot be written");
        }
        byte[] encoded = out.toByteArray();
        // What we send must be what we would accept: the marshaller validated it against the schema
        // above, and the same shape checks as decode's (encoding, size, depth, counts, root) apply here.
        // Binding it back as well would only repeat the schema validation.
        XmlShape.Root root;
        try {
            root = shape.check(strictUtf8(encoded));
        } catch (ProtocolException refused) {
            throw new ProtocolException(XML_OUTBOUND_INVALID, refused.reason() + ": " + refused.detail());
        }
        if (root.kind() != kind) {
            throw new ProtocolException(XML_OUTBOUND_INVALID, "the root element is not its message kind's");
        }
        return encoded;
    }

    private Message bind(String text, MessageKind kind) {
        FirstProblem problem = new FirstProblem(XML_SCHEMA_INVALID);
        XMLStreamReader reader = null;
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            unmarshaller.setSchema(schema);
            unmarshaller.setEventHandler(problem);
            reader = shape.inputs().createXMLStreamReader(new StringReader(text));
            JAXBElement<? extends Message> bound = unmarshaller.unmarshal(reader, kind.type());
            if (bound.getValue() == null || bound.getValue().getClass() != kind.type()) {
                throw new ProtocolException(XML_SCHEMA_INVALID, "the root element does not bind to its message kind");
            }
            return bound.getValue();
        } catch (JAXBException | XMLStreamException e) {
            throw problem.refusal("not valid against the protocol schema");
        } finally {
            XmlShape.close(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static JAXBElement<Message> element(MessageKind kind, Message message) {
        return new JAXBElement<>(kind.qualifiedName(), (Class<Message>) kind.type(), message);
    }

    static String strictUtf8(byte[] document) {
        if (document.length >= 3
                && document[0] == (byte) 0xEF
                && document[1] == (byte) 0xBB
                && document[2] == (byte) 0xBF) {
            throw new ProtocolException(XML_ENCODING, "the document starts with a byte-order mark");
        }
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(document);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(XML_ENCODING, "invalid UTF-8 at byte " + bytes.position());
        }
    }

    /** From the classpath only; the factory may fetch nothing, and the schema imports nothing. */
    private static Schema loadSchema() {
        URL resource = ProtocolCodec.class.getResource(SCHEMA_RESOURCE);
        if (resource == null) {
            throw new InvalidConfigurationException(SCHEMA_RESOURCE, "the protocol schema is not on the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(resource);
        } catch (SAXException e) {
            throw new InvalidConfigurationException(
                    SCHEMA_RESOURCE, "the protocol schema does not load: " + e.getMessage(), e);
        }
    }

    /**
     * Stops at the first validation event of any severity and keeps what is safe to repeat: the
     * schema rule's name (cvc-maxLength-valid, cvc-complex-type.2.4.a ...) and the position. The
     * validator's own message quotes the offending value, which may be personal data.
     */
    private static final class FirstProblem implements ValidationEventHandler {
        private final ReasonCode reason;
        private String rule;
        private String position;

        FirstProblem(ReasonCode reason) {
            this.reason = reason;
        }

        @Override
        public boolean handleEvent(ValidationEvent event) {
            if (rule == null) {
                Matcher named = SCHEMA_RULE.matcher(String.valueOf(event.getMessage()));
                rule = named.find() ? named.group(1) : "";
                ValidationEventLocator locator = event.getLocator();
                position = locator == null || locator.getLineNumber() < 0
                        ? ""
                        : " at line " + locator.getLineNumber() + ", column " + locator.getColumnNumber();
            }
            return false;
        }

        ProtocolException refusal(String fallback) {
            String what = rule == null || rule.isEmpty() ? fallback : "schema rule " + rule;
            return new ProtocolException(reason, what + (position == null ? "" : position));
        }
    }
}
