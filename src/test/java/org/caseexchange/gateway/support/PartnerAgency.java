package org.caseexchange.gateway.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.protocol.DecodedMessage;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;

/**
 * The United States EXAMPLE agency as the gateway's partner, in a test: its own keys, an OpenWire
 * client on loopback, and nothing of the gateway's but its certificates.
 */
public final class PartnerAgency implements AutoCloseable {

    public static final String REQUESTS = "USA-USCIS.requests";
    public static final String RESPONSES = "USA-USCIS.responses";
    public static final String DISCLOSURES = "USA-USCIS.disclosures";

    /** An answer as the partner reads it: the bytes off the queue, opened and verified, decoded. */
    public record Answer(byte[] sealed, Message jms, OpenedEnvelope opened, DecodedMessage decoded) {}

    public final ExampleGateways.Side side;
    public final ProtocolCodec codec;
    private final Connection connection;
    private final Session session;

    public PartnerAgency(BrokerService broker, ProtocolCodec codec) throws JMSException {
        this.side = ExampleGateways.unitedStates(Clock.systemUTC());
        this.codec = codec;
        ActiveMQConnectionFactory factory =
                BrokerAddresses.openWire(broker, "USA-USCIS", BrokerAddresses.partnerPassword("USA-USCIS"));
        this.connection = factory.createConnection();
        connection.start();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /**
     * The query the tests ask most: this agency asks CAN-IRCC, under Annex 1, for the identity of
     * {@code subject} for an admissibility assessment.
     */
    public static CaseQuery identityQuery(Subject subject) {
        return DemoQueries.query(
                "USA-USCIS",
                "CAN-IRCC",
                Instant.now(),
                "ANNEX-1-IDENTITY-CHECKS",
                WirePurpose.ADMISSIBILITY_ASSESSMENT,
                List.of(WireDataElement.IDENTITY),
                subject);
    }

    public byte[] seal(org.caseexchange.gateway.protocol.xml.Message message) {
        return side.envelope().seal(codec.encode(message), side.partner()).sealed();
    }

    public void send(String queue, byte[] sealed) throws JMSException {
        send(queue, sealed, null);
    }

    public void send(String queue, byte[] sealed, java.util.function.Consumer<Message> decorate) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(sealed);
        if (decorate != null) {
            decorate.accept(message);
        }
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message);
        }
        lastSentBrokerId = message.getJMSMessageID();
    }

    private String lastSentBrokerId;

    /** The broker's id of the last message sent, as the partner's client knows it after the send. */
    public String lastSentBrokerId() {
        return lastSentBrokerId;
    }

    public void sendText(String queue, String text) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(session.createTextMessage(text));
        }
    }

    /** The next answer on our responses queue that correlates with {@code messageId}. */
    public Answer answerTo(String messageId, Duration timeout) throws JMSException {
        return receive(RESPONSES, "JMSCorrelationID = '" + messageId + "'", timeout)
                .map(this::open)
                .orElseThrow(() -> new AssertionError("no answer to " + messageId + " within " + timeout));
    }

    public Optional<Message> receive(String queue, String selector, Duration timeout) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            return Optional.ofNullable(consumer.receive(timeout.toMillis()));
        }
    }

    public Answer open(Message message) {
        try {
            byte[] sealed = bytes(message);
            OpenedEnvelope opened = side.envelope().open(sealed, side.partner());
            return new Answer(sealed, message, opened, codec.decode(opened.payload()));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bytes message holding {@code body}: the form every partner message travels in. */
    public static BytesMessage bytesMessage(Session session, byte[] body) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        return message;
    }

    public static byte[] bytes(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        bytes.reset();
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
