package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.command.ActiveMQQueue;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partner's queue flooded with 50,000 messages that are not what they should be, with 100 valid
 * queries among them. Each piece of junk is quarantined with its reason and an audit entry, before any
 * operation with our private keys (only the 100 valid queries are decrypted), and every valid query is
 * answered.
 */
@Slow
class JunkFloodTest {

    static final int VALID = 100;
    static final Map<String, Integer> JUNK = Map.of(
            "random bytes", 41_590,
            "truncated envelope", 3_000,
            "not a bytes message", 4_000,
            "for another recipient", 1_000,
            "another suite", 400,
            "too large", 10);
    /** At most this many bytes are cut from a sealed query (about 3 KB), so every cut keeps its ephemeral key. */
    private static final int CUTS_PER_MESSAGE = 1_000;

    static final Map<String, String> REASON = Map.of(
            "random bytes", "ENVELOPE_MALFORMED",
            "truncated envelope", "ENVELOPE_MALFORMED",
            "not a bytes message", "TRANSPORT_NOT_BYTES",
            "for another recipient", "ENVELOPE_RECIPIENT_UNKNOWN",
            "another suite", "ENVELOPE_ALGORITHM_NOT_ALLOWED",
            "too large", "ENVELOPE_TOO_LARGE");
    static final Duration TIMEOUT = Duration.ofMinutes(6);

    /** One message to send: bytes, or text when {@code text} is set. */
    record Item(String kind, byte[] bytes, String text, String queryId) {}

