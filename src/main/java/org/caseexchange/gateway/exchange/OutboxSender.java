package org.caseexchange.gateway.exchange;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.transaction.support.TransactionTemplate;

/** What the outbox route calls: the due final responses, and the record that one was handed to the broker. */
public class OutboxSender {

    private static final int BATCH = 50;
    /** The exchange property holding the queued message a split step is sending. */
    private static final String QUEUED = "cxQueued";

    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CrashPoints crashPoints;

    OutboxSender(
            Outbox outbox, AuditLog audit, TransactionTemplate transactions, Clock clock, CrashPoints crashPoints) {
        this.crashPoints = crashPoints;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<Outbox.Queued> due() {
        return outbox.due(BATCH, clock.instant());
    }

    /** Takes one queued message (the split's body) and leaves its send as the body, for {@code jmsMessages.compose}. */
    public Disposition.Send prepare(Exchange exchange) {
        Outbox.Queued queued = exchange.getMessage().getBody(Outbox.Queued.class);
        exchange.setProperty(QUEUED, queued);
        exchange.setProperty(JmsMessages.PARTNER, queued.partner());
        return queued.send();
    }

    public void sent(Exchange exchange) {
        crashPoints.reach(CrashPoints.AFTER_OUTBOX_SEND);
        Outbox.Queued queued = exchange.getProperty(QUEUED, Outbox.Queued.class);
        Disposition.Send send = queued.send();
        transactions.executeWithoutResult(status -> {
            outbox.markSent(send.exchangeId(), send.messageId(), clock.instant());
            audit.record(AuditEvent.of(AuditEventType.REPLY_SENT, send.exchangeId(), queued.partner())
                    .withDigest("sealed", Sha256.hex(send.sealed())));
        });
    }
}
