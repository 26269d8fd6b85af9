package org.caseexchange.gateway.support;

import java.net.URI;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;

/** Where the embedded broker's transports actually listen (tests ask for free ports). */
public final class BrokerAddresses {

    private BrokerAddresses() {}

    /** An OpenWire client to the broker, over TCP on loopback, logged in as the gateway itself. */
    public static ActiveMQConnectionFactory openWire(org.springframework.context.ApplicationContext gateway) {
        org.caseexchange.gateway.messaging.BrokerCredentials login = gateway.getBean(org.caseexchange.gateway.messaging.BrokerCredentials.class);
        return openWire(gateway.getBean(BrokerService.class), login.user(), login.password());
    }

    public static ActiveMQConnectionFactory openWire(BrokerService broker, String user, String password) {
        return new ActiveMQConnectionFactory(user, password, "tcp://127.0.0.1:" + port(broker, "openwire"));
    }

    /** The EXAMPLE login of a partner agency to the gateway's broker. */
    public static String partnerPassword(String agencyCode) {
        try {
            return java.nio.file.Files.readString(ExamplePki.SHIPPED.resolve(agencyCode).resolve("broker.password")).strip();
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