    @Test
    void junkIsQuarantinedBeforeAnyPrivateKeyOperationAndEveryValidQueryIsAnswered() throws Exception {
        Random random = new Random(50_100);
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(
                Map.of("gateway.casedata.synthetic.seed", PartnerTraffic.SYNTHETIC_SEED))) {
            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            List<Item> items = flood(codec, random);
            int junk = JUNK.values().stream().mapToInt(Integer::intValue).sum();
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            double decryptionsBefore = decryptions(meters);
            BrokerService broker = gateway.getBean(BrokerService.class);
            long started = System.nanoTime();

            Map<String, java.util.Set<String>> answerDigests = new HashMap<>();
            try (Connection connection =
                    PartnerTraffic.login(broker, "USA-USCIS").createConnection()) {
                connection.start();
                // Batches of a transacted session: the flood reaches the broker in seconds, not minutes.
                Session sending = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = sending.createProducer(sending.createQueue(PartnerAgency.REQUESTS));
                for (int i = 0; i < items.size(); i++) {
                    producer.send(toMessage(sending, items.get(i)));
                    if (i % 500 == 499) {
                        sending.commit();
                    }
                }
                sending.commit();
                double sentSeconds = (System.nanoTime() - started) / 1e9;
                Session receiving = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer answers = receiving.createConsumer(receiving.createQueue(PartnerAgency.RESPONSES));
                PartnerTraffic.collectAnswers(answers, answerDigests, VALID, TIMEOUT);
                org.awaitility.Awaitility.await("every junk message quarantined")
                        .atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> quarantined(gateway) >= junk);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "junk flood: %d messages handed to the broker in %.1f s; all handled in %.1f s (%.0f/s)%n",
                        items.size(), sentSeconds, seconds, items.size() / seconds);
            }

            Set<String> validIds = items.stream()
                    .filter(item -> item.queryId() != null)
                    .map(Item::queryId)
                    .collect(Collectors.toSet());
            assertThat(answerDigests.keySet())
                    .as("valid queries answered")
                    .containsExactlyInAnyOrderElementsOf(validIds);
            assertThat(decryptions(meters) - decryptionsBefore)
                    .as("decryptions with our private keys")
                    .isEqualTo(VALID);
            Map<String, Long> expected = new HashMap<>();
            JUNK.forEach((kind, count) -> expected.merge(REASON.get(kind), (long) count, Long::sum));
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            Map<String, Long> recorded = jdbc
                    .queryForList("SELECT reason_code, COUNT(*) AS n FROM audit_entry WHERE event = 'QUARANTINED' "
                            + "GROUP BY reason_code")
                    .stream()
                    .collect(Collectors.toMap(
                            row -> (String) row.get("REASON_CODE"), row -> ((Number) row.get("N")).longValue()));
            assertThat(recorded).as("quarantine entries by reason").isEqualTo(expected);
            assertThat(queueSize(broker, "DLQ." + PartnerAgency.REQUESTS))
                    .as("quarantined messages kept")
                    .isEqualTo(junk);
            assertThat(queueSize(broker, PartnerAgency.REQUESTS))
                    .as("messages left unhandled")
                    .isZero();
        }
    }

    private static List<Item> flood(ProtocolCodec codec, Random random) {
        ExampleGateways.Side usa = ExampleGateways.unitedStates(Clock.systemUTC());
        // Canada's own keys sealing for the United States: a message meant for the partner, sent back to us.
        ExampleGateways.Side canadaToUsa = ExampleGateways.canada(Clock.systemUTC());
        ExampleGateways.Side usaRsa = ExampleGateways.unitedStates(Clock.systemUTC(), "RSA");
        List<CaseQuery> queries = PartnerTraffic.queries(VALID + 2, random);
        // Cut short by 1 to CUTS_PER_MESSAGE bytes, each sealing of the query as many times: every cut is a
        // different message (a different length, or a different sealing's ephemeral key), whatever a
        // sealed query's length.
        List<byte[]> toTruncate = new ArrayList<>();
        for (int n = 0; n <= JUNK.get("truncated envelope") / CUTS_PER_MESSAGE; n++) {
            toTruncate.add(usa.envelope()
                    .seal(codec.encode(queries.get(VALID)), usa.partner())
                    .sealed());
        }
        CaseQuery notForUs = queries.get(VALID + 1);
        Map<String, Function<Integer, Item>> makers = Map.of(
                "random bytes",
                        i -> {
                            byte[] bytes = new byte[1 + random.nextInt(4096)];
                            random.nextBytes(bytes);
                            return new Item("random bytes", bytes, null, null);
                        },
                "truncated envelope",
                        i -> {
                            byte[] whole = toTruncate.get(i / CUTS_PER_MESSAGE);
                            return new Item(
                                    "truncated envelope",
                                    Arrays.copyOf(whole, whole.length - 1 - i % CUTS_PER_MESSAGE),
                                    null,
                                    null);
                        },
                "not a bytes message",
                        i -> new Item("not a bytes message", null, "<caseQuery>" + i + "</caseQuery>", null),
                "for another recipient",
                        i -> new Item(
                                "for another recipient",
                                canadaToUsa
                                        .envelope()
                                        .seal(codec.encode(notForUs), canadaToUsa.partner())
                                        .sealed(),
                                null,
                                null),
                "another suite",
                        i -> new Item(
                                "another suite",
                                usaRsa.envelope()
                                        .seal(codec.encode(notForUs), usaRsa.partner())
                                        .sealed(),
                                null,
                                null),
                "too large",
                        i -> {
                            byte[] bytes = new byte[2 * 1024 * 1024 + 1];
                            random.nextBytes(bytes);
                            return new Item("too large", bytes, null, null);
                        });
        List<Item> items = new ArrayList<>();
        JUNK.forEach((kind, count) -> {
            for (int i = 0; i < count; i++) {
                items.add(makers.get(kind).apply(i));
            }
        });
        Collections.shuffle(items, random);
        int spacing = items.size() / VALID;
        for (int v = 0; v < VALID; v++) {
            CaseQuery query = queries.get(v);
            items.add(
                    v * spacing + v,
                    new Item(
                            "valid",
                            usa.envelope()
                                    .seal(codec.encode(query), usa.partner())
                                    .sealed(),
                            null,
                            query.getHeader().getMessageId()));
        }
        return items;
    }

    private static Message toMessage(Session session, Item item) throws jakarta.jms.JMSException {
        if (item.text() != null) {
            return session.createTextMessage(item.text());
        }
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(item.bytes());
        return message;
    }

    private static double decryptions(MeterRegistry meters) {
        var counter = meters.find("gateway.envelope.private.key.operations")
                .tag("operation", "decrypt")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static int quarantined(ConfigurableApplicationContext gateway) {
        return gateway.getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event = 'QUARANTINED'", Integer.class);
    }

    private static long queueSize(BrokerService broker, String queue) throws Exception {
        var destinations = broker.getBroker().getDestinationMap().get(new ActiveMQQueue(queue));
        return destinations == null
                ? 0
                : destinations.getDestinationStatistics().getMessages().getCount();
    }
}
