package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A partner's view of the embedded broker: real clients over OpenWire, AMQP 1.0 and STOMP on loopback. */
class EmbeddedBrokerTransportsTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    org.springframework.context.ApplicationContext gateway;

    @Autowired
    org.caseexchange.gateway.messaging.BrokerCredentials login;

    @Test
    void acceptsOpenWireOverTcp() throws Exception {
        byte[] payload = randomBytes(4096);

        send(openWire(), "transports.openwire", payload, DeliveryMode.PERSISTENT);

        assertThat(sha256(receiveBytes(openWire(), "transports.openwire"))).isEqualTo(sha256(payload));
    }

    @Test
    void refusesAFrameOverTheLimitBeforeHoldingIt() throws Exception {
        byte[] payload = randomBytes(9 * 1024 * 1024); // gateway.broker.max-frame-size is 8 MB

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> send(openWire(), "transports.oversized", payload, DeliveryMode.PERSISTENT))
                .isInstanceOf(JMSException.class);

        try (Connection connection = openWire().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue("transports.oversized"))
                            .receive(500))
                    .isNull();
        }
    }

    @Test
    void acceptsAmqp10ClientsAndDeliversTheirBytesToJms() throws Exception {
        byte[] payload = randomBytes(4096);
        var amqp = new JmsConnectionFactory(
                login.user(), login.password(), "amqp://127.0.0.1:" + BrokerAddresses.port(broker, "amqp"));

        send(amqp, "transports.amqp", payload, DeliveryMode.PERSISTENT);

        assertThat(sha256(receiveBytes(openWire(), "transports.amqp"))).isEqualTo(sha256(payload));
    }

    @Test
    void acceptsStompClientsWithBinaryBodies() throws Exception {
        byte[] payload = randomBytes(1024);
        payload[17] = 0; // a NUL inside the body: content-length must carry it through

        try (Socket socket = new Socket("127.0.0.1", BrokerAddresses.port(broker, "stomp"))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(frame(
                    "CONNECT\naccept-version:1.2\nhost:gateway\nlogin:" + login.user() + "\npasscode:"
                            + login.password() + "\n\n",
                    new byte[0]));
            assertThat(readFrame(in)).startsWith("CONNECTED");
            out.write(frame(
                    "SEND\ndestination:/queue/transports.stomp\ncontent-type:application/octet-stream\n"
                            + "persistent:true\nreceipt:sent-1\ncontent-length:" + payload.length + "\n\n",
                    payload));
            assertThat(readFrame(in)).startsWith("RECEIPT").contains("receipt-id:sent-1");
            out.write(frame("DISCONNECT\n\n", new byte[0]));
        }

        assertThat(sha256(receiveBytes(openWire(), "transports.stomp"))).isEqualTo(sha256(payload));
    }

    @Test
    void deadLettersExpiredNonPersistentMessagesToTheQueuesOwnDlq() throws Exception {
        byte[] payload = randomBytes(64);
        long expires;
        try (Connection connection = openWire().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("transports.expiring"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setTimeToLive(50);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(payload);
            producer.send(message);
            expires = message.getJMSExpiration();
        }
        org.awaitility.Awaitility.await("the message's expiry")
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> System.currentTimeMillis() > expires);

        // Found expired when it would be dispatched: given to no one, and dead-lettered instead.
        assertThat(receiveBytes(openWire(), "transports.expiring", 1_000)).isNull();
        assertThat(sha256(receiveBytes(openWire(), "DLQ.transports.expiring"))).isEqualTo(sha256(payload));
    }

    @Test
    void deadLettersAMessageThatKeepsFailingToTheQueuesOwnDlq() throws Exception {
        byte[] payload = randomBytes(64);
        send(openWire(), "transports.poison", payload, DeliveryMode.PERSISTENT);
        ActiveMQConnectionFactory rollingBack = openWire();
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setInitialRedeliveryDelay(0);
        policy.setMaximumRedeliveries(2);
        rollingBack.setRedeliveryPolicy(policy);

        try (Connection connection = rollingBack.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("transports.poison"));
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(consumer.receive(5_000)).as("delivery %d", attempt).isNotNull();
                session.rollback();
            }
        }

        assertThat(receiveBytes(openWire(), "transports.poison", 1_000)).isNull();
        assertThat(sha256(receiveBytes(openWire(), "DLQ.transports.poison"))).isEqualTo(sha256(payload));
    }

    private ActiveMQConnectionFactory openWire() {
        return BrokerAddresses.openWire(gateway);
    }

    static void send(ConnectionFactory factory, String queue, byte[] payload, int deliveryMode) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(deliveryMode);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(payload);
            producer.send(message);
        }
    }

    static byte[] receiveBytes(ConnectionFactory factory, String queue) throws JMSException {
        return receiveBytes(factory, queue, 10_000);
    }

    static byte[] receiveBytes(ConnectionFactory factory, String queue, long timeoutMillis) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createConsumer(session.createQueue(queue)).receive(timeoutMillis);
            if (message == null) {
                return null;
            }
            assertThat(message).isInstanceOf(BytesMessage.class);
            return message.getBody(byte[].class);
        }
    }

    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return bytes == null
                ? null
                : java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(bytes));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] frame(String headers, byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(headers.getBytes(StandardCharsets.UTF_8));
        frame.write(body);
        frame.write(0);
        return frame.toByteArray();
    }

    private static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8).stripLeading();
    }
}
