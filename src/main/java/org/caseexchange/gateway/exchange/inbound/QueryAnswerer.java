package org.caseexchange.gateway.exchange.inbound;

import java.time.Clock;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.exchange.CaseQueryReader;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.DecisionSummaries;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.exchange.review.ReviewCandidates;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.rules.Decision;
import org.caseexchange.gateway.rules.QueryAssessor;

/**
 * A partner's case query: indexed by person, assessed (quota, match, rules, release), answered with a
 * caseResponse; a REVIEW outcome is answered PENDING_REVIEW and waits for an officer, with the
 * candidates matching found for the officer to confirm one of.
 */
final class QueryAnswerer implements ChannelHandler {

    private final QueryAssessor assessor;
    private final PersonIndex personIndex;
    private final CaseResponseComposer composer;
    private final ReplySealer sealer;
    private final Retention retention;
    private final ReviewCandidates candidates;
    private final AuditLog audit;
    private final Clock clock;

    QueryAnswerer(
            QueryAssessor assessor,
            PersonIndex personIndex,
            CaseResponseComposer composer,
            ReplySealer sealer,
            Retention retention,
            ReviewCandidates candidates,
            AuditLog audit,
            Clock clock) {
        this.assessor = assessor;
        this.personIndex = personIndex;
        this.composer = composer;
        this.sealer = sealer;
        this.retention = retention;
        this.candidates = candidates;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public InboundChannel channel() {
        return InboundChannel.REQUESTS;
    }

    @Override
    public ExchangeRecord handle(Authenticated in) {
        CaseQuery query = in.decoded().as(CaseQuery.class);
        CaseQueryReader.ReadQuery read = CaseQueryReader.read(query);
        personIndex.index(in.exchangeId(), read.subject());
        QueryAssessor.Assessment assessment = assessor.assess(in.partner(), read.query(), read.subject());
        Decision decision = assessment.decision();
        AuditEvent decided = AuditEvent.of(
                        decision.outcome() == Decision.Outcome.REVIEW
                                ? AuditEventType.REVIEW_REQUESTED
                                : AuditEventType.DECIDED,
                        in.exchangeId(),
                        in.partner().agencyCode())
                .withDecision(DecisionSummaries.of(decision));
        audit.record(decision.answer() == null ? decided : decided.because(decision.answer()));

        CaseResponse response = composer.compose(
                new CaseResponseComposer.Addressing(
                        RowIds.next(),
                        clock.instant(),
                        sealer.ourAgency(),
                        in.partner().agencyCode(),
                        in.messageId(),
                        in.payloadDigest()),
                decision,
                assessment.released());
        ExchangeRecord.Reply reply = sealer.seal(
                in.exchangeId(),
                in.partner(),
                response,
                in.messageId(),
                retention.until(query.getLegalBasis(), in.message().receivedAt()));
        boolean review = decision.outcome() == Decision.Outcome.REVIEW;
        if (review) {
            candidates.keep(in.exchangeId(), assessment.candidates());
        }
        ExchangeRecord.Arrival arrival = new ExchangeRecord.Arrival(
                in.exchangeId(),
                in.partner().agencyCode(),
                ExchangeRecord.Direction.INBOUND_QUERY,
                in.messageId(),
                in.message().receivedAt(),
                in.message().bodyDigest(),
                in.payloadDigest());
        if (!review) {
            return ExchangeRecord.answered(
                    arrival,
                    ExchangeRecord.Outcome.ofDecision(response.getDecision().value()),
                    decision.answer(),
                    java.util.Optional.of(reply),
                    query.getLegalBasis());
        }
        return ExchangeRecord.sentToReview(
                arrival,
                reply,
                query.getLegalBasis(),
                new ExchangeRecord.Review(decision.match().person(), decision.proposed(), read.query()));
    }
}
