package org.caseexchange.gateway.exchange.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.envelope.EnvelopeException;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.exchange.CrashPoints;
import org.caseexchange.gateway.exchange.Disposition;
import org.caseexchange.gateway.exchange.ExchangeCounts;
import org.caseexchange.gateway.exchange.ExchangeLogContext;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.InboundMessage;
import org.caseexchange.gateway.exchange.ProcessingFaults;
import org.caseexchange.gateway.exchange.RefusedEvidence;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.messaging.DeadLetterQueues;
import org.caseexchange.gateway.protocol.DecodedMessage;
import org.caseexchange.gateway.protocol.HeaderCheck;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolException;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.ProactiveDisclosure;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every message on a partner's inbound queue goes through, in the order of docs/protocol.md
 * section 2: size and type, the same bytes seen before, the envelope, the document, identity,
 * duplicates by message id, freshness, then its channel's handler. Each outcome commits in one database
 * transaction (exchange row, evidence, audit entries, the sealed answer) and comes back as a
 * {@link Disposition} for the route to carry out in the consume's JMS transaction.
 *
 * <p>Before the sender is authenticated nothing is answered (quarantine); after it, every refusal is a
 * signed errorReply. A failure of the database or broker is thrown and rolls everything back.
 */
public class InboundFlow {

    private static final Logger log = LoggerFactory.getLogger(InboundFlow.class);

    private final SecureEnvelope envelope;
    private final ProtocolCodec codec;
    private final HeaderCheck headerCheck;
    private final ExchangeStore store;
    private final EvidenceStore evidence;
    private final AuditLog audit;
    private final ReplySealer sealer;
    private final Retention retention;
    private final RefusedEvidence refusedEvidence;
    private final ExchangeCounts counts;
    private final ProcessingFaults faults;
    private final CrashPoints crashPoints;
    private final TransactionTemplate transactions;
    private final Map<InboundChannel, ChannelHandler> handlers = new EnumMap<>(InboundChannel.class);

    InboundFlow(
            SecureEnvelope envelope,
            ProtocolCodec codec,
            HeaderCheck headerCheck,
            ExchangeStore store,
            EvidenceStore evidence,
            AuditLog audit,
            ReplySealer sealer,
            Retention retention,
            RefusedEvidence refusedEvidence,
            ExchangeCounts counts,
            ProcessingFaults faults,
            CrashPoints crashPoints,
            TransactionTemplate transactions,
            List<ChannelHandler> handlers) {
        this.envelope = envelope;
        this.codec = codec;
        this.headerCheck = headerCheck;
        this.store = store;
        this.evidence = evidence;
        this.audit = audit;
        this.sealer = sealer;
        this.retention = retention;
        this.refusedEvidence = refusedEvidence;
        this.counts = counts;
        this.faults = faults;
        this.crashPoints = crashPoints;
        this.transactions = transactions;
        for (ChannelHandler handler : handlers) {
            if (this.handlers.put(handler.channel(), handler) != null) {
                throw new IllegalStateException("two handlers for the channel " + handler.channel());
            }
        }
    }

