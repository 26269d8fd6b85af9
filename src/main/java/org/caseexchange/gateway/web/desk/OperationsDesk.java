package org.caseexchange.gateway.web.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caseexchange.gateway.messaging.BrokerQueues;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;

/**
 * What operators watch: health in detail, every certificate and CRL with the days it has left, the
 * embedded broker's queue depths and its dead letters by reason code. Never case content.
 */
public class OperationsDesk {

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

    public OperationsDesk(HealthEndpoint health, java.util.Optional<BrokerQueues> broker) {
        this.health = health;
        this.broker = broker;
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
