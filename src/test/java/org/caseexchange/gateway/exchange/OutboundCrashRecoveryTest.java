package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolProperties;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.WireDecision;
import org.caseexchange.gateway.support.BrokerAddresses;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery guarantee of docs/protocol.md section 4.7 for what we start, under real crashes: the
 * gateway runs in a child JVM whose officer asks the partner 40 queries, a few more each run, and halts the n-th time it
 * reaches a point of the outbound path (the query and its outbox row just committed; the broker just
 * took the query, not yet marked sent) or of the answer's processing (received, before and after its
 * commit, after our receipt was sent). The partner answers each query it receives, the same answer
 * bytes for every copy of a query, and keeps every receipt. At the end: every query asked once and
 * answered once, every copy of a query byte-identical, every receipt for an answer byte-identical and
 * the one stored, and the audit chain intact.
 */
@Slow
class OutboundCrashRecoveryTest {

    static final int QUERIES = 40;
    static final int PER_RUN = 6;
    static final String QUERIES_OUT = "USA-USCIS.queries";
    static final String ANSWERS_IN = "USA-USCIS.answers";
    static final List<String> POINTS = List.of(
            CrashTestOfficer.AFTER_OUTBOX_COMMIT,
            CrashPoints.AFTER_OUTBOX_SEND,
            CrashPoints.AFTER_RECEIVE,
            CrashPoints.BEFORE_DATABASE_COMMIT,
            CrashPoints.AFTER_DATABASE_COMMIT,
            CrashPoints.AFTER_SEND);
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    static final Duration FINAL_RUN_TIMEOUT = Duration.ofSeconds(180);

    /** What the partner saw: per query messageId, each copy's digest, and the answer it gave (sent again for a copy). */
    static final class Partner {
        final Map<String, Set<String>> queryCopies = new HashMap<>();
        final Map<String, byte[]> answers = new HashMap<>();
        final Map<String, String> answerOf = new HashMap<>();
        final Map<String, Set<String>> receipts = new HashMap<>();

        boolean done(int asked) {
            return answers.size() >= asked && receipts.size() >= asked;
        }
    }

    @Test
    void noCrashOnTheWayOutOrBackLosesAQueryAsksOneTwiceOrChangesWhatWasSent() throws Exception {
        Path dataDirectory = ScratchDirectories.create("outbound-crash-");
        long seed = Long.getLong("crash-test.seed", System.nanoTime());
        System.out.println("outbound crash test seed " + seed + " (replay with -Dcrash-test.seed=" + seed
                + "), data in " + dataDirectory);
        Random random = new Random(seed);
        ProtocolCodec codec = new ProtocolCodec(new ProtocolProperties.Limits(16, 16, 4000, 64));
        ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC());
        Partner partner = new Partner();

