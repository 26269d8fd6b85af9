package org.caseexchange.gateway.web.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.messaging.BrokerQueues;
import org.caseexchange.gateway.messaging.DeadLetterQueues;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators watch and do: health in detail, every certificate and CRL with the days it has left,
 * the embedded broker's queue depths and its dead letters by reason code, and purging a queue. Never
 * case content.
 */
public class OperationsDesk {

    private static final Logger log = LoggerFactory.getLogger(OperationsDesk.class);

    /** One health component, with why it is not UP when it is not. */
    public record Component(String name, String status, Map<String, Object> details) {}

    /** A certificate or CRL the gateway depends on. */
    public record Expiry(String name, String subject, String status, String end, Long daysLeft) {}

    /**
     * @param queues each queue's depth, empty with an external broker (its own console shows them)
     * @param deadLetters the dead-letter queues' messages by reason code, at most {@value #DEAD_LETTERS}
     */
    public record Overview(
            String status,
            List<Component> components,
            List<Expiry> expiries,
            List<BrokerQueues.Depth> queues,
            List<BrokerQueues.DeadLetter> deadLetters) {}

    static final int DEAD_LETTERS = 50;

    private final HealthEndpoint health;
    private final java.util.Optional<BrokerQueues> broker;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    public OperationsDesk(
            HealthEndpoint health,
            java.util.Optional<BrokerQueues> broker,
            PartnerDirectory partners,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.health = health;
        this.broker = broker;
        this.partners = partners;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** What a purge removed. */
    public record Purge(String queue, int removed) {}

    /**
     * Empties one queue of the embedded broker (a partner's queue, or a dead-letter queue), leaving the
     * store and every other queue as they are: after a flood, or once dead letters have been looked
     * into. Each message is a QUEUE_MESSAGE_PURGED entry, with the operator as actor and the digest of
     * the message, committed before the message is removed.
     */
    public Purge purge(String queue, ConsoleUser operator) {
        if (!operator.holds(Role.OPERATOR)) {
            throw new Refused("this needs the " + Role.OPERATOR + " role");
        }
        BrokerQueues queues =
                broker.orElseThrow(() -> new Refused("an external broker's queues are purged with its own tools"));
        String underlying =
                queue.startsWith(DeadLetterQueues.PREFIX) ? queue.substring(DeadLetterQueues.PREFIX.length()) : queue;
        String partner = partners.ownerOf(underlying).map(Partner::agencyCode).orElse(null);
        int removed = queues.purge(queue, message -> {
                    AuditEvent purged = AuditEvent.of(AuditEventType.QUEUE_MESSAGE_PURGED, RowIds.next(), partner)
                            .by(operator.name());
                    AuditEvent recorded = message.sealedDigest()
                            .map(digest -> purged.withDigest("sealed", digest))
                            .orElse(purged);
                    transactions.executeWithoutResult(status -> audit.record(recorded));
                })
                .orElseThrow(() -> new Refused("the embedded broker has no queue " + queue));
        log.info("operator purged {} messages from {}", removed, queue);
        return new Purge(queue, removed);
    }

    public Overview overview() {
        HealthComponent all = health.health();
        List<Component> components = new ArrayList<>();
        List<Expiry> expiries = new ArrayList<>();
        if (all instanceof CompositeHealth composite) {
            for (var entry : new TreeMap<>(composite.getComponents()).entrySet()) {
                HealthComponent component = entry.getValue();
                Map<String, Object> details = component instanceof Health single ? single.getDetails() : Map.of();
                components.add(
                        new Component(entry.getKey(), component.getStatus().getCode(), details));
                if ("certificates".equals(entry.getKey())) {
                    expiries.addAll(expiries(details));
                }
            }
        }
        return new Overview(
                all.getStatus().getCode(),
                components,
                expiries,
                broker.map(BrokerQueues::depths).orElse(List.of()),
                broker.map(queues -> queues.deadLetters(DEAD_LETTERS)).orElse(List.of()));
    }

    private static List<Expiry> expiries(Map<String, Object> details) {
        List<Expiry> expiries = new ArrayList<>();
        for (var entry : details.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> item) {
                Object end = item.containsKey("notAfter") ? item.get("notAfter") : item.get("nextUpdate");
                Object days = item.get("daysLeft");
                expiries.add(new Expiry(
                        entry.getKey(),
                        String.valueOf(item.get("subject")),
                        String.valueOf(item.get("status")),
                        String.valueOf(end),
                        days instanceof Number n ? n.longValue() : null));
            }
        }
        expiries.sort(java.util.Comparator.comparing(e -> e.daysLeft() == null ? Long.MIN_VALUE : e.daysLeft()));
        return expiries;
    }
}
