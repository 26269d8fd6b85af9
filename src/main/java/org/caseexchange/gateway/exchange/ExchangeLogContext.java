package org.caseexchange.gateway.exchange;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * Tags every log line written inside it with the exchange id (MDC key {@value #MDC_KEY}), so operators
 * and auditors can follow one exchange through the logs. Log lines carry ids and reason codes, never
 * the personal data of the exchange itself.
 */
public final class ExchangeLogContext implements AutoCloseable {

    public static final String MDC_KEY = "exchangeId";

    private final String previous;

    private ExchangeLogContext(UUID exchangeId) {
        this.previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, exchangeId.toString());
    }

    public static ExchangeLogContext open(UUID exchangeId) {
        return new ExchangeLogContext(exchangeId);
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
