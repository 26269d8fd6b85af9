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

    /** A message an operator purged: the broker's id of it and the SHA-256 of its body (no content). */
    public record Purged(String queue, String messageId, java.util.Optional<String> sealedDigest, long size) {}

    /**
     * Removes every message of one queue, oldest first, one at a time, without touching the store's
     * other queues. {@code before} is told of each message before it is removed: what it records is
     * committed first, and a message it cannot record (it throws) stays where it is. The broker's own
     * destinations ({@code ActiveMQ.*}) are not queues an operator purges.
     *
     * @return how many were removed; empty when there is no such queue
     */
    public java.util.Optional<Integer> purge(String name, java.util.function.Consumer<Purged> before) {
        if (name.startsWith("ActiveMQ.")) {
            return java.util.Optional.empty();
        }
        Queue queue = queues().stream()
                .filter(destination ->
                        destination.getActiveMQDestination().getPhysicalName().equals(name))
                .map(BrokerQueues::unwrapped)
                .filter(Queue.class::isInstance)
                .map(Queue.class::cast)
                .findFirst()
                .orElse(null);
        if (queue == null) {
            return java.util.Optional.empty();
        }
        int removed = 0;
        long bound = queue.getDestinationStatistics().getMessages().getCount() + PURGE_SLACK;
        for (Message[] page = queue.browse(); page.length > 0 && removed < bound; page = queue.browse()) {
            for (Message message : page) {
                String id = message.getMessageId().toString();
                before.accept(new Purged(name, id, BrokerMessages.digest(message), message.getSize()));
                try {
                    if (queue.removeMessage(id)) {
                        removed++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("the broker could not remove message " + id + " of " + name, e);
                }
            }
        }
        return java.util.Optional.of(removed);
    }

    /** Messages that may arrive while a queue is purged and are purged with it, at most. */
    private static final int PURGE_SLACK = 1000;

    /** How many messages one queue holds now; 0 for a queue the broker has not made yet. */
    public long depth(String name) {
        return queues().stream()
                .filter(destination ->
                        destination.getActiveMQDestination().getPhysicalName().equals(name))
                .mapToLong(destination ->
                        destination.getDestinationStatistics().getMessages().getCount())
                .sum();
    }

    /** Up to {@code max} messages of the dead-letter queues, oldest first within each queue. */
    public List<DeadLetter> deadLetters(int max) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Destination destination : queues()) {
            String name = destination.getActiveMQDestination().getPhysicalName();
            if (!name.startsWith(DeadLetterQueues.PREFIX) || !(unwrapped(destination) instanceof Queue queue)) {
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

    /** The queue itself, under the filters plug-ins wrap around it (flow control, statistics). */
    private static Destination unwrapped(Destination destination) {
        Destination inner = destination;
        while (inner instanceof org.apache.activemq.broker.region.DestinationFilter filter) {
            inner = filter.getNext();
        }
        return inner;
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
