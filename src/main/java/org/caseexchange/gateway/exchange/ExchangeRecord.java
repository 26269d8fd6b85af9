package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Facts;

/**
 * One row of the exchange table: a partner's message and what the gateway answered, as committed. Made
 * by {@link #answered} or {@link #sentToReview}; read back by {@link ExchangeStore}.
 *
 * @param arrival the message as it arrived
 * @param reasonCode the refusal's code, when it was refused
 * @param reply the answer exactly as sealed, absent when nothing was sent (a message only recorded)
 * @param legalBasis the annex (or other legal basis) the message cited, when it could be read
 * @param review for a case sent to review: what the officer decides on
 */
public record ExchangeRecord(
        Arrival arrival,
        State state,
        Outcome outcome,
        ReasonCode reasonCode,
        Optional<Reply> reply,
        String legalBasis,
        Optional<Review> review) {

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

    /** What the gateway answered; a quarantined message has no row, only its audit entry and its DLQ copy. */
    public enum Outcome {
        ALLOW,
        PARTIAL,
        REFUSE,
        PENDING_REVIEW,
        /** A signed errorReply. */
        ERROR,
        /** A signed receipt (a disclosure of the partner's, or its answer to our query). */
        RECEIPT,
        /** The partner's errorReply or receipt, kept without a reply. */
        RECORDED;

        /** The outcome a caseResponse's or finalResponse's decision stands for. */
        public static Outcome ofDecision(String decision) {
            return valueOf(decision);
        }
    }

    /**
     * A partner's message as it arrived, before anything was decided.
     *
     * @param messageKey the sender's messageId; the SHA-256 of the payload when no messageId could be read
     */
    public record Arrival(
            UUID id,
            String partner,
            Direction direction,
            String messageKey,
            Instant receivedAt,
            String sealedDigest,
            String payloadDigest) {

        public Arrival {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(messageKey, "messageKey");
        }
    }

    /**
     * What a case sent to review keeps for the officer.
     *
     * @param subjectPerson the person matching found, when it found one; once reviewed, the person an
     *     approval released data about
     * @param elements the elements the rules proposed for release
     * @param query the query as asked, on which the officer's approval is decided again
     */
    public record Review(Optional<UUID> subjectPerson, Set<DataElement> elements, Facts.Query query) {

        public Review {
            Objects.requireNonNull(subjectPerson, "subjectPerson");
            elements = elements.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(elements));
        }
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
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(review, "review");
    }

    /** A message answered (or only recorded, with no reply) at once. */
    public static ExchangeRecord answered(
            Arrival arrival, Outcome outcome, ReasonCode reasonCode, Optional<Reply> reply, String legalBasis) {
        return new ExchangeRecord(arrival, State.ANSWERED, outcome, reasonCode, reply, legalBasis, Optional.empty());
    }

    /** A query the rules sent to an officer, answered PENDING_REVIEW meanwhile. */
    public static ExchangeRecord sentToReview(Arrival arrival, Reply pendingAnswer, String legalBasis, Review review) {
        return new ExchangeRecord(
                arrival,
                State.PENDING_REVIEW,
                Outcome.PENDING_REVIEW,
                null,
                Optional.of(pendingAnswer),
                legalBasis,
                Optional.of(review));
    }

    public UUID id() {
        return arrival.id();
    }

    public String partner() {
        return arrival.partner();
    }

    public Direction direction() {
        return arrival.direction();
    }

    public String messageKey() {
        return arrival.messageKey();
    }

    public Instant receivedAt() {
        return arrival.receivedAt();
    }

    public String sealedDigest() {
        return arrival.sealedDigest();
    }

    public String payloadDigest() {
        return arrival.payloadDigest();
    }

    /** The person of a case sent to review: matched, or confirmed by the review; null otherwise. */
    public UUID subjectPerson() {
        return review.flatMap(Review::subjectPerson).orElse(null);
    }

    /** The elements the rules proposed for a case sent to review; empty otherwise. */
    public Set<DataElement> reviewElements() {
        return review.map(Review::elements).orElse(Set.of());
    }

    /** The query of a case sent to review, as asked; null otherwise. */
    public Facts.Query reviewQuery() {
        return review.map(Review::query).orElse(null);
    }
}
