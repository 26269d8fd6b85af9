package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.Annex;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The counter {@code gateway.exchanges}: every exchange once, by direction, partner, annex, outcome and
 * reason code, counted when its transaction commits. Every label comes from a closed set (configured
 * partners, known annexes, the outcomes, the reason codes); whatever a partner wrote that is not in it
 * is counted as {@code other}, so that no label carries what a partner sent, and their number stays
 * bounded.
 */
public class ExchangeCounts {

    /** What an exchange's outcome may be named on a metric. */
    static final Set<String> OUTCOMES = Set.of(
            "ALLOW",
            "PARTIAL",
            "REFUSE",
            "PENDING_REVIEW",
            "ERROR",
            "RECEIPT",
            "RECORDED",
            "QUARANTINED",
            "REFUSED",
            "QUEUED",
            "AWAITING_CONFIRMATION");

    static final String OTHER = "other";
    static final String NONE = "none";

    private final MeterRegistry meters;
    private final Set<String> partners;
    private final Set<String> annexes;
    private final Set<String> reasons =
            Stream.of(ReasonCode.values()).map(Enum::name).collect(Collectors.toSet());

    public ExchangeCounts(MeterRegistry meters, PartnerDirectory partners, AnnexCatalogue annexes) {
        this.meters = meters;
        this.partners = partners.all().stream().map(Partner::agencyCode).collect(Collectors.toSet());
        this.annexes = annexes.all().stream().map(Annex::id).collect(Collectors.toSet());
    }

    /** Counts one exchange once the caller's transaction commits (at once when there is none). */
    public void count(String direction, String partner, String legalBasis, String outcome, String reasonCode) {
        Counter counter = Counter.builder("gateway.exchanges")
                .description("exchanges, each counted once when it is recorded")
                .tag("direction", direction)
                .tag("partner", partner != null && partners.contains(partner) ? partner : OTHER)
                .tag("annex", legalBasis == null ? NONE : annexes.contains(legalBasis) ? legalBasis : OTHER)
                .tag("outcome", outcome == null ? NONE : OUTCOMES.contains(outcome) ? outcome : OTHER)
                .tag("reason", reasonCode == null ? NONE : reasons.contains(reasonCode) ? reasonCode : OTHER)
                .register(meters);
        afterCommit(counter);
    }

    /** Counts an exchange as recorded. */
    public void count(ExchangeRecord row) {
        count(
                row.direction().name(),
                row.partner(),
                row.legalBasis(),
                row.outcome() == null ? null : row.outcome().name(),
                row.reasonCode() == null ? null : row.reasonCode().name());
    }

    /**
     * Counts a case sent to review once a supervisor confirmed its verdict ({@code gateway.reviews.decided},
     * by partner, annex and the final outcome), when the caller's transaction commits.
     */
    public void countReviewDecided(String partner, String legalBasis, String outcome) {
        Counter counter = Counter.builder("gateway.reviews.decided")
                .description("cases sent to review and decided, by their final outcome")
                .tag("partner", partner != null && partners.contains(partner) ? partner : OTHER)
                .tag("annex", legalBasis == null ? NONE : annexes.contains(legalBasis) ? legalBasis : OTHER)
                .tag("outcome", outcome == null ? NONE : OUTCOMES.contains(outcome) ? outcome : OTHER)
                .register(meters);
        afterCommit(counter);
    }

    private static void afterCommit(Counter counter) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }

    /** Counts a message quarantined before it was the partner's: no annex can be trusted of it. */
    public void countQuarantined(ExchangeRecord.Direction direction, String partner, ReasonCode reason) {
        count(direction.name(), partner, null, "QUARANTINED", reason.name());
    }
}
