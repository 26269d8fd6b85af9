package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.usage.SystemUsage;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded broker holds (gateway.broker.limits): its memory a set share of the heap it shares
 * with the gateway, its journal and spool at most half the free disk of its folder, each queue's memory
 * bounded, and a send that finds no room within two seconds refused to its sender rather than blocking
 * it or the broker. Every destination has its own dead-letter queue, whose messages expire after
 * {@code dead-letter-expiry}. The broker pages few messages at a time, and only dead-letter queues are
 * scanned for expired messages (a scan pages messages in regardless of the queue's memory), so that no
 * scan holds many large messages in memory at once.
 */
final class BrokerLimits {

    private static final Logger log = LoggerFactory.getLogger(BrokerLimits.class);
    private static final int PAGE = 20;
    static final long SEND_WAIT_MILLIS = 2000;

    private BrokerLimits() {}

    static void apply(BrokerService broker, BrokerProperties.Limits limits, Path dataDirectory) throws IOException {
        SystemUsage usage = broker.getSystemUsage();
        long memory = Runtime.getRuntime().maxMemory() / 100 * limits.memoryPercentOfHeap();
        usage.getMemoryUsage().setLimit(memory);
        Files.createDirectories(dataDirectory);
        long free = Files.getFileStore(dataDirectory).getUsableSpace();
        long store = Math.min(limits.store().toBytes(), free / 2);
        long temp = Math.min(limits.temp().toBytes(), free / 8);
        if (store < 64L * 1024 * 1024) {
            throw new InvalidConfigurationException(
                    "gateway.broker.data-directory",
                    "less than 128 MB free disk for the broker's journal: free some space or move the folder");
        }
        usage.getStoreUsage().setLimit(store);
        usage.getTempUsage().setLimit(temp);
        // A producer at a limit waits a little for room (the journal catching up), then gets an error
        // (ResourceAllocationException): it is neither blocked for ever nor able to fill the heap.
        usage.setSendFailIfNoSpaceAfterTimeout(SEND_WAIT_MILLIS);
        broker.setAdjustUsageLimits(false);
        broker.setDestinationPolicy(policies(limits));
        log.info(
                "broker limits: memory {} MB, store {} MB, temp {} MB (free disk {} MB), {} MB per queue",
                memory >> 20,
                store >> 20,
                temp >> 20,
                free >> 20,
                limits.destinationMemory().toMegabytes());
    }

    private static PolicyMap policies(BrokerProperties.Limits limits) {
        PolicyMap policies = new PolicyMap();
        // Expired messages are found when they are dispatched; no periodic scan pages a queue in.
        policies.setDefaultEntry(entry(limits, 0, PAGE));
        // Nothing reads a dead-letter queue: it is scanned for expired messages (every half expiry, at
        // most every 30 s), a few at a time, as large messages may lie there.
        PolicyEntry deadLetters = entry(
                limits, Math.max(500, Math.min(30_000, limits.deadLetterExpiry().toMillis() / 2)), 4);
        deadLetters.setQueue(DeadLetterQueues.PREFIX + ">");
        policies.setPolicyEntries(java.util.List.of(deadLetters));
        return policies;
    }

    private static PolicyEntry entry(BrokerProperties.Limits limits, long expirePeriod, int expirePage) {
        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix(DeadLetterQueues.PREFIX);
        deadLetters.setTopicPrefix(DeadLetterQueues.PREFIX);
        deadLetters.setUseQueueForQueueMessages(true);
        deadLetters.setUseQueueForTopicMessages(true);
        deadLetters.setProcessNonPersistent(true);
        deadLetters.setProcessExpired(true);
        deadLetters.setExpiration(limits.deadLetterExpiry().toMillis());
        PolicyEntry entry = new PolicyEntry();
        entry.setDeadLetterStrategy(deadLetters);
        entry.setMemoryLimit(limits.destinationMemory().toBytes());
        entry.setProducerFlowControl(true);
        entry.setMaxPageSize(PAGE);
        entry.setMaxBrowsePageSize(PAGE);
        entry.setMaxExpirePageSize(expirePage);
        entry.setExpireMessagesPeriod(expirePeriod);
        return entry;
    }
}
