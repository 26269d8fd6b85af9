package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A partner configured to need a client certificate (gateway.broker.client-certificates) gets in only
 * over the broker's TLS transport, with its own certificate and its password. Two partners are
 * configured (the second-partner test profile), so the other partner's certificate passes TLS and
 * must still be refused for this partner's login.
 */
class BrokerClientCertificateTest {

    static final String USA = "USA-USCIS";
    static ConfigurableApplicationContext gateway;
    static BrokerService broker;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGatewayTest.startGateway(Map.of(
                "spring.profiles.active",
                "second-partner",
                "gateway.broker.ports.openwire-tls",
                0,
                "gateway.broker.client-certificates[0]",
                USA));
        broker = gateway.getBean(BrokerService.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void thePartnerWithItsOwnCertificateAndPasswordGetsInOverTls() throws Exception {
        try (Connection connection = overTls(
                        ExampleGateways.unitedStates(Clock.systemUTC())
                                .identity()
                                .tlsKeyManagers()
                                .orElseThrow(),
                        USA)
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue(USA + ".responses"))
                            .receive(100))
                    .isNull();
        }
    }

    @Test
    void itsPasswordAloneIsRefusedOnThePlainTransport() {
        ActiveMQConnectionFactory plain = BrokerAddresses.openWire(broker, USA, BrokerAddresses.partnerPassword(USA));

        assertThatThrownBy(() -> connect(plain)).isInstanceOf(JMSException.class);
    }

    @Test
    void itsPasswordOverTlsWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> connect(overTls(null, USA))).isInstanceOf(JMSException.class);
    }

    @Test
    void anotherPartnersCertificateDoesNotOpenThisPartnersLogin() throws Exception {
        KeyManager[] cbp = ExampleGateways.customsAndBorderProtection(Clock.systemUTC())
                .identity()
                .tlsKeyManagers()
                .orElseThrow();

        assertThatThrownBy(() -> connect(overTls(cbp, USA))).isInstanceOf(JMSException.class);
        // The same certificate with its own partner's login is fine: that partner needs no certificate,
        // and TLS accepted it, so the refusal above was for the name it presented.
        connect(overTls(cbp, "USA-CBP"));
    }

    private static void connect(ActiveMQConnectionFactory factory) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
        }
    }

    private static ActiveMQSslConnectionFactory overTls(KeyManager[] clientCertificate, String partner)
            throws Exception {
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(
                "ssl://localhost:" + BrokerAddresses.port(broker, "openwire-tls") + "?socket.verifyHostName=true");
        factory.setUserName(partner);
        factory.setPassword(BrokerAddresses.partnerPassword(partner));
        factory.setKeyAndTrustManagers(clientCertificate, gatewayAnchor(), new SecureRandom());
        return factory;
    }

    /** The partner trusts the Canadian gateway's root CA for the broker's TLS certificate. */
    private static TrustManager[] gatewayAnchor() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of("certs-example/CAN-IRCC/ca/root-ca.pem"))) {
            anchors.setCertificateEntry(
                    "can-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        return trust.getTrustManagers();
    }
}
