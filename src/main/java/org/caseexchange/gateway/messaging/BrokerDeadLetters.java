package org.caseexchange.gateway.messaging;

import java.util.function.Consumer;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.region.MessageReference;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every message the embedded broker moves to a dead-letter queue on its own, so that the gateway
 * can put it in the audit log. The gateway's quarantines are its own sends to {@code DLQ.<queue>}, with
 * their entries already written; the broker's are a client giving up on a message (a partner's client
 * that poison-acknowledges an answer, for instance) or a message expiring, which no entry would record.
 * A message that expires in a dead-letter queue itself is discarded by the broker; that is reported too.
 */
public final class BrokerDeadLetters implements BrokerPlugin {

    private static final Logger log = LoggerFactory.getLogger(BrokerDeadLetters.class);

    /**
     * What is known of the message without reading its body as the application would.
     *
     * @param queue the queue it was on
     * @param correlationId its {@code JMSCorrelationID}: for an answer, the messageId of the query
     * @param sealedDigest SHA-256 of its body when the broker holds the body as sent, else null
     * @param cause the class of the failure the broker was given, or null
     * @param discarded the broker discarded the message (it expired in a dead-letter queue) instead of
     *     moving it to one
     */
    public record DeadLetter(
            String queue, String correlationId, String sealedDigest, String cause, boolean discarded) {}

    /** Whoever records a dead letter; called in the broker's thread, after the message was moved. */
    public interface Listener {
        void deadLettered(DeadLetter letter);
    }

    private final Consumer<DeadLetter> listener;

    public BrokerDeadLetters(Consumer<DeadLetter> listener) {
        this.listener = listener;
    }

    @Override
    public Broker installPlugin(Broker next) {
        return new BrokerFilter(next) {
            @Override
            public boolean sendToDeadLetterQueue(
                    ConnectionContext context,
                    MessageReference reference,
                    Subscription subscription,
                    Throwable poisonCause) {
                // Read before the move, which readdresses the message.
                DeadLetter letter = describe(reference.getMessage(), poisonCause);
                boolean moved = super.sendToDeadLetterQueue(context, reference, subscription, poisonCause);
                // Not moved: only a message already in a dead-letter queue, every other destination having
                // one; an expired one is reported by messageExpired.
                if (moved || !reference.getMessage().isExpired()) {
                    report(moved ? letter : discarded(letter));
                }
                return moved;
            }

            @Override
            public void messageExpired(
                    ConnectionContext context, MessageReference reference, Subscription subscription) {
                Message message = reference.getMessage();
                boolean inDeadLetterQueue = message.getDestination() != null
                        && message.getDestination().getPhysicalName().startsWith(DeadLetterQueues.PREFIX);
                DeadLetter letter = inDeadLetterQueue ? discarded(describe(message, null)) : null;
                super.messageExpired(context, reference, subscription);
                if (letter != null) {
                    report(letter);
                }
            }
        };
    }

    private void report(DeadLetter letter) {
        try {
            listener.accept(letter);
        } catch (RuntimeException e) {
            // The broker has moved or discarded it; the acknowledgement must not fail for the record.
            log.error(
                    "A dead letter of {} was not recorded ({})",
                    letter.queue(),
                    e.getClass().getName());
        }
    }

    private static DeadLetter discarded(DeadLetter letter) {
        return new DeadLetter(letter.queue(), letter.correlationId(), letter.sealedDigest(), letter.cause(), true);
    }

    private static DeadLetter describe(Message message, Throwable poisonCause) {
        String queue = message.getDestination() == null
                ? null
                : message.getDestination().getPhysicalName();
        String digest = BrokerMessages.digest(message).orElse(null);
        return new DeadLetter(
                queue,
                message.getCorrelationId(),
                digest,
                poisonCause == null ? null : poisonCause.getClass().getName(),
                false);
    }
}
