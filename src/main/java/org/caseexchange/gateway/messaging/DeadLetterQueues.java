package org.caseexchange.gateway.messaging;

/**
 * Every queue has its own dead-letter queue, {@code DLQ.<queue>}: the broker moves messages there and
 * the gateway quarantines into it, so an operator looks in one place per queue.
 */
public final class DeadLetterQueues {

    public static final String PREFIX = "DLQ.";

    private DeadLetterQueues() {}

    public static String of(String queue) {
        return PREFIX + queue;
    }
}
