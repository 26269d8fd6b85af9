package org.caseexchange.gateway.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.Queue;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.Message;

/**
 * What operators see of the embedded broker's queues: how many messages each holds, and for each
 * message in a dead-letter queue its reason code and when it came, never its content.
 */
public final class BrokerQueues {

    /** The header a quarantined message carries its reason code in. */
    static final String REASON = "cxReasonCode";

    public record Depth(String queue, long messages, boolean deadLetters) {}

    /** A message in a dead-letter queue, by its reason code: the gateway's, or the broker's when it expired one. */
    public record DeadLetter(String queue, String reasonCode, Instant at) {}

    private final BrokerService broker;

    BrokerQueues(BrokerService broker) {
        this.broker = broker;
    }

    public List<Depth> depths() {
        List<Depth> depths = new ArrayList<>();
        for (Destination destination : queues()) {
            String name = destination.getActiveMQDestination().getPhysicalName();
            depths.add(new Depth(
                    name,
                    destination.getDestinationStatistics().getMessages().getCount(),
                    name.startsWith(DeadLetterQueues.PREFIX)));
        }
        depths.sort(Comparator.comparing(Depth::queue));
        return depths;
    }

    /** Up to {@code max} messages of the dead-letter queues, oldest first within each queue. */
    public List<DeadLetter> deadLetters(int max) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Destination destination : queues()) {
            String name = destination.getActiveMQDestination().getPhysicalName();
            if (!name.startsWith(DeadLetterQueues.PREFIX) || !(destination instanceof Queue queue)) {
                continue;
            }
            for (Message message : queue.browse()) {
                if (letters.size() >= max) {
                    return letters;
                }
                Object reason;
                try {
                    reason = message.getProperty(REASON);
                } catch (java.io.IOException e) {
                    reason = null;
                }
                letters.add(new DeadLetter(
                        name,
                        reason == null ? "(none: dead-lettered by the broker)" : reason.toString(),
                        Instant.ofEpochMilli(message.getTimestamp())));
            }
        }
        return letters;
    }

    private List<Destination> queues() {
        List<Destination> queues = new ArrayList<>();
        try {
            for (var entry : broker.getRegionBroker().getDestinationMap().entrySet()) {
                ActiveMQDestination destination = entry.getKey();
                if (destination.isQueue() && !destination.getPhysicalName().startsWith("ActiveMQ.")) {
                    queues.add(entry.getValue());
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        return queues;
    }
}