    public Disposition receive(InboundMessage message) {
        crashPoints.reach(CrashPoints.AFTER_RECEIVE);
        // The id this message's exchange gets if it is not one seen before; every line about it carries it.
        UUID exchangeId = RowIds.next();
        ExchangeLogContext.tag(exchangeId);
        if (message.unreadable() != null) {
            return quarantine(exchangeId, message, message.unreadable(), AuditEventType.QUARANTINED);
        }
        if (!message.isBytes()) {
            return quarantine(exchangeId, message, ReasonCode.TRANSPORT_NOT_BYTES, AuditEventType.QUARANTINED);
        }
        if (message.tooLarge()) {
            return quarantine(exchangeId, message, ReasonCode.ENVELOPE_TOO_LARGE, AuditEventType.QUARANTINED);
        }
        ExchangeRecord.Direction direction = directionOf(message.channel());
        Optional<ExchangeRecord> sameBytes =
                store.findBySealedBytes(message.partner().agencyCode(), direction, message.bodyDigest());
        if (sameBytes.isPresent()) {
            return repeat(sameBytes.get(), message);
        }
        if (faults.exhausted(message)) {
            return quarantine(
                    exchangeId, message, ReasonCode.DELIVERY_ATTEMPTS_EXHAUSTED, AuditEventType.DEAD_LETTERED);
        }
        OpenedEnvelope opened;
        try {
            opened = envelope.open(message.body(), message.partner());
        } catch (EnvelopeException e) {
            return quarantine(exchangeId, message, e.reason(), AuditEventType.QUARANTINED);
        }
        byte[] payload = opened.payload();
        String payloadDigest = Sha256.hex(payload);
        Opened theirs = new Opened(exchangeId, message, opened, payloadDigest, direction);
        DecodedMessage decoded;
        try {
            decoded = codec.decode(payload);
        } catch (ProtocolException e) {
            ExchangeLogContext.tagMessage(e.referencedMessageId().orElse(null));
            return refuse(theirs, Refusal.of(e.referencedMessageId().orElse(null), null, e));
        }
        String messageId = decoded.header().getMessageId();
        ExchangeLogContext.tagMessage(messageId);
        try {
            headerCheck.checkIdentity(
                    decoded, message.channel(), message.partner().agencyCode());
        } catch (ProtocolException e) {
            if (decoded.kind() == MessageKind.ERROR_REPLY) {
                // An errorReply is never answered, so a misplaced one cannot start a loop between gateways.
                return quarantine(exchangeId, message, e.reason(), AuditEventType.REFUSED);
            }
            return refuse(theirs, Refusal.of(messageId, legalBasisOf(decoded), e));
        }
        Optional<ExchangeRecord> sameId =
                store.findByMessageKey(message.partner().agencyCode(), direction, messageId);
        if (sameId.isPresent()) {
            if (payloadDigest.equals(sameId.get().payloadDigest())) {
                return repeat(sameId.get(), message);
            }
            return refuse(
                    theirs,
                    Refusal.of(
                            messageId,
                            null,
                            new ProtocolException(
                                    ReasonCode.DUPLICATE_ID_CONFLICT,
                                    "this messageId was used before for another message",
                                    messageId)));
        }
        try {
            headerCheck.checkFreshness(decoded, opened.signingTime(), message.receivedAt());
        } catch (ProtocolException e) {
            return refuse(theirs, Refusal.of(messageId, legalBasisOf(decoded), e));
        }
        ChannelHandler handler = handlers.get(message.channel());
        Authenticated authenticated = new Authenticated(exchangeId, message, opened, payloadDigest, decoded);
        try {
            return commit(authenticated, () -> {
                keepReceived(authenticated, legalBasisOf(decoded));
                return handler.handle(authenticated);
            });
        } catch (ProtocolException e) {
            if (message.channel() == InboundChannel.ANSWERS) {
                // An answer to nothing we sent, or to another agency's query, is not answered: a reply
                // would tell a stranger what we sent.
                return quarantine(exchangeId, message, e.reason(), AuditEventType.QUARANTINED);
            }
            return refuse(theirs, Refusal.of(messageId, legalBasisOf(decoded), e));
        }
    }

    /** A partner's message whose envelope opened: it is the partner's, and is answered from here on. */
    private record Opened(
            UUID exchangeId,
            InboundMessage message,
            OpenedEnvelope opened,
            String payloadDigest,
            ExchangeRecord.Direction direction) {}

    /**
     * Why an opened message is refused, and what of it could be read.
     *
     * @param messageId the sender's messageId, when it could be read
     * @param legalBasis the legal basis it cited, when it could be read
     */
    private record Refusal(String messageId, String legalBasis, ProtocolException reason) {

        static Refusal of(String messageId, String legalBasis, ProtocolException reason) {
            return new Refusal(messageId, legalBasis, reason);
        }
    }

    /** Refused after authentication: a signed errorReply, committed with its row so a resend gets the same one. */
    private Disposition refuse(Opened theirs, Refusal why) {
        InboundMessage message = theirs.message();
        String payloadDigest = theirs.payloadDigest();
        ExchangeRecord.Direction direction = theirs.direction();
        String messageId = why.messageId();
        String legalBasis = why.legalBasis();
        ProtocolException refusal = why.reason();
        String partner = message.partner().agencyCode();
        // A message that could not be read, or reused an id, is known by its payload's digest instead.
        String key = messageId;
        if (key == null || refusal.reason() == ReasonCode.DUPLICATE_ID_CONFLICT) {
            key = payloadDigest;
            Optional<ExchangeRecord> earlier = store.findByMessageKey(partner, direction, key);
            if (earlier.isPresent()) {
                return repeat(earlier.get(), message);
            }
        }
        String rowKey = key;
        Authenticated refused = new Authenticated(theirs.exchangeId(), message, theirs.opened(), payloadDigest, null);
        log.info("exchange {} refused: {}", refused.exchangeId(), refusal.reason());
        return commit(refused, () -> {
            LocalDate day = LocalDate.ofInstant(message.receivedAt(), ZoneOffset.UTC);
            if (refusedEvidence.tryKeep(partner, day, message.body().length)) {
                keepReceived(refused, legalBasis);
            } else {
                recordNotKept(refused);
            }
            audit.record(AuditEvent.of(AuditEventType.REFUSED, refused.exchangeId(), partner)
                    .because(refusal.reason()));
            // Correlated by the partner's messageId, or by the broker's id of the message when none could be read.
            String correlation = messageId != null ? messageId : message.brokerMessageId();
            ExchangeRecord.Reply reply = sealer.seal(
                    refused.exchangeId(),
                    message.partner(),
                    sealer.errorReply(message.partner(), messageId, refusal.reason(), refusal.detail()),
                    correlation,
                    retention.until(legalBasis, message.receivedAt()));
            return ExchangeRecord.answered(
                    new ExchangeRecord.Arrival(
                            refused.exchangeId(),
                            partner,
                            direction,
                            rowKey,
                            message.receivedAt(),
                            message.bodyDigest(),
                            payloadDigest),
                    ExchangeRecord.Outcome.ERROR,
                    refusal.reason(),
                    Optional.of(reply),
                    legalBasis);
        });
    }

