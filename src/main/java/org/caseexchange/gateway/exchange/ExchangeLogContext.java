package org.caseexchange.gateway.exchange;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * Tags log lines with the exchange they belong to (MDC key {@value #MDC_KEY}) and the partner's
 * message id (MDC key {@value #MESSAGE_KEY}), so operators and auditors can follow one exchange through
 * the logs; the JSON log carries both as fields. Log lines carry ids and reason codes, never the
 * personal data of the exchange itself.
 *
 * <p>The inbound flow tags the consumer's thread as soon as it knows the ids ({@link #tag},
 * {@link #tagMessage}); the route clears the tags when the message is disposed of or has failed, and
 * before it reads the next one ({@link #clear}). Other work opens a context around itself.
 */
public final class ExchangeLogContext implements AutoCloseable {

    public static final String MDC_KEY = "exchangeId";
    public static final String MESSAGE_KEY = "partnerMessageId";

    private final String previous;

    private ExchangeLogContext(UUID exchangeId) {
        this.previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, exchangeId.toString());
    }

    public static ExchangeLogContext open(UUID exchangeId) {
        return new ExchangeLogContext(exchangeId);
    }

    /** Tags this thread's lines with the exchange, until {@link #clear}. */
    public static void tag(UUID exchangeId) {
        MDC.put(MDC_KEY, exchangeId.toString());
    }

    /** Tags this thread's lines with the partner's message id, when it could be read. */
    public static void tagMessage(String messageId) {
        if (messageId != null) {
            MDC.put(MESSAGE_KEY, messageId);
        }
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
        MDC.remove(MESSAGE_KEY);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }
}
