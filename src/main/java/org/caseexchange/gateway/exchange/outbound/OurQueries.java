package org.caseexchange.gateway.exchange.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.audit.evidence.PendingQueries;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.exchange.CaseQueryReader;
import org.caseexchange.gateway.exchange.ExchangeLogContext;
import org.caseexchange.gateway.exchange.MessageHeaders;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.rules.OutgoingDecision;
import org.caseexchange.gateway.rules.OutgoingQueryAssessor;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queries our officers send a partner. Before anything is sealed our rules decide whether it may
 * leave ({@link OutgoingQueryAssessor}). One that may is written as a caseQuery with only what the rules
 * let it ask and disclose, sealed to the partner's current encryption certificate, kept as evidence, and
 * put in the outbox in the same database transaction as its exchange row, its decision and its audit
 * entries; the outbox route sends it. A crash therefore never sends a query that was not recorded, and
 * the outbox marks one sent only once the broker took it. One the rules send for confirmation waits,
 * encrypted at rest, for a second officer, and is decided again when confirmed.
 */
public class OurQueries {

    /** The states of one of our queries in the exchange table. */
    public enum State {
        /** Waiting for a second officer. */
        AWAITING_CONFIRMATION,
        /** Sealed and in the outbox (sent once the outbox marks it so). */
        QUEUED,
        /** Refused by our rules; nothing left. */
        REFUSED,
        /** The partner answered (its caseResponse, or its finalResponse after a review on its side). */
        ANSWERED,
        /** The partner answered PENDING_REVIEW: its finalResponse is still to come. */
        PARTNER_REVIEWING,
        /** The partner refused the message itself with an errorReply (its reason code is kept). */
        PARTNER_ERROR
    }

    /** What became of a query: its exchange, the decision, and the messageId it leaves with, if it does. */
    public record Outcome(UUID exchangeId, State state, OutgoingDecision decision, Optional<String> messageId) {}

    /** A query of ours that left at {@code sentAt} and that the partner has not answered. */
    public record Overdue(UUID exchangeId, String partner, Instant sentAt) {}

    /** A confirmation by the officer who asked, of a query that does not wait for one, or a resend it refuses. */
    public static final class ConfirmationRefused extends IllegalStateException {
        ConfirmationRefused(String problem) {
            super(problem);
        }
    }

    private final PartnerDirectory partners;
    private final OutgoingQueryAssessor assessor;
    private final OurExchanges exchanges;
    private final PendingQueries pending;
    private final ProtocolCodec codec;
    private final ReplySealer sealer;
    private final Outbox outbox;
    private final Retention retention;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final java.time.Duration answerWithin;
    private final Clock clock;

    OurQueries(
            PartnerDirectory partners,
            OutgoingQueryAssessor assessor,
            OurExchanges exchanges,
            PendingQueries pending,
            ProtocolCodec codec,
            ReplySealer sealer,
            Outbox outbox,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            java.time.Duration answerWithin,
            Clock clock) {
        this.partners = partners;
        this.assessor = assessor;
        this.exchanges = exchanges;
        this.pending = pending;
        this.codec = codec;
        this.sealer = sealer;
        this.outbox = outbox;
        this.retention = retention;
        this.audit = audit;
        this.transactions = transactions;
        this.answerWithin = answerWithin;
        this.clock = clock;
    }

    /**
     * What the rules would decide about the query now, before the officer sends it: nothing is written,
     * recorded or counted against the quota, and nothing leaves. {@link #ask} decides again.
     *
     * @throws IllegalArgumentException when the partner is not one we exchange with
     * @throws org.caseexchange.gateway.protocol.ProtocolException when the query breaks the protocol's
     *     schema (XML_OUTBOUND_INVALID)
     */
    public OutgoingDecision preview(OurQuery query) {
        Partner partner = partners.find(query.partner())
                .orElseThrow(() -> new IllegalArgumentException("no configured partner " + query.partner()));
        CaseQuery written = CaseQueryWriter.asWritten(query, RowIds.next(), clock.instant(), sealer.ourAgency());
        // The same schema check as at sealing: a query that could not be written is refused now.
        codec.encode(written);
        CaseQueryReader.ReadQuery read = CaseQueryReader.read(written);
        return assessor.assess(partner, read.query(), read.subject(), false);
    }

    /**
     * Decides an officer's query and, as far as the rules allow, sends it.
     *
     * @throws IllegalArgumentException when the partner is not one we exchange with
     */
    public Outcome ask(OurQuery query) {
        Partner partner = partners.find(query.partner())
                .orElseThrow(() -> new IllegalArgumentException("no configured partner " + query.partner()));
        UUID exchangeId = RowIds.next();
        UUID messageId = RowIds.next();
        try (ExchangeLogContext context = ExchangeLogContext.open(exchangeId)) {
            return transactions.execute(status -> {
                Instant now = clock.instant();
                CaseQuery written = CaseQueryWriter.asWritten(query, messageId, now, sealer.ourAgency());
                CaseQueryReader.ReadQuery read = CaseQueryReader.read(written);
                OutgoingDecision decision = assessor.assess(partner, read.query(), read.subject(), true);
                State state = switch (decision.outcome()) {
                    case SEND -> State.QUEUED;
                    case CONFIRM -> State.AWAITING_CONFIRMATION;
                    case REFUSE -> State.REFUSED;
                };
                exchanges.insert(
                        exchangeId,
                        partner.agencyCode(),
                        messageId.toString(),
                        state,
                        decision,
                        read.query(),
                        query.officer(),
                        now);
                audit.record(AuditEvent.of(AuditEventType.QUERY_REQUESTED, exchangeId, partner.agencyCode())
                        .by(query.officer())
                        .withDigest("justification", Sha256.hex(justification(query))));
                audit.record(decided(exchangeId, partner, decision));
                CaseQuery leaving = CaseQueryWriter.minimised(written, decision);
                return switch (decision.outcome()) {
                    case SEND -> queued(exchangeId, partner, leaving, decision, now);
                    case CONFIRM -> {
                        pending.keep(exchangeId, codec.encode(leaving), now);
                        yield new Outcome(exchangeId, state, decision, Optional.empty());
                    }
                    case REFUSE -> new Outcome(exchangeId, state, decision, Optional.empty());
                };
            });
        }
    }

