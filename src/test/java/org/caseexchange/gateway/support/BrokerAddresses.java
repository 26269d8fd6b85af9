package org.caseexchange.gateway.support;

import java.net.URI;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;

/** Where the embedded broker's transports actually listen (tests ask for free ports). */
public final class BrokerAddresses {

    private BrokerAddresses() {}

    /** An OpenWire client to the broker, over TCP on loopback, logged in as the gateway itself. */
    public static ActiveMQConnectionFactory openWire(org.springframework.context.ApplicationContext gateway) {
        org.caseexchange.gateway.messaging.BrokerCredentials login =
                gateway.getBean(org.caseexchange.gateway.messaging.BrokerCredentials.class);
        return openWire(gateway.getBean(BrokerService.class), login.user(), login.password());
    }

    public static ActiveMQConnectionFactory openWire(BrokerService broker, String user, String password) {
        return new ActiveMQConnectionFactory(user, password, "tcp://127.0.0.1:" + port(broker, "openwire"));
    }

    /**
     * What an operator sees on a queue no partner may read (a dead-letter queue, or one a message tried
     * to name): the first message there that matches {@code selector} (null for any), within the timeout.
     */
    public static java.util.Optional<jakarta.jms.Message> operatorReceives(
            org.springframework.context.ApplicationContext gateway,
            String queue,
            String selector,
            java.time.Duration timeout)
            throws jakarta.jms.JMSException {
        try (jakarta.jms.Connection connection = openWire(gateway).createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            try (jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
                jakarta.jms.Message message = consumer.receive(timeout.toMillis());
                if (message instanceof jakarta.jms.BytesMessage bytes) {
                    bytes.reset();
                }
                return java.util.Optional.ofNullable(message);
            }
        }
    }

    /** The EXAMPLE login of a partner agency to the gateway's broker. */
    public static String partnerPassword(String agencyCode) {
        try {
            return java.nio.file.Files.readString(
                            ExamplePki.SHIPPED.resolve(agencyCode).resolve("broker.password"))
                    .strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static int port(BrokerService broker, String transport) {
        try {
            URI uri = broker.getTransportConnectorByName(transport).getConnectUri();
            return uri.getPort();
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport + " is not listening", e);
        }
    }
}
