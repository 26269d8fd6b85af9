package org.caseexchange.gateway.exchange.inbound;

import org.apache.camel.Exchange;
import org.caseexchange.gateway.exchange.ExchangeLogContext;
import org.caseexchange.gateway.exchange.InboundMessage;
import org.caseexchange.gateway.exchange.JmsMessages;
import org.caseexchange.gateway.exchange.ProcessingFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy's one step (routes/error-policy.camel.yaml): a failure that escaped the flow rolls
 * the consume back either way. An outage is only logged: the message is held and comes again with
 * back-off while health shows the database or broker DOWN. A fault is counted against the message, so
 * that after the limit the flow dead-letters it with an audit entry. Logs carry the exception's class,
 * never its message, which could quote a document.
 */
public class InboundFailures {

    private static final Logger log = LoggerFactory.getLogger(InboundFailures.class);

    private final ProcessingFaults faults;

    InboundFailures(ProcessingFaults faults) {
        this.faults = faults;
    }

    public void failed(Exchange exchange) {
        try {
            report(exchange);
        } finally {
            ExchangeLogContext.clear();
        }
    }

    private void report(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        InboundMessage inbound = exchange.getProperty(JmsMessages.INBOUND, InboundMessage.class);
        String queue = exchange.getProperty(JmsMessages.QUEUE, String.class);
        String kind = failure == null ? "unknown" : failure.getClass().getName();
        if (failure == null || ProcessingFaults.isOutage(failure)) {
            log.warn("message on {} held, rolled back for redelivery: outage ({})", queue, rootCauseClass(failure));
            return;
        }
        if (inbound == null) {
            log.error("message on {} rolled back: fault before it was read ({})", queue, kind);
            return;
        }
        try {
            int count = faults.record(inbound, failure);
            log.error("message on {} rolled back: processing fault {} of this message ({})", queue, count, kind);
            // The stack trace, with exception messages, only where a developer asks for it.
            log.debug("processing fault", failure);
        } catch (RuntimeException recording) {
            log.warn(
                    "message on {} held: its fault could not be counted ({})",
                    queue,
                    recording.getClass().getName());
        }
    }

    private static String rootCauseClass(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == null ? "unknown" : cause.getClass().getName();
    }
}
