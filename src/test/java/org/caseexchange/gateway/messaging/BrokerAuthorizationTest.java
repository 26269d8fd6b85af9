package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.broker.BrokerService;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded broker as a partner meets it: a login of its own, and only its own queues, whichever
 * way it names a destination (docs/protocol.md section 4.1).
 */
class BrokerAuthorizationTest extends EmbeddedGatewayTest {

    static final String USA = "USA-USCIS";

    @Autowired
    BrokerService broker;

    Connection connection;
    Session session;

    @BeforeEach
    void logInAsThePartner() throws JMSException {
        connection = BrokerAddresses.openWire(broker, USA, BrokerAddresses.partnerPassword(USA))
                .createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void logOut() throws JMSException {
        connection.close();
    }

    void send(String destination) throws JMSException {
        session.createProducer(session.createQueue(destination)).send(session.createBytesMessage());
    }

    void consume(String destination) throws JMSException {
        session.createConsumer(session.createQueue(destination)).receiveNoWait();
    }

    @Test
    void aPartnerWritesToItsInboundQueuesAndReadsItsOutboundOnes() {
        assertThatCode(() -> send("USA-USCIS.disclosures")).doesNotThrowAnyException();
        assertThatCode(() -> consume("USA-USCIS.responses")).doesNotThrowAnyException();
        assertThatCode(() -> consume("USA-USCIS.queries")).doesNotThrowAnyException();
    }

    @Test
    void aPartnerCannotReadWhatItSendsNorWriteWhatTheGatewaySends() {
        assertThatThrownBy(() -> consume("USA-USCIS.requests"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
        assertThatThrownBy(() -> send("USA-USCIS.responses"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
    }

    @Test
    void aPartnerReachesNoOtherQueueNorAnyDeadLetterQueue() {
        assertThatThrownBy(() -> send("MEX-INM.requests"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
        assertThatThrownBy(() -> consume("MEX-INM.responses"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
        assertThatThrownBy(() -> consume("DLQ.USA-USCIS.requests"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
        assertThatThrownBy(() -> consume(">")).isInstanceOf(JMSException.class).hasMessageContaining("not authorized");
    }

    @Test
    void aCompositeDestinationIsRefusedIfAnyPartIsAnotherPartnersQueue() {
        assertThatThrownBy(() -> send("USA-USCIS.requests,MEX-INM.requests"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
        assertThatThrownBy(() -> consume("USA-USCIS.responses,MEX-INM.responses"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
    }

    @Test
    void aPartnerCannotCreateTemporaryDestinations() {
        assertThatThrownBy(() ->
                        session.createConsumer(session.createTemporaryQueue()).receiveNoWait())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("not authorized");
    }

    @Test
    void noLoginAndAWrongPasswordAreRefusedOnEveryTransport() {
        assertThatThrownBy(() -> BrokerAddresses.openWire(broker, null, null)
                        .createConnection()
                        .start())
                .isInstanceOf(JMSException.class);
        // The broker answers a wrong password with a security exception naming the reason code and closes the
        // transport; which of the two the client reports first is a race, so either means the login was refused.
        assertThatThrownBy(() -> BrokerAddresses.openWire(broker, USA, "not-the-password-at-all")
                        .createConnection()
                        .start())
                .isInstanceOf(JMSException.class)
                .hasMessageMatching("(?s).*(BROKER_LOGIN_FAILED|Disposed due to prior exception).*");
        assertThatCode(() -> {
                    try (Connection partner = BrokerAddresses.openWire(
                                    broker, USA, BrokerAddresses.partnerPassword(USA))
                            .createConnection()) {
                        partner.start();
                    }
                })
                .doesNotThrowAnyException();
        String amqp = "amqp://127.0.0.1:" + BrokerAddresses.port(broker, "amqp");
        assertThatThrownBy(() -> new JmsConnectionFactory(USA, "not-the-password-at-all", amqp)
                        .createConnection()
                        .start())
                .isInstanceOf(JMSException.class);
        assertThatCode(() -> {
                    try (Connection partner = new JmsConnectionFactory(USA, BrokerAddresses.partnerPassword(USA), amqp)
                            .createConnection()) {
                        partner.start();
                    }
                })
                .doesNotThrowAnyException();
    }
}
