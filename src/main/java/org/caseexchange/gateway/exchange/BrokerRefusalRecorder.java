package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.messaging.BrokerDoor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts each refusal at the broker's door in the audit log: a {@code BROKER_REFUSED} entry with its
 * reason code, the partner when the login named one, and the client's address as its actor
 * ({@code address:<ip>}); and counts it by reason and transport (never by address: metric labels stay
 * few and carry nothing about a person).
 */
class BrokerRefusalRecorder implements BrokerDoor.Listener {

    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    BrokerRefusalRecorder(AuditLog audit, TransactionTemplate transactions, MeterRegistry meters) {
        this.audit = audit;
        this.transactions = transactions;
        this.meters = meters;
    }

    @Override
    public void refused(BrokerDoor.Refusal refusal) {
        AuditEvent event = AuditEvent.of(AuditEventType.BROKER_REFUSED, RowIds.next(), refusal.partner())
                .because(refusal.reason())
                .by("address:" + refusal.address());
        transactions.executeWithoutResult(status -> audit.record(event));
        Counter.builder("gateway.broker.refused")
                .description("Logins, connections and sends the broker refused at its door")
                .tag("reason", refusal.reason().name())
                .tag("transport", refusal.transport())
                .register(meters)
                .increment();
    }
}