    private Disposition commit(Authenticated in, java.util.function.Supplier<ExchangeRecord> work) {
        ExchangeRecord row = transactions.execute(status -> {
            ExchangeRecord decided = work.get();
            crashPoints.reach(CrashPoints.BEFORE_DATABASE_COMMIT);
            store.insert(decided, in.message().receivedAt());
            counts.count(decided);
            faults.clear(in.message());
            return decided;
        });
        crashPoints.reach(CrashPoints.AFTER_DATABASE_COMMIT);
        log.info(
                "exchange {} answered: {} {}",
                row.id(),
                row.outcome(),
                row.reasonCode() == null ? "" : row.reasonCode());
        return send(row, in.partner());
    }

    /**
     * A refused message past its partner's daily bound: recorded by its digests, not kept. The entry
     * carries the code that says why there is no evidence; the size goes to the day's count.
     */
    private void recordNotKept(Authenticated in) {
        audit.record(AuditEvent.of(
                        AuditEventType.RECEIVED, in.exchangeId(), in.partner().agencyCode())
                .withDigest("sealed", in.message().bodyDigest())
                .withDigest("payload", in.payloadDigest())
                .because(ReasonCode.REFUSED_EVIDENCE_NOT_KEPT));
        log.warn(
                "exchange {}: {}, {} bytes recorded by digest only",
                in.exchangeId(),
                ReasonCode.REFUSED_EVIDENCE_NOT_KEPT,
                in.message().body().length);
    }

    private void keepReceived(Authenticated in, String legalBasis) {
        Instant retainUntil = retention.until(legalBasis, in.message().receivedAt());
        EvidenceStore.Kept kept =
                evidence.keepInbound(in.exchangeId(), in.message().body(), in.opened(), retainUntil);
        audit.record(kept.attachTo(AuditEvent.of(
                        AuditEventType.RECEIVED, in.exchangeId(), in.partner().agencyCode())
                .withDigest("payload", in.payloadDigest())));
    }

    /** The same message again (a redelivery or a resend): the stored answer, byte for byte, and no second decision. */
    private Disposition repeat(ExchangeRecord earlier, InboundMessage message) {
        ExchangeLogContext.tag(earlier.id());
        transactions.executeWithoutResult(
                status -> audit.record(AuditEvent.of(AuditEventType.DUPLICATE_RESENT, earlier.id(), earlier.partner())
                        .withDigest("sealed", message.bodyDigest())));
        log.info("exchange {} seen before: its answer is sent again", earlier.id());
        return send(earlier, message.partner());
    }

    /** Whatever the message said, answers go to the configured queue of the partner whose queue it came in on. */
    private static Disposition send(ExchangeRecord row, Partner partner) {
        if (row.reply().isEmpty()) {
            return new Disposition.Keep(row.id());
        }
        ExchangeRecord.Reply reply = row.reply().get();
        return new Disposition.Send(
                row.id(),
                partner.destinations().responsesOut(),
                reply.sealed(),
                reply.kind(),
                reply.messageId(),
                reply.correlationId());
    }

    private Disposition quarantine(UUID exchangeId, InboundMessage message, ReasonCode reason, AuditEventType type) {
        transactions.executeWithoutResult(status -> {
            audit.record(AuditEvent.of(type, exchangeId, message.partner().agencyCode())
                    .because(reason)
                    .withDigest("sealed", message.bodyDigest()));
            if (reason == ReasonCode.DELIVERY_ATTEMPTS_EXHAUSTED) {
                faults.clear(message);
            }
            counts.countQuarantined(
                    directionOf(message.channel()), message.partner().agencyCode(), reason);
        });
        log.warn("exchange {} quarantined from {}: {}", exchangeId, message.queue(), reason);
        return new Disposition.Quarantine(exchangeId, DeadLetterQueues.of(message.queue()), reason);
    }

    private static ExchangeRecord.Direction directionOf(InboundChannel channel) {
        return switch (channel) {
            case REQUESTS -> ExchangeRecord.Direction.INBOUND_QUERY;
            case DISCLOSURES -> ExchangeRecord.Direction.INBOUND_DISCLOSURE;
            case ANSWERS -> ExchangeRecord.Direction.INBOUND_ANSWER;
        };
    }

    private static String legalBasisOf(DecodedMessage decoded) {
        if (decoded.message() instanceof CaseQuery query) {
            return query.getLegalBasis();
        }
        if (decoded.message() instanceof ProactiveDisclosure disclosure) {
            return disclosure.getLegalBasis();
        }
        return null;
    }
}
