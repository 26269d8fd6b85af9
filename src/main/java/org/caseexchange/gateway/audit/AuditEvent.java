package org.caseexchange.gateway.audit;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * What a caller asks the log to record. Never personal data: exchanges, partners and messages are
 * named by ids and digests, people by the pseudonymous actor id.
 *
 * @param exchangeId the exchange this belongs to, or null for an action outside any exchange
 * @param partner the partner's agency code, or null
 * @param actor {@link #SYSTEM}, or {@code officer:<id>}, {@code auditor:<id>}, {@code operator:<id>}
 * @param reason the reason code of a refusal, quarantine or failure, or null
 * @param digests SHA-256 (lowercase hex) of the bytes involved, by role: {@code sealed}, {@code payload},
 *     {@code reply}
 * @param decision the decision's summary, for DECIDED and REVIEW_DECIDED
 * @param evidence where the bytes themselves are kept, or null
 */
public record AuditEvent(
        AuditEventType type,
        UUID exchangeId,
        String partner,
        String actor,
        ReasonCode reason,
        SortedMap<String, String> digests,
        DecisionSummary decision,
        String evidence) {

    public static final String SYSTEM = "system";

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        digests = Collections.unmodifiableSortedMap(new TreeMap<>(digests));
    }

    /** The common case: the gateway itself records a step of an exchange. */
    public static AuditEvent of(AuditEventType type, UUID exchangeId, String partner) {
        return new AuditEvent(type, exchangeId, partner, SYSTEM, null, new TreeMap<>(), null, null);
    }

    public AuditEvent because(ReasonCode reason) {
        return new AuditEvent(type, exchangeId, partner, actor, reason, digests, decision, evidence);
    }

    public AuditEvent withDigest(String role, String sha256Hex) {
        SortedMap<String, String> more = new TreeMap<>(digests);
        more.put(role, sha256Hex);
        return new AuditEvent(type, exchangeId, partner, actor, reason, more, decision, evidence);
    }

    public AuditEvent withDecision(DecisionSummary summary) {
        return new AuditEvent(type, exchangeId, partner, actor, reason, digests, summary, evidence);
    }

    public AuditEvent withEvidence(String reference) {
        return new AuditEvent(type, exchangeId, partner, actor, reason, digests, decision, reference);
    }

    public AuditEvent by(String someone) {
        return new AuditEvent(type, exchangeId, partner, someone, reason, digests, decision, evidence);
    }
}
