package org.caseexchange.gateway.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SyntheticCaseData;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.caseexchange.gateway.trust.Sha256;

/**
 * The United States agency's side of the delivery tests (crash, broker restart, database outage): a
 * mix of queries about people on the gateway's synthetic file and about nobody, and answers taken as a
 * careful partner takes them.
 */
public final class PartnerTraffic {

    /** The synthetic population the gateway under test must load, for the queries to find their people. */
    public static final int SYNTHETIC_PERSONS = 500;

    public static final long SYNTHETIC_SEED = 20261123L;

    /** The annex the queries cite. */
    public static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";

    private PartnerTraffic() {}

    /** Queries for identity and status; one in ten about nobody on file, the rest about random people on it. */
    public static List<CaseQuery> queries(int count, Random random) {
        return queries("USA-USCIS", count, random);
    }

    /** As {@link #queries(int, Random)}, from the given partner agency. */
    public static List<CaseQuery> queries(String sender, int count, Random random) {
        List<PersonRecord> persons =
                new SyntheticCaseData(SYNTHETIC_SEED, LocalDate.now(ZoneOffset.UTC)).generate(SYNTHETIC_PERSONS);
        return IntStream.range(0, count)
                .mapToObj(i -> DemoQueries.query(
                        sender,
                        "CAN-IRCC",
                        Instant.now(),
                        ANNEX_1,
                        WirePurpose.ADMISSIBILITY_ASSESSMENT,
                        List.of(WireDataElement.IDENTITY, WireDataElement.IMMIGRATION_STATUS),
                        i % 10 == 0
                                ? DemoQueries.nobody()
                                : DemoQueries.subjectOf(persons.get(random.nextInt(persons.size())))))
                .toList();
    }

    /** The partner agency's own login to the gateway's embedded broker, over OpenWire. */
    public static ActiveMQConnectionFactory login(BrokerService broker, String partner) {
        return BrokerAddresses.openWire(broker, partner, BrokerAddresses.partnerPassword(partner));
    }

    /** As below, on a connection of the partner's own to the gateway's embedded broker, from its responses queue. */
    public static void collectAnswers(
            BrokerService broker, String partner, Map<String, Set<String>> answerDigests, int until, Duration timeout)
            throws JMSException {
        try (Connection connection = login(broker, partner).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            collectAnswers(
                    session.createConsumer(session.createQueue(partner + ".responses")), answerDigests, until, timeout);
        }
    }

    /**
     * Takes answers until {@code answerDigests} covers {@code until} queries or the time is up, each
     * recorded (per query message id, the SHA-256 of each distinct answer) before it is acknowledged:
     * the consumer's session must use client acknowledgement.
     */
    public static void collectAnswers(
            MessageConsumer consumer, Map<String, Set<String>> answerDigests, int until, Duration timeout)
            throws JMSException {
        collectAnswers(consumer, answerDigests, until, timeout, () -> true);
    }

    /** As above, and only while {@code goingOn} holds (the gateway's process is alive, say). */
    public static void collectAnswers(
            MessageConsumer consumer,
            Map<String, Set<String>> answerDigests,
            int until,
            Duration timeout,
            java.util.function.BooleanSupplier goingOn)
            throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answerDigests.size() < until && goingOn.getAsBoolean() && System.nanoTime() < deadline) {
            Message answer = consumer.receive(250);
            if (answer != null) {
                answerDigests
                        .computeIfAbsent(answer.getJMSCorrelationID(), id -> new HashSet<>())
                        .add(Sha256.hex(PartnerAgency.bytes(answer)));
                answer.acknowledge();
            }
        }
    }
}
