package org.caseexchange.gateway.exchange.review;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.ReleasedData;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.DecisionSummaries;
import org.caseexchange.gateway.exchange.ExchangeLogContext;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Decision;
import org.caseexchange.gateway.rules.QueryAssessor;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes the cases the rules sent to an officer. One transaction per verdict: the final response is
 * decided, built, sealed and kept as evidence, the exchange marked REVIEWED with the officer and the
 * justification, a REVIEW_DECIDED entry written (the officer as actor, the justification's SHA-256 as
 * its {@code justification} digest) and the sealed answer put in the outbox; the outbox
 * route sends it. A case is decided once: a second verdict on it is refused.
 */
public class ReviewDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReviewDecisions.class);

    /** Thrown when the exchange is not (or no longer) waiting for a review. */
    public static final class NotPendingException extends RuntimeException {
        NotPendingException(UUID exchangeId) {
            super("exchange " + exchangeId + " is not waiting for a review");
        }
    }

    /** What was decided and queued: the outcome and the messageId of the final response. */
    public record Completed(UUID exchangeId, String outcome, String finalResponseId) {}

    private final ExchangeStore store;
    private final Outbox outbox;
    private final PartnerDirectory partners;
    private final CaseDataRepository caseData;
    private final QueryAssessor assessor;
    private final CaseResponseComposer composer;
    private final ReplySealer sealer;
    private final Retention retention;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReviewDecisions(
            ExchangeStore store,
            Outbox outbox,
            PartnerDirectory partners,
            CaseDataRepository caseData,
            QueryAssessor assessor,
            CaseResponseComposer composer,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.partners = partners;
        this.caseData = caseData;
        this.assessor = assessor;
        this.composer = composer;
        this.sealer = sealer;
        this.retention = retention;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The cases waiting for an officer, oldest first. */
    public List<ExchangeRecord> pending() {
        return store.inState(ExchangeRecord.State.PENDING_REVIEW);
    }

    /**
     * @throws NotPendingException when the case is not waiting for review
     * @throws IllegalArgumentException when the verdict does not fit the case (an element that was not
     *     proposed, an approval without a confirmed person or an annex the partner may rely on)
     */
    public Completed complete(ReviewVerdict verdict) {
        try (ExchangeLogContext tagged = ExchangeLogContext.open(verdict.exchangeId())) {
            Completed completed = transactions.execute(status -> decide(verdict));
            log.info("exchange {} reviewed: {}, final response queued", completed.exchangeId(), completed.outcome());
            return completed;
        }
    }

    private Completed decide(ReviewVerdict verdict) {
        ExchangeRecord pending = store.find(verdict.exchangeId())
                .filter(row -> row.state() == ExchangeRecord.State.PENDING_REVIEW)
                .orElseThrow(() -> new NotPendingException(verdict.exchangeId()));
        Partner partner = partners.find(pending.partner())
                .orElseThrow(() -> new IllegalStateException(
                        "exchange " + pending.id() + " is with a partner no longer configured"));
        Instant now = clock.instant();
        Decision decision;
        ReleasedData released;
        if (verdict.approves()) {
            PersonRecord person = Optional.ofNullable(pending.subjectPerson())
                    .flatMap(caseData::load)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no confirmed person on exchange " + pending.id() + ": it can only be refused"));
            if (pending.reviewQuery() == null) {
                throw new IllegalArgumentException(
                        "exchange " + pending.id() + " keeps no query to decide again: it can only be refused");
            }
            QueryAssessor.Assessment assessment = assessor.approvedOnReview(
                    partner, pending.reviewQuery(), person, proposedOf(pending), verdict.approved());
            decision = assessment.decision();
            released = assessment.released();
        } else {
            decision = assessor.refusedOnReview(partner, pending.legalBasis(), verdict.refusal());
            released = ReleasedData.NOTHING;
        }
        AuditEvent decided = AuditEvent.of(AuditEventType.REVIEW_DECIDED, pending.id(), pending.partner())
                .withDecision(DecisionSummaries.of(decision))
                .by(verdict.officer())
                .withDigest("justification", Sha256.hex(verdict.justification().getBytes(StandardCharsets.UTF_8)));
        audit.record(decision.answer() == null ? decided : decided.because(decision.answer()));

        String supersedes = pending.reply()
                .orElseThrow(() -> new IllegalStateException("a pending case without its pending answer"))
                .messageId();
        FinalResponse answer = composer.composeFinal(
                new CaseResponseComposer.Addressing(
                        UUID.randomUUID(),
                        now,
                        sealer.ourAgency(),
                        pending.partner(),
                        pending.messageKey(),
                        pending.payloadDigest()),
                decision,
                released,
                supersedes);
        ReplySealer.Sealed sealed = sealer.sealWithDigest(
                pending.id(), partner, answer, pending.messageKey(), retention.until(pending.legalBasis(), now));
        ExchangeRecord.Reply reply = sealed.reply();
        if (!store.markReviewed(
                pending.id(), answer.getDecision().value(), verdict.officer(), verdict.justification(), now)) {
            throw new NotPendingException(pending.id());
        }
        outbox.enqueue(pending.id(), pending.partner(), partner.destinations().responsesOut(), sealed, now);
        return new Completed(pending.id(), answer.getDecision().value(), reply.messageId());
    }

    private static Set<DataElement> proposedOf(ExchangeRecord pending) {
        if (pending.reviewElements() == null || pending.reviewElements().isBlank()) {
            return Set.of();
        }
        return Arrays.stream(pending.reviewElements().split(","))
                .map(DataElement::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataElement.class)));
    }
}
