package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.messaging.BrokerDeadLetters;
import org.caseexchange.gateway.messaging.DeadLetterQueues;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts in the audit log each message the broker dead-lettered on its own: most often an answer that a
 * partner's client gave up on, which the partner then never had although the gateway sent it. The entry
 * is a {@code DEAD_LETTERED} with {@code DELIVERY_ATTEMPTS_EXHAUSTED}, on the exchange the answer belongs
 * to when there is one, with the digest of the message as it lies in {@code DLQ.<queue>}.
 */
class BrokerDeadLetterRecorder implements BrokerDeadLetters.Listener {

    private static final Logger log = LoggerFactory.getLogger(BrokerDeadLetterRecorder.class);

    private final PartnerDirectory partners;
    private final ExchangeStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    BrokerDeadLetterRecorder(
            PartnerDirectory partners,
            ExchangeStore store,
            AuditLog audit,
            TransactionTemplate transactions,
            MeterRegistry meters) {
        this.partners = partners;
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.meters = meters;
    }

    @Override
    public void deadLettered(BrokerDeadLetters.DeadLetter letter) {
        if (letter.discarded()) {
            discarded(letter);
            return;
        }
        Optional<Partner> partner = letter.queue() == null ? Optional.empty() : partners.ownerOf(letter.queue());
        String partnerCode = partner.map(Partner::agencyCode).orElse(null);
        UUID exchangeId = partner.filter(
                        p -> p.destinations().responsesOut().equals(letter.queue()) && letter.correlationId() != null)
                .flatMap(p -> store.findByMessageKey(
                        p.agencyCode(), ExchangeRecord.Direction.INBOUND_QUERY, letter.correlationId()))
                .map(ExchangeRecord::id)
                .orElseGet(UUID::randomUUID);
        AuditEvent event = AuditEvent.of(AuditEventType.DEAD_LETTERED, exchangeId, partnerCode)
                .because(ReasonCode.DELIVERY_ATTEMPTS_EXHAUSTED);
        AuditEvent recorded = letter.sealedDigest() == null ? event : event.withDigest("sealed", letter.sealedDigest());
        transactions.executeWithoutResult(status -> audit.record(recorded));
        // Queue names are agency codes and roles, never personal data.
        Counter.builder("gateway.broker.dead-lettered")
                .description("Messages the broker moved to a dead-letter queue on its own")
                .tag("queue", partner.isPresent() ? letter.queue() : "other")
                .register(meters)
                .increment();
        log.warn(
                "exchange {}: the broker moved a message of {} to {} ({})",
                exchangeId,
                letter.queue(),
                DeadLetterQueues.of(letter.queue()),
                letter.cause());
    }

    /** A message expired in a dead-letter queue: the broker discarded it; its digest stays here. */
    private void discarded(BrokerDeadLetters.DeadLetter letter) {
        String original = letter.queue() != null && letter.queue().startsWith(DeadLetterQueues.PREFIX)
                ? letter.queue().substring(DeadLetterQueues.PREFIX.length())
                : letter.queue();
        Optional<Partner> partner = original == null ? Optional.empty() : partners.ownerOf(original);
        UUID entry = RowIds.next();
        AuditEvent event = AuditEvent.of(
                        AuditEventType.DEAD_LETTER_DISCARDED,
                        entry,
                        partner.map(Partner::agencyCode).orElse(null))
                .because(ReasonCode.DEAD_LETTER_EXPIRED);
        AuditEvent recorded = letter.sealedDigest() == null ? event : event.withDigest("sealed", letter.sealedDigest());
        transactions.executeWithoutResult(status -> audit.record(recorded));
        Counter.builder("gateway.broker.dead-letters-discarded")
                .description("Messages that expired in a dead-letter queue")
                .tag("queue", partner.isPresent() ? letter.queue() : "other")
                .register(meters)
                .increment();
        log.warn("exchange {}: a message expired in {} and was discarded", entry, letter.queue());
    }
}
