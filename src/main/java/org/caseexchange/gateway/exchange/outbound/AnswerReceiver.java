package org.caseexchange.gateway.exchange.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.audit.evidence.ReceivedAnswers;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.exchange.inbound.Authenticated;
import org.caseexchange.gateway.exchange.inbound.ChannelHandler;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.ProtocolException;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Receipt;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.Sha256;

/**
 * What the partner sends back on the answers queue, after the flow authenticated it as any inbound
 * message. Each is matched to what it answers, among the messages we sent that partner: a caseResponse or
 * finalResponse to our query (the query digest must be the SHA-256 of what we signed; a finalResponse must
 * supersede the partner's PENDING_REVIEW answer), an errorReply to our query, a receipt for a message of
 * ours in the outbox (its digest must be ours too). An answer to nothing we sent that partner is refused
 * with its reason code and quarantined, never answered. A response is kept encrypted with our query until
 * the earliest of its caveats' retention and the annex's, and acknowledged by our signed receipt; an
 * errorReply or receipt is recorded and not answered.
 */
final class AnswerReceiver implements ChannelHandler {

    private static final ExchangeRecord.Outcome RECORDED = ExchangeRecord.Outcome.RECORDED;

    private final OurExchanges exchanges;
    private final ReceivedAnswers answers;
    private final Outbox outbox;
    private final ExchangeStore replies;
    private final ReplySealer sealer;
    private final Retention retention;
    private final AuditLog audit;

    AnswerReceiver(
            OurExchanges exchanges,
            ReceivedAnswers answers,
            Outbox outbox,
            ExchangeStore replies,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit) {
        this.exchanges = exchanges;
        this.answers = answers;
        this.outbox = outbox;
        this.replies = replies;
        this.sealer = sealer;
        this.retention = retention;
        this.audit = audit;
    }

    @Override
    public InboundChannel channel() {
        return InboundChannel.ANSWERS;
    }

    @Override
    public ExchangeRecord handle(Authenticated in) {
        Object message = in.decoded().message();
        if (message instanceof CaseResponse response) {
            return response(in, response);
        }
        if (message instanceof ErrorReply error) {
            return errorReply(in, error);
        }
        if (message instanceof Receipt receipt) {
            return receipt(in, receipt);
        }
        throw new ProtocolException(ReasonCode.MESSAGE_KIND_NOT_ACCEPTED, "not an answer", in.messageId());
    }

    /**
     * The partner answered a message of ours, so it reached the partner: recorded as sent if the
     * instance that sent it was halted before it could say so.
     */
    private void delivered(Partner partner, String messageId, Instant at) {
        outbox.delivered(partner.agencyCode(), messageId, at)
                .ifPresent(sent ->
                        audit.record(AuditEvent.of(AuditEventType.REPLY_SENT, sent.exchangeId(), partner.agencyCode())
                                .withDigest("sealed", Sha256.hex(sent.sealed()))));
    }

    private ExchangeRecord response(Authenticated in, CaseResponse response) {
        Partner partner = in.partner();
        delivered(partner, response.getInResponseTo(), in.message().receivedAt());
        OurExchanges.Sent query = exchanges
                .lockSent(partner.agencyCode(), response.getInResponseTo())
                .orElseThrow(() -> new ProtocolException(
                        ReasonCode.RESPONSE_UNSOLICITED, "inResponseTo names no query we sent", in.messageId()));
        if (!query.payloadDigest().equals(response.getQueryDigest())) {
            throw new ProtocolException(
                    ReasonCode.RESPONSE_DIGEST_MISMATCH, "queryDigest is not our query's", in.messageId());
        }
        boolean isFinal = response instanceof FinalResponse;
        if (isFinal
                ? query.state() != OurQueries.State.PARTNER_REVIEWING
                        || !((FinalResponse) response).getSupersedes().equals(query.partnerAnswerId())
                : query.partnerAnswerId() != null) {
            throw new ProtocolException(
                    isFinal ? ReasonCode.RESPONSE_SUPERSEDES_UNKNOWN : ReasonCode.RESPONSE_UNSOLICITED,
                    isFinal ? "supersedes no PENDING_REVIEW answer to the query" : "the query was answered already",
                    in.messageId());
        }
        Instant receivedAt = in.message().receivedAt();
        String decision = response.getDecision().value();
        OurQueries.State state =
                "PENDING_REVIEW".equals(decision) ? OurQueries.State.PARTNER_REVIEWING : OurQueries.State.ANSWERED;
        Instant retainUntil = retention.untilReceived(query.legalBasis(), receivedAt, response.getCaveat());
        answers.keep(
                in.exchangeId(),
                query.id(),
                in.decoded().kind().rootElement(),
                decision,
                receivedAt,
                retainUntil,
                response.getCaveat().stream().map(c -> c.getCode().value()).toList(),
                in.opened().payload());
        exchanges.answered(query.id(), state, decision, response.getReasonCode(), in.messageId(), receivedAt);
        record(in, query.id(), decision, query.legalBasis());
        ExchangeRecord.Reply receipt = sealer.seal(
                in.exchangeId(),
                partner,
                sealer.receipt(partner, in.messageId(), in.payloadDigest()),
                in.messageId(),
                retainUntil);
        return row(in, ExchangeRecord.Outcome.RECEIPT, Optional.of(receipt), query.legalBasis());
    }

