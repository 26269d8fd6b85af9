package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.rules.Facts;

/**
 * One row of the exchange table: an inbound message and what the gateway answered, as committed.
 *
 * @param messageKey the sender's messageId; the SHA-256 of the payload when no messageId could be read;
 *     of the sealed bytes for a quarantined message
 * @param outcome ALLOW, PARTIAL, REFUSE, PENDING_REVIEW, ERROR, RECEIPT or RECORDED (an answer of the
 *     partner's kept without a reply); a quarantined message has no row, only its audit entry and
 *     its copy in the dead-letter queue
 * @param reply the answer exactly as sealed, absent when nothing was sent (a quarantine)
 * @param subjectPerson for a case sent to review: the person matching found, when it found one; once
 *     reviewed, the person an approval released data about
 * @param reviewElements for a case waiting for review: the elements proposed for release, comma-separated
 * @param reviewQuery for a case waiting for review: the query as asked, on which the officer's approval
 *     is decided again
 */
public record ExchangeRecord(
        UUID id,
        String partner,
        Direction direction,
        String messageKey,
        State state,
        Instant receivedAt,
        String sealedDigest,
        String payloadDigest,
        String outcome,
        String reasonCode,
        Optional<Reply> reply,
        UUID subjectPerson,
        String reviewElements,
        String legalBasis,
        Facts.Query reviewQuery) {

    public enum Direction {
        INBOUND_QUERY,
        INBOUND_DISCLOSURE,
        /** The partner's answer to something of ours: its caseResponse, finalResponse, receipt or errorReply. */
        INBOUND_ANSWER
    }

    public enum State {
        ANSWERED,
        PENDING_REVIEW,
        REVIEWED
    }

    /**
     * What was sent in answer; {@code correlationId} is the messageId it answers, when that could be read,
     * and {@code payloadDigest} the SHA-256 of what we signed, which the partner's receipt quotes (null on
     * rows kept before it was recorded).
     */
    public record Reply(String messageId, MessageKind kind, byte[] sealed, String correlationId, String payloadDigest) {
        public Reply {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(kind, "kind");
            sealed = sealed.clone();
        }

        @Override
        public byte[] sealed() {
            return sealed.clone();
        }

        @Override
        public String toString() {
            return "Reply[" + kind.rootElement() + " " + messageId + "]";
        }
    }

    public ExchangeRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reply, "reply");
    }
}
