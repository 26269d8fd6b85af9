package org.caseexchange.gateway.support;

import java.net.URI;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;

/** Where the embedded broker's transports actually listen (tests ask for free ports). */
public final class BrokerAddresses {

    private BrokerAddresses() {}

    /** A partner's OpenWire client to the broker, over TCP on loopback. */
    public static ActiveMQConnectionFactory openWire(BrokerService broker) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port(broker, "openwire"));
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
