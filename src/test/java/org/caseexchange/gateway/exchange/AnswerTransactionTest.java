package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ConsumerBrokerExchange;
import org.apache.activemq.broker.MutableBrokerFilter;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.command.Message;
import org.apache.activemq.command.MessageAck;
import org.apache.activemq.command.TransactionId;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The guarantee that a crash between "query consumed" and "answer sent" cannot lose the answer rests on
 * one broker transaction holding both. This watches the broker itself: every committed transaction that
 * acknowledges a query must also carry its answer, and the reverse. (Two transactions committed one
 * after the other would pass every functional test and still lose answers in a crash: the crash test
 * found exactly that.)
 */
class AnswerTransactionTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    private final TransactionRecorder recorder = new TransactionRecorder();
    private MutableBrokerFilter top;
    private Broker original;
    private PartnerAgency usa;

    @BeforeEach
    void watchTheBroker() throws Exception {
        top = (MutableBrokerFilter) broker.getBroker();
        original = top.getNext();
        top.setNext(recorder.wrapping(original));
        usa = new PartnerAgency(broker, codec);
    }

    @AfterEach
    void stopWatching() throws Exception {
        usa.close();
        top.setNext(original);
    }

    @Test
    void eachAnswerCommitsInTheBrokerTransactionThatConsumesItsQuery() throws Exception {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Answers and signed refusals both go through the same send; a wrong recipient is refused.
            String recipient = i % 3 == 0 ? "GBR-HOMEOFFICE" : "CAN-IRCC";
            CaseQuery query = DemoQueries.query(
                    "USA-USCIS",
                    recipient,
                    Instant.now(),
                    "ANNEX-1-IDENTITY-CHECKS",
                    WirePurpose.ADMISSIBILITY_ASSESSMENT,
                    List.of(WireDataElement.IDENTITY),
                    DemoQueries.nobody());
            usa.send(PartnerAgency.REQUESTS, usa.seal(query));
            asked.add(query.getHeader().getMessageId());
        }
        for (String messageId : asked) {
            usa.answerTo(messageId, Duration.ofSeconds(30));
        }

        // The recorder notes a transaction once its commit has returned, which may be just after the
        // partner received the answer that commit delivered.
        List<Set<String>> committed = org.awaitility.Awaitility.await("the broker's record of the last commits")
                .atMost(Duration.ofSeconds(10))
                .until(
                        recorder::committedTransactions,
                        all -> all.stream()
                                        .filter(tx -> tx.contains("send:" + PartnerAgency.RESPONSES))
                                        .count()
                                >= asked.size());
        List<Set<String>> answering = committed.stream()
                .filter(tx -> tx.contains("send:" + PartnerAgency.RESPONSES))
                .toList();
        List<Set<String>> consuming = committed.stream()
                .filter(tx -> tx.contains("ack:" + PartnerAgency.REQUESTS))
                .toList();
        // At least our twelve (a redelivery left by another test of this shared gateway may add one).
        assertThat(answering).hasSizeGreaterThanOrEqualTo(asked.size());
        assertThat(answering).allSatisfy(tx -> assertThat(tx).contains("ack:" + PartnerAgency.REQUESTS));
        assertThat(consuming).allSatisfy(tx -> assertThat(tx).contains("send:" + PartnerAgency.RESPONSES));
    }

    /** What each broker transaction did, by destination, and which transactions committed. */
    static final class TransactionRecorder {

        private final Map<TransactionId, Set<String>> operations = new ConcurrentHashMap<>();
        private final List<Set<String>> committed = new ArrayList<>();

        Broker wrapping(Broker next) {
            return new BrokerFilter(next) {
                @Override
                public void send(ProducerBrokerExchange producer, Message message) throws Exception {
                    record(
                            message.getTransactionId(),
                            "send:" + message.getDestination().getPhysicalName());
                    super.send(producer, message);
                }

                @Override
                public void acknowledge(ConsumerBrokerExchange consumer, MessageAck ack) throws Exception {
                    if (ack.isStandardAck()) {
                        record(
                                ack.getTransactionId(),
                                "ack:" + ack.getDestination().getPhysicalName());
                    }
                    super.acknowledge(consumer, ack);
                }

                @Override
                public void commitTransaction(ConnectionContext context, TransactionId xid, boolean onePhase)
                        throws Exception {
                    super.commitTransaction(context, xid, onePhase);
                    Set<String> done = operations.remove(xid);
                    if (done != null) {
                        synchronized (committed) {
                            committed.add(done);
                        }
                    }
                }
            };
        }

        private void record(TransactionId transaction, String operation) {
            if (transaction != null) {
                operations
                        .computeIfAbsent(transaction, id -> ConcurrentHashMap.newKeySet())
                        .add(operation);
            }
        }

        List<Set<String>> committedTransactions() {
            synchronized (committed) {
                return List.copyOf(committed);
            }
        }
    }
}
