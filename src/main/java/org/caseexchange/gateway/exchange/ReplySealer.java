package org.caseexchange.gateway.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.envelope.SealedMessage;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.Message;
import org.caseexchange.gateway.protocol.xml.Receipt;
import org.caseexchange.gateway.trust.Partner;

/**
 * Writes, seals and keeps what we send a partner, inside the caller's transaction: the encoded message
 * is checked against the schema, sealed for the partner, kept as evidence with a REPLY_SEALED entry,
 * and returned for the exchange row, so the bytes that commit are the bytes that are sent.
 */
public class ReplySealer {

    private final ProtocolCodec codec;
    private final SecureEnvelope envelope;
    private final EvidenceStore evidence;
    private final AuditLog audit;
    private final String ourAgency;
    private final Clock clock;

    public ReplySealer(
            ProtocolCodec codec,
            SecureEnvelope envelope,
            EvidenceStore evidence,
            AuditLog audit,
            String ourAgency,
            Clock clock) {
        this.codec = codec;
        this.envelope = envelope;
        this.evidence = evidence;
        this.audit = audit;
        this.ourAgency = ourAgency;
        this.clock = clock;
    }

    /** What was sealed, and the SHA-256 of the signed payload, which the partner's answer quotes back. */
    public record Sealed(ExchangeRecord.Reply reply, String payloadDigest) {}

    /** @param answers the messageId of what this answers, or null when it could not be read */
    public ExchangeRecord.Reply seal(
            UUID exchangeId, Partner partner, Message message, String answers, Instant retainUntil) {
        return sealWithDigest(exchangeId, partner, message, answers, retainUntil)
                .reply();
    }

    /** As {@link #seal}, with the digest of the payload. */
    public Sealed sealWithDigest(
            UUID exchangeId, Partner partner, Message message, String answers, Instant retainUntil) {
        byte[] payload = codec.encode(message);
        SealedMessage sealed = envelope.seal(payload, partner);
        EvidenceStore.Kept kept = evidence.keepOutbound(exchangeId, partner, sealed, retainUntil);
        MessageKind kind = MessageKind.of(message);
        String payloadDigest = org.caseexchange.gateway.trust.Sha256.hex(payload);
        audit.record(kept.attachTo(AuditEvent.of(AuditEventType.REPLY_SEALED, exchangeId, partner.agencyCode())
                .withDigest("payload", payloadDigest)));
        return new Sealed(
                new ExchangeRecord.Reply(
                        message.getHeader().getMessageId(), kind, sealed.sealed(), answers, payloadDigest),
                payloadDigest);
    }

    /** An errorReply to the partner; {@code refersTo} is null when the refused message's id could not be read. */
    public ErrorReply errorReply(Partner to, String refersTo, ReasonCode reason, String detail) {
        ErrorReply reply = new ErrorReply();
        reply.setVersion(MessageKind.VERSION);
        reply.setHeader(MessageHeaders.header(RowIds.next(), clock.instant(), ourAgency, to.agencyCode()));
        reply.setRefersTo(refersTo);
        reply.setReasonCode(reason.name());
        reply.setDetail(detail == null || detail.isBlank() ? null : detail);
        return reply;
    }

    public Receipt receipt(Partner to, String acknowledges, String acknowledgedDigest) {
        Receipt receipt = new Receipt();
        receipt.setVersion(MessageKind.VERSION);
        receipt.setHeader(MessageHeaders.header(RowIds.next(), clock.instant(), ourAgency, to.agencyCode()));
        receipt.setAcknowledges(acknowledges);
        receipt.setAcknowledgedDigest(acknowledgedDigest);
        return receipt;
    }

    public String ourAgency() {
        return ourAgency;
    }
}