        List<String> schedule = new ArrayList<>(POINTS);
        Collections.shuffle(schedule, random);
        schedule.add(null);
        int port = FreePort.any();
        Set<String> haltedAt = new HashSet<>();
        CrashRecoveryTest.Store store = CrashRecoveryTest.Store.embedded(dataDirectory);
        for (int run = 0; run < schedule.size(); run++) {
            String point = schedule.get(run);
            int at = 1 + random.nextInt(5);
            boolean finalRun = point == null;
            // A few more queries each run, so that every run has the traffic to reach its point.
            int asked = finalRun ? QUERIES : Math.min(QUERIES, (run + 1) * PER_RUN);
            CrashRecoveryTest.Child child = CrashRecoveryTest.Child.start(
                    dataDirectory, store, port, point, at, run, List.of("--crash-test.our-queries=" + asked));
            if (child.awaitReady()) {
                answer(port, usa, codec, partner, child, asked, finalRun ? FINAL_RUN_TIMEOUT : RUN_TIMEOUT);
            }
            System.out.printf(
                    "run %d: halt at %s (time %d), %d queries answered, %d receipts%n",
                    run, point, at, partner.answers.size(), partner.receipts.size());
            if (finalRun) {
                child.stop();
            } else if (child.process().waitFor(partner.done(asked) ? 5 : RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(child.process().exitValue())
                        .as("run %d halted at %s:%n%s", run, point, child.tail())
                        .isEqualTo(HaltingCrashPoints.HALT_STATUS);
                haltedAt.add(point);
            } else {
                child.stop(); // everything was done before the point was reached that often
            }
        }

        assertThat(haltedAt).as("points the gateway was halted at").containsExactlyInAnyOrderElementsOf(POINTS);
        assertThat(partner.answers).as("queries the partner received").hasSize(QUERIES);
        assertThat(partner.queryCopies.values())
                .as("every copy of a query is the same bytes")
                .allSatisfy(copies -> assertThat(copies).hasSize(1));
        assertThat(partner.receipts).as("answers acknowledged").hasSize(QUERIES);
        assertThat(partner.receipts.values())
                .as("every receipt for one answer is the same bytes")
                .allSatisfy(receipts -> assertThat(receipts).hasSize(1));
        try (CrashRecoveryTest.Store.Opened database = store.open()) {
            JdbcTemplate jdbc = database.jdbc();
            assertThat(jdbc.queryForList("SELECT state FROM exchange WHERE direction = 'OUTBOUND_QUERY'", String.class))
                    .as("our queries, each asked once and answered")
                    .hasSize(QUERIES)
                    .containsOnly("ANSWERED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM received_answer", Integer.class))
                    .as("one answer kept per query")
                    .isEqualTo(QUERIES);
            for (Map.Entry<String, String> answered : partner.answerOf.entrySet()) {
                byte[] receipt = jdbc.queryForObject(
                        "SELECT reply_sealed FROM exchange WHERE direction = 'INBOUND_ANSWER' AND message_id = ?",
                        byte[].class,
                        answered.getValue());
                assertThat(partner.receipts.get(answered.getValue()))
                        .as("the receipt the partner got is the stored one")
                        .containsExactly(Sha256.hex(receipt));
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Integer.class))
                    .as("nothing left unsent")
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM audit_entry WHERE event IN ('QUARANTINED', 'DEAD_LETTERED')",
                            Integer.class))
                    .as("quarantined or dead-lettered")
                    .isZero();
            assertThat(new AuditLog(jdbc, Clock.systemUTC()).verify().intact())
                    .as("audit chain intact")
                    .isTrue();
        }
    }

    /** One run as the partner: answers every query that arrives, and keeps every receipt, until done or the gateway dies. */
    private static void answer(
            int port,
            ExampleGateways.Side usa,
            ProtocolCodec codec,
            Partner partner,
            CrashRecoveryTest.Child child,
            int asked,
            Duration timeout) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "USA-USCIS", BrokerAddresses.partnerPassword("USA-USCIS"), "tcp://127.0.0.1:" + port);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            // Each query is acknowledged only once its answer is handed to the broker, as a careful partner would.
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer queries = session.createConsumer(session.createQueue(QUERIES_OUT));
            MessageConsumer receipts = session.createConsumer(session.createQueue(PartnerAgency.RESPONSES));
            MessageProducer answers = session.createProducer(session.createQueue(ANSWERS_IN));
            while (!partner.done(asked) && child.process().isAlive() && System.nanoTime() < deadline) {
                Message query = queries.receive(100);
                if (query != null) {
                    byte[] sealed = PartnerAgency.bytes(query);
                    OpenedEnvelope opened = usa.envelope().open(sealed, usa.partner());
                    CaseQuery received = codec.decode(opened.payload()).as(CaseQuery.class);
                    String id = received.getHeader().getMessageId();
                    partner.queryCopies
                            .computeIfAbsent(id, key -> new HashSet<>())
                            .add(Sha256.hex(sealed));
                    byte[] reply = partner.answers.computeIfAbsent(id, key -> {
                        CaseResponse response = new CaseResponse();
                        response.setVersion(MessageKind.VERSION);
                        UUID answerId = UUID.randomUUID();
                        partner.answerOf.put(id, answerId.toString());
                        response.setHeader(MessageHeaders.header(answerId, Instant.now(), "USA-USCIS", "CAN-IRCC"));
                        response.setInResponseTo(id);
                        response.setQueryDigest(Sha256.hex(opened.payload()));
                        response.setDecision(WireDecision.REFUSE);
                        response.setReasonCode("NO_RELEASABLE_RECORD");
                        return usa.envelope()
                                .seal(codec.encode(response), usa.partner())
                                .sealed();
                    });
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(reply);
                    answers.send(message);
                    query.acknowledge();
                }
                Message receipt = receipts.receive(100);
                if (receipt != null) {
                    partner.receipts
                            .computeIfAbsent(receipt.getJMSCorrelationID(), key -> new HashSet<>())
                            .add(Sha256.hex(PartnerAgency.bytes(receipt)));
                    receipt.acknowledge();
                }
            }
        } catch (JMSException e) {
            // The gateway, and its embedded broker, halted under us: the next run goes on.
        }
    }
}
