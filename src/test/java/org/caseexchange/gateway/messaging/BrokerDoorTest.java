package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.awaitility.Awaitility;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * What one partner may do to the embedded broker, and what it meets at each limit: the gateway as
 * shipped with two partners, its limits made small enough to reach in a test.
 */
@ActiveProfiles("second-partner")
@TestPropertySource(
        properties = {
            "gateway.broker.limits.connections-per-partner=3",
            "gateway.broker.limits.login-timeout=2s",
            "gateway.broker.limits.stomp-heart-beat=1s",
            "gateway.broker.limits.dead-letter-expiry=3s",
            "gateway.broker.limits.failed-logins=3"
        })
class BrokerDoorTest extends EmbeddedGatewayTest {

    static final String USA = "USA-USCIS";
    static final String CBP = "USA-CBP";

    @Autowired
    BrokerService broker;

    @Autowired
    JdbcTemplate jdbc;

    Connection login(String partner) throws JMSException {
        Connection connection = BrokerAddresses.openWire(broker, partner, BrokerAddresses.partnerPassword(partner))
                .createConnection();
        connection.start();
        return connection;
    }

    long entries(String event, String reason) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE event = ? AND reason_code = ?", Long.class, event, reason);
    }

    @Test
    void aPartnerReadsNoAdvisoryAboutOtherPartners() throws JMSException {
        try (Connection usa = login(USA)) {
            Session session = usa.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String advisory : List.of(
                    "ActiveMQ.Advisory.Connection",
                    "ActiveMQ.Advisory.Producer.Queue.USA-CBP.requests",
                    "ActiveMQ.Advisory.Consumer.Queue.USA-CBP.responses",
                    "ActiveMQ.Advisory.Queue")) {
                assertThatThrownBy(() -> session.createConsumer(session.createTopic(advisory))
                                .receiveNoWait())
                        .as(advisory)
                        .isInstanceOf(JMSException.class)
                        .hasMessageContaining("not authorized");
            }
        }
    }

    @Test
    void aCompressedBodyIsRefusedAtTheDoorBeforeAnythingInflatesIt() throws Exception {
        long before = entries("BROKER_REFUSED", "TRANSPORT_COMPRESSED");
        ActiveMQConnectionFactory compressing =
                BrokerAddresses.openWire(broker, USA, BrokerAddresses.partnerPassword(USA));
        compressing.setUseCompression(true);
        try (Connection usa = compressing.createConnection()) {
            usa.start();
            Session session = usa.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage bomb = session.createBytesMessage();
            bomb.writeBytes(new byte[5 * 1024 * 1024]);
            try (MessageProducer producer = session.createProducer(session.createQueue("USA-USCIS.requests"))) {
                assertThatThrownBy(() -> producer.send(bomb))
                        .isInstanceOf(JMSException.class)
                        .hasMessageContaining("TRANSPORT_COMPRESSED");
            }
        }
        assertThat(entries("BROKER_REFUSED", "TRANSPORT_COMPRESSED")).isEqualTo(before + 1);
        assertThat(broker.getDestination(new org.apache.activemq.command.ActiveMQQueue("USA-USCIS.requests"))
                        .getDestinationStatistics()
                        .getMessages()
                        .getCount())
                .isZero();
    }

    @Test
    void aPartnerHoldsNoMoreConnectionsThanItsShareAndTheOtherPartnerStillGetsIn() throws JMSException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(login(USA));
            }
            assertThatThrownBy(() -> login(USA))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("BROKER_CONNECTION_LIMIT");
            assertThatCode(() -> login(CBP).close()).doesNotThrowAnyException();
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        // Closing gives the connections back.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatCode(() -> login(USA).close()).doesNotThrowAnyException());
        assertThat(entries("BROKER_REFUSED", "BROKER_CONNECTION_LIMIT")).isPositive();
    }

    @Test
    void wrongPasswordsAreAuditedAndRepeatedOnesAreRefusedWithoutLockingOutOthersAtTheSameAddress()
            throws JMSException {
        long before = entries("BROKER_REFUSED", "BROKER_LOGIN_FAILED");
        String guessed = "XXX-GUESSED";
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> BrokerAddresses.openWire(broker, guessed, "guess-" + System.nanoTime())
                            .createConnection()
                            .start())
                    .isInstanceOf(JMSException.class);
        }
        assertThatThrownBy(() -> BrokerAddresses.openWire(broker, guessed, "another-guess")
                        .createConnection()
                        .start())
                .isInstanceOf(JMSException.class)
                .hasMessageMatching("(?s).*(BROKER_LOGIN_THROTTLED|Disposed due to prior exception).*");

        assertThat(entries("BROKER_REFUSED", "BROKER_LOGIN_FAILED")).isEqualTo(before + 3);
        assertThat(entries("BROKER_REFUSED", "BROKER_LOGIN_THROTTLED")).isPositive();
        assertThat(jdbc.queryForList(
                        "SELECT actor FROM audit_entry WHERE event = 'BROKER_REFUSED' AND reason_code = 'BROKER_LOGIN_FAILED'",
                        String.class))
                .allSatisfy(actor -> assertThat(actor).isEqualTo("address:127.0.0.1"));
        // A partner at the same address logs in as ever.
        assertThatCode(() -> login(CBP).close()).doesNotThrowAnyException();
    }

    @Test
    void aSocketThatNeverLogsInIsClosedAfterTheLoginTimeout() throws Exception {
        for (String transport : List.of("openwire", "amqp", "stomp")) {
            try (Socket idle = new Socket("127.0.0.1", BrokerAddresses.port(broker, transport))) {
                idle.setSoTimeout(15_000);
                long started = System.nanoTime();
                assertThat(drain(idle.getInputStream())).as(transport).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as(transport)
                        .isLessThan(Duration.ofSeconds(12));
            }
        }
    }

    @Test
    void aStompClientGetsAShortErrorWithoutAStackTrace() throws Exception {
        try (Socket stomp = new Socket("127.0.0.1", BrokerAddresses.port(broker, "stomp"))) {
            stomp.setSoTimeout(10_000);
            OutputStream out = stomp.getOutputStream();
            out.write(
                    ("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + USA + "\npasscode:not-the-password\n\n\0")
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new String(stomp.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("ERROR")
                    .contains("BROKER_LOGIN_FAILED")
                    .doesNotContain("\tat ")
                    .doesNotContain("org.apache");
        }
    }

    @Test
    void aStompClientThatKeepsNoHeartBeatIsDisconnectedWhenSilent() throws Exception {
        try (Socket stomp = new Socket("127.0.0.1", BrokerAddresses.port(broker, "stomp"))) {
            stomp.setSoTimeout(15_000);
            OutputStream out = stomp.getOutputStream();
            out.write(("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nlogin:" + CBP + "\npasscode:"
                            + BrokerAddresses.partnerPassword(CBP) + "\n\n\0")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long started = System.nanoTime();
            // It reads the CONNECTED frame and the broker's heart-beats, then the end of the stream.
            assertThat(drain(stomp.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aMessageLeftInADeadLetterQueueExpiresWithAnAuditEntry() throws Exception {
        long before = entries("DEAD_LETTER_DISCARDED", "DEAD_LETTER_EXPIRED");
        try (Connection usa = login(USA)) {
            Session session = usa.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue("USA-USCIS.requests"))) {
                producer.send(session.createTextMessage("junk that is quarantined"));
            }
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(entries("DEAD_LETTER_DISCARDED", "DEAD_LETTER_EXPIRED"))
                        .isGreaterThan(before));
        assertThat(BrokerAddresses.operatorReceives(gateway, "DLQ.USA-USCIS.requests", null, Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Autowired
    org.springframework.context.ApplicationContext gateway;

    /** Reads until the peer closes the connection: true when it did, false when the read timed out. */
    static boolean drain(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // frames and heart-beats
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
