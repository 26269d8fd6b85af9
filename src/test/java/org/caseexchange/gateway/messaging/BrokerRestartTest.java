package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.DeliveryMode;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class BrokerRestartTest {

    @Test
    void keepsPersistedMessagesAcrossAGatewayRestart() throws Exception {
        // The same data directory for both runs: the second gateway must find what the first one stored.
        Map<String, Object> settings = Map.of("gateway.data-dir", EmbeddedGatewayTest.newDataDirectory());
        byte[] payload = "sealed bytes that must survive a restart".getBytes();

        try (ConfigurableApplicationContext first = start(settings)) {
            EmbeddedBrokerTransportsTest.send(openWire(first), "restart.kept", payload, DeliveryMode.PERSISTENT);
        }
        try (ConfigurableApplicationContext second = start(settings)) {
            assertThat(EmbeddedBrokerTransportsTest.receiveBytes(openWire(second), "restart.kept"))
                    .isEqualTo(payload);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        return EmbeddedGatewayTest.startGateway(settings);
    }

    private static ActiveMQConnectionFactory openWire(ConfigurableApplicationContext context) {
        return BrokerAddresses.openWire(context);
    }
}