    /**
     * A second officer confirms a query the rules sent for confirmation: it is decided again on today's
     * facts (without counting it against the quota a second time) and, unless the rules now refuse it,
     * sealed with a fresh creation time and put in the outbox.
     *
     * @throws ConfirmationRefused when the officer is the one who asked, or the query does not wait
     */
    public Outcome confirm(UUID exchangeId, String officer) {
        try (ExchangeLogContext context = ExchangeLogContext.open(exchangeId)) {
            return transactions.execute(status -> {
                OurExchanges.Row row = exchanges
                        .lockAwaiting(exchangeId)
                        .orElseThrow(
                                () -> new ConfirmationRefused("no query of ours waits for confirmation under this id"));
                if (row.requestedBy().equals(officer)) {
                    throw new ConfirmationRefused(
                            "the officer who asked cannot confirm the query: a second officer must");
                }
                Partner partner = partners.find(row.partner())
                        .orElseThrow(() -> new ConfirmationRefused("the partner is no longer configured"));
                Instant now = clock.instant();
                CaseQuery query =
                        codec.decode(pending.read(exchangeId).orElseThrow()).as(CaseQuery.class);
                query.getHeader().setCreatedAt(MessageHeaders.time(now));
                CaseQueryReader.ReadQuery read = CaseQueryReader.read(query);
                OutgoingDecision decision = assessor.assess(partner, read.query(), read.subject(), false);
                audit.record(AuditEvent.of(AuditEventType.QUERY_CONFIRMED, exchangeId, partner.agencyCode())
                        .by(officer));
                audit.record(decided(exchangeId, partner, decision));
                pending.remove(exchangeId);
                if (decision.outcome() == OutgoingDecision.Outcome.REFUSE) {
                    exchanges.confirmed(exchangeId, State.REFUSED, decision, officer, now);
                    return new Outcome(exchangeId, State.REFUSED, decision, Optional.empty());
                }
                exchanges.confirmed(exchangeId, State.QUEUED, decision, officer, now);
                return queued(exchangeId, partner, CaseQueryWriter.minimised(query, decision), decision, now);
            });
        }
    }

    /** Our queries the partner has not answered within {@code gateway.exchange.answer-within}, oldest first. */
    public java.util.List<Overdue> overdue() {
        return exchanges.unansweredSince(clock.instant().minus(answerWithin));
    }

    /**
     * An officer sends an unanswered query of ours again: the same bytes, which the partner recognises
     * by their messageId, at the outbox's next round. A partner that never had the first copy refuses
     * one older than its freshness window as stale; the officer then asks again.
     *
     * @throws ConfirmationRefused when the query has not left, or the partner answered it
     */
    public void resend(UUID exchangeId, String officer) {
        try (ExchangeLogContext context = ExchangeLogContext.open(exchangeId)) {
            transactions.executeWithoutResult(status -> {
                String partner = exchanges
                        .lockUnanswered(exchangeId)
                        .orElseThrow(() -> new ConfirmationRefused("no unanswered query of ours has this id"));
                if (!outbox.requeue(exchangeId)) {
                    throw new ConfirmationRefused("the query has not left yet");
                }
                audit.record(AuditEvent.of(AuditEventType.OFFICER_ACTION, exchangeId, partner)
                        .by(officer));
            });
        }
    }

    private Outcome queued(UUID exchangeId, Partner partner, CaseQuery query, OutgoingDecision decision, Instant now) {
        ReplySealer.Sealed sealed =
                sealer.sealWithDigest(exchangeId, partner, query, null, retention.until(query.getLegalBasis(), now));
        exchanges.sealed(exchangeId, sealed.payloadDigest());
        outbox.enqueue(exchangeId, partner.agencyCode(), partner.destinations().queriesOut(), sealed, now);
        return new Outcome(
                exchangeId, State.QUEUED, decision, Optional.of(sealed.reply().messageId()));
    }

    private static AuditEvent decided(UUID exchangeId, Partner partner, OutgoingDecision decision) {
        AuditEvent event = AuditEvent.of(AuditEventType.DECIDED, exchangeId, partner.agencyCode())
                .withDecision(new DecisionSummary(
                        decision.outcome().name(), decision.citedRuleIds(), decision.ruleSet(), decision.annex()));
        return decision.refusal() == null ? event : event.because(decision.refusal());
    }

    private static byte[] justification(OurQuery query) {
        return (query.justification() == null ? "" : query.justification())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