    private ExchangeRecord errorReply(Authenticated in, ErrorReply error) {
        Partner partner = in.partner();
        if (error.getRefersTo() != null) {
            delivered(partner, error.getRefersTo(), in.message().receivedAt());
        }
        OurExchanges.Sent query = Optional.ofNullable(error.getRefersTo())
                .flatMap(refersTo -> exchanges.lockSent(partner.agencyCode(), refersTo))
                .orElseThrow(() -> new ProtocolException(
                        ReasonCode.RESPONSE_UNSOLICITED, "refersTo names no query we sent", in.messageId()));
        exchanges.answered(
                query.id(),
                OurQueries.State.PARTNER_ERROR,
                null,
                error.getReasonCode(),
                in.messageId(),
                in.message().receivedAt());
        record(in, query.id(), "ERROR", query.legalBasis());
        return row(in, RECORDED, Optional.empty(), query.legalBasis());
    }

    private ExchangeRecord receipt(Authenticated in, Receipt receipt) {
        Partner partner = in.partner();
        delivered(partner, receipt.getAcknowledges(), in.message().receivedAt());
        Optional<Outbox.Acknowledgeable> sent = outbox.lockSent(partner.agencyCode(), receipt.getAcknowledges());
        if (sent.isPresent()) {
            requireDigest(in, sent.get().payloadDigest(), receipt);
            outbox.acknowledged(
                    partner.agencyCode(),
                    receipt.getAcknowledges(),
                    in.message().receivedAt());
            record(in, sent.get().exchangeId(), "RECEIPT", null);
            return row(in, RECORDED, Optional.empty(), null);
        }
        // An answer the inbound flow sent straight away (a caseResponse, a receipt for a disclosure): a
        // partner that acknowledges every answer it accepts, as this gateway does, acknowledges those too.
        ExchangeStore.Acknowledgeable reply = replies.lockReply(partner.agencyCode(), receipt.getAcknowledges())
                .orElseThrow(() -> new ProtocolException(
                        ReasonCode.RECEIPT_UNKNOWN_MESSAGE, "acknowledges no message we sent", in.messageId()));
        requireDigest(in, reply.payloadDigest(), receipt);
        replies.replyAcknowledged(reply.exchangeId(), in.message().receivedAt());
        record(in, reply.exchangeId(), "RECEIPT", null);
        return row(in, RECORDED, Optional.empty(), null);
    }

    private static void requireDigest(Authenticated in, String ours, Receipt receipt) {
        if (ours != null && !ours.equals(receipt.getAcknowledgedDigest())) {
            throw new ProtocolException(
                    ReasonCode.RECEIPT_DIGEST_MISMATCH, "acknowledgedDigest is not our message's", in.messageId());
        }
    }

    /**
     * The answer on the exchange it answers: the digest of what the partner signed, and its decision,
     * whose rule set is named {@code partner:<agency>} since the partner's rules took it, not ours.
     */
    private void record(Authenticated in, UUID answered, String decision, String legalBasis) {
        String partner = in.partner().agencyCode();
        audit.record(AuditEvent.of(AuditEventType.ANSWER_RECORDED, answered, partner)
                .withDigest("payload", in.payloadDigest())
                .withDecision(new DecisionSummary(decision, List.of(), "partner:" + partner, legalBasis)));
    }

    private static ExchangeRecord row(
            Authenticated in, ExchangeRecord.Outcome outcome, Optional<ExchangeRecord.Reply> reply, String legalBasis) {
        return ExchangeRecord.answered(
                new ExchangeRecord.Arrival(
                        in.exchangeId(),
                        in.partner().agencyCode(),
                        ExchangeRecord.Direction.INBOUND_ANSWER,
                        in.messageId(),
                        in.message().receivedAt(),
                        in.message().bodyDigest(),
                        in.payloadDigest()),
                outcome,
                null,
                reply,
                legalBasis);
    }
}
