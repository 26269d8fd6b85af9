package org.caseexchange.gateway.exchange.review;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.ReleasedData;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.DecisionSummaries;
import org.caseexchange.gateway.exchange.ExchangeCounts;
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
 * Completes the cases the rules sent to an officer, with four eyes: an officer proposes a verdict
 * ({@link #propose}), and a supervisor who is not that person confirms it ({@link #confirm}) or rejects
 * it ({@link #reject}), after which the case waits for a new proposal. Both steps are audit entries
 * (the person as actor, the justification's SHA-256 as its {@code justification} digest).
 *
 * <p>A confirmation is one transaction: the final response is decided again on the current facts,
 * built, sealed and kept as evidence, the exchange marked REVIEWED with the proposing officer, the
 * confirming supervisor and the justification, a REVIEW_DECIDED entry written and the sealed answer
 * put in the outbox; the outbox route sends it. A case is decided once.
 */
public class ReviewDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReviewDecisions.class);

    /** Why a step of a review was refused; the message names no person and no case content. */
    public static final class ReviewRefused extends RuntimeException {

        public enum Why {
            /** The exchange is not (or no longer) waiting for a review. */
            NOT_PENDING,
            /** A proposal already waits for a supervisor. */
            ALREADY_PROPOSED,
            /** No proposal waits for a supervisor. */
            NOT_PROPOSED,
            /** The supervisor is the person who proposed: four eyes means two people. */
            SAME_PERSON
        }

        private final Why why;

        ReviewRefused(Why why, UUID exchangeId) {
            super(
                    switch (why) {
                        case NOT_PENDING -> "exchange " + exchangeId + " is not waiting for a review";
                        case ALREADY_PROPOSED ->
                            "exchange " + exchangeId + " already has a proposal waiting for a supervisor";
                        case NOT_PROPOSED -> "exchange " + exchangeId + " has no proposal waiting for a supervisor";
                        case SAME_PERSON ->
                            "the officer who proposed cannot confirm or reject the proposal: a second person must";
                    });
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /** What was decided and queued: the outcome and the messageId of the final response. */
    public record Completed(UUID exchangeId, String outcome, String finalResponseId) {}

    private final ExchangeStore store;
    private final ReviewProposals proposals;
    private final ReviewCandidates candidates;
    private final ExchangeCounts counts;
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
            ReviewProposals proposals,
            ReviewCandidates candidates,
            ExchangeCounts counts,
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
        this.proposals = proposals;
        this.candidates = candidates;
        this.counts = counts;
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

    /** The proposal that waits for a supervisor on this case, if any. */
    public Optional<ReviewVerdict> proposal(UUID exchangeId) {
        return proposals.find(exchangeId);
    }

    /** The persons the case may be about, best first, as matching scored them. */
    public List<PersonMatcher.Scored> candidates(UUID exchangeId) {
        return candidates.of(exchangeId);
    }

    /** Every proposal that waits for a supervisor, oldest first. */
    public List<ReviewVerdict> proposals() {
        return proposals.all();
    }

    /**
     * An officer proposes a verdict; nothing is sent until a supervisor confirms it.
     *
     * @throws ReviewRefused when the case is not waiting for review or already has a proposal
     * @throws IllegalArgumentException when the verdict does not fit the case (an element that was not
     *     proposed; an approval about someone other than the person matching found, or, where it found
     *     no single person, about no candidate or a person who was not one; no query to decide again on)
     */
    public void propose(ReviewVerdict verdict) {
        try (ExchangeLogContext tagged = ExchangeLogContext.open(verdict.exchangeId())) {
            transactions.executeWithoutResult(status -> {
                ExchangeRecord pending = pendingCase(verdict.exchangeId());
                Optional<UUID> about = Optional.empty();
                if (verdict.approves()) {
                    if (pending.reviewQuery() == null) {
                        throw new IllegalArgumentException(
                                "no query kept on exchange " + pending.id() + ": it can only be refused");
                    }
                    if (!proposedOf(pending).containsAll(verdict.approved())) {
                        throw new IllegalArgumentException("an approval releases only elements the rules proposed");
                    }
                    about = Optional.of(personOf(pending, verdict));
                }
                if (!proposals.insert(verdict, clock.instant())) {
                    throw new ReviewRefused(ReviewRefused.Why.ALREADY_PROPOSED, pending.id());
                }
                AuditEvent proposed = AuditEvent.of(AuditEventType.REVIEW_PROPOSED, pending.id(), pending.partner())
                        .by(verdict.officer())
                        .withDigest("justification", digest(verdict.justification()));
                audit.record(about.map(person -> proposed.withDigest("person", personDigest(person)))
                        .orElse(proposed));
            });
            log.info("exchange {} review proposed, waiting for a supervisor", verdict.exchangeId());
        }
    }

    /**
     * A supervisor confirms the proposal, which then decides the case and queues the final response.
     *
     * @throws ReviewRefused when there is no proposal, or the supervisor proposed it
     */
    public Completed confirm(UUID exchangeId, String supervisor) {
        try (ExchangeLogContext tagged = ExchangeLogContext.open(exchangeId)) {
            Completed completed = transactions.execute(status -> {
                ReviewVerdict verdict = proposalOf(exchangeId, supervisor);
                Completed decided = decide(verdict, supervisor);
                proposals.remove(exchangeId);
                return decided;
            });
            log.info("exchange {} reviewed: {}, final response queued", completed.exchangeId(), completed.outcome());
            return completed;
        }
    }

    /**
     * A supervisor rejects the proposal; the case waits for a new one.
     *
     * @throws ReviewRefused when there is no proposal, or the supervisor proposed it
     */
    public void reject(UUID exchangeId, String supervisor, String justification) {
        if (justification == null
                || justification.isBlank()
                || justification.length() > ReviewVerdict.MAX_JUSTIFICATION) {
            throw new IllegalArgumentException(
                    "a rejection needs a justification of at most " + ReviewVerdict.MAX_JUSTIFICATION + " characters");
        }
        try (ExchangeLogContext tagged = ExchangeLogContext.open(exchangeId)) {
            transactions.executeWithoutResult(status -> {
                proposalOf(exchangeId, supervisor);
                ExchangeRecord pending = pendingCase(exchangeId);
                proposals.remove(exchangeId);
                audit.record(AuditEvent.of(AuditEventType.REVIEW_PROPOSAL_REJECTED, exchangeId, pending.partner())
                        .by(supervisor)
                        .withDigest("justification", digest(justification)));
            });
            log.info("exchange {} review proposal rejected, waiting for a new proposal", exchangeId);
        }
    }

    private ReviewVerdict proposalOf(UUID exchangeId, String supervisor) {
        ReviewVerdict verdict = proposals
                .lock(exchangeId)
                .orElseThrow(() -> new ReviewRefused(ReviewRefused.Why.NOT_PROPOSED, exchangeId));
        if (verdict.officer().equals(supervisor)) {
            throw new ReviewRefused(ReviewRefused.Why.SAME_PERSON, exchangeId);
        }
        return verdict;
    }

    private ExchangeRecord pendingCase(UUID exchangeId) {
        return store.find(exchangeId)
                .filter(row -> row.state() == ExchangeRecord.State.PENDING_REVIEW)
                .orElseThrow(() -> new ReviewRefused(ReviewRefused.Why.NOT_PENDING, exchangeId));
    }

    private static String digest(String justification) {
        return Sha256.hex(justification.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the chain records of the person a review released data about: the SHA-256 of the internal
     * id, which an export shows in clear beside it (docs/audit.md, "Reviews").
     */
    public static String personDigest(UUID person) {
        return Sha256.hex(person.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The person an approval is about: the one matching found, or, where it found no single person, the
     * candidate the officer confirmed, which must be one of those kept with the case.
     */
    private UUID personOf(ExchangeRecord pending, ReviewVerdict verdict) {
        if (pending.subjectPerson() != null) {
            if (verdict.person().isPresent() && !verdict.person().get().equals(pending.subjectPerson())) {
                throw new IllegalArgumentException(
                        "matching found one person on exchange " + pending.id() + ": an approval is about that person");
            }
            return pending.subjectPerson();
        }
        UUID chosen = verdict.person()
                .orElseThrow(() -> new IllegalArgumentException("matching found no single person on exchange "
                        + pending.id() + ": an approval names the candidate the officer confirms"));
        if (candidates.of(pending.id()).stream()
                .noneMatch(candidate -> candidate.person().equals(chosen))) {
            throw new IllegalArgumentException(
                    "person " + chosen + " is not one of the candidates of exchange " + pending.id());
        }
        return chosen;
    }

    private Completed decide(ReviewVerdict verdict, String supervisor) {
        ExchangeRecord pending = pendingCase(verdict.exchangeId());
        Partner partner = partners.find(pending.partner())
                .orElseThrow(() -> new IllegalStateException(
                        "exchange " + pending.id() + " is with a partner no longer configured"));
        Instant now = clock.instant();
        Decision decision;
        ReleasedData released;
        Optional<UUID> about = Optional.empty();
        if (verdict.approves()) {
            UUID confirmed = personOf(pending, verdict);
            PersonRecord person = caseData.load(confirmed)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "person " + confirmed + " of exchange " + pending.id() + " is no longer on file"));
            if (pending.reviewQuery() == null) {
                throw new IllegalArgumentException(
                        "exchange " + pending.id() + " keeps no query to decide again: it can only be refused");
            }
            QueryAssessor.Assessment assessment = assessor.approvedOnReview(
                    partner, pending.reviewQuery(), person, proposedOf(pending), verdict.approved());
            decision = assessment.decision();
            released = assessment.released();
            about = Optional.of(confirmed);
        } else {
            decision = assessor.refusedOnReview(partner, pending.legalBasis(), verdict.refusal());
            released = ReleasedData.NOTHING;
        }
        AuditEvent decided = AuditEvent.of(AuditEventType.REVIEW_DECIDED, pending.id(), pending.partner())
                .withDecision(DecisionSummaries.of(decision))
                .by(supervisor)
                .withDigest("justification", digest(verdict.justification()));
        if (about.isPresent()) {
            decided = decided.withDigest("person", personDigest(about.get()));
        }
        audit.record(decision.answer() == null ? decided : decided.because(decision.answer()));

        String supersedes = pending.reply()
                .orElseThrow(() -> new IllegalStateException("a pending case without its pending answer"))
                .messageId();
        FinalResponse answer = composer.composeFinal(
                new CaseResponseComposer.Addressing(
                        RowIds.next(),
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
                pending.id(),
                answer.getDecision().value(),
                about.orElse(null),
                verdict.officer(),
                supervisor,
                verdict.justification(),
                now)) {
            throw new ReviewRefused(ReviewRefused.Why.NOT_PENDING, pending.id());
        }
        outbox.enqueue(pending.id(), pending.partner(), partner.destinations().responsesOut(), sealed, now);
        counts.countReviewDecided(
                pending.partner(), pending.legalBasis(), answer.getDecision().value());
        return new Completed(pending.id(), answer.getDecision().value(), reply.messageId());
    }

    private static Set<DataElement> proposedOf(ExchangeRecord pending) {
        return pending.reviewElements();
    }
}
