package org.caseexchange.gateway.audit;

/**
 * What an audit entry records. The constant's name is what the log stores and what docs/audit.md
 * lists; like reason codes, types are added, never renamed.
 */
public enum AuditEventType {
    RECEIVED,
    QUARANTINED,
    VALIDATED,
    REFUSED,
    DECIDED,
    REVIEW_REQUESTED,
    REVIEW_DECIDED,
    REPLY_SEALED,
    REPLY_SENT,
    DUPLICATE_RESENT,
    DEAD_LETTERED,
    OFFICER_ACTION,
    AUDITOR_ACTION,
    LOGIN,
    ACCESS_DENIED,
    CONFIGURATION_CHANGED,
    KEY_CHANGED,
    CHECKPOINT_MISMATCH_ACKNOWLEDGED,
    EVIDENCE_DESTROYED,
    /** The broker refused a login, a connection or a send of a partner's (the reason code says which). */
    BROKER_REFUSED,
    /** A message in a dead-letter queue expired and the broker discarded it. */
    DEAD_LETTER_DISCARDED,
    /** One of our officers asked to send a partner a query (the officer as actor, the justification's digest). */
    QUERY_REQUESTED,
    /** A second officer confirmed a query of ours that the rules sent for confirmation. */
    QUERY_CONFIRMED,
    /**
     * The partner's answer to a message of ours, recorded with it: its caseResponse or finalResponse to
     * our query, its errorReply, or its receipt.
     */
    ANSWER_RECORDED,
    /** One of our officers proposed a proactive disclosure to a partner (the officer as actor). */
    DISCLOSURE_PROPOSED,
    /** A second officer confirmed a proactive disclosure of ours. */
    DISCLOSURE_CONFIRMED,
    /** What a partner gave us (an answer, a disclosure) was destroyed at the end of its retention. */
    RECEIVED_DATA_DESTROYED,
    /** An officer proposed a verdict on a case sent to review (the officer as actor, the justification's digest). */
    REVIEW_PROPOSED,
    /** A supervisor rejected an officer's proposed verdict (the supervisor as actor, their justification's digest). */
    REVIEW_PROPOSAL_REJECTED,
    /** A console sign-in failed: a wrong password, an unknown user, or an account locked for now. */
    SIGN_IN_FAILED,
    /** Repeated failed sign-ins locked a console account for a while. */
    ACCOUNT_LOCKED,
    /** A console user signed out. */
    SIGNED_OUT,
    /** A console account was created, or its roles or password changed, with the jar's accounts command. */
    ACCOUNT_CHANGED,
    /** A console user read personal data: an answer's content, a message decrypted on request, a person. */
    PERSONAL_DATA_VIEWED,
    /** An operator purged a message from a queue of the embedded broker (the operator as actor, its digest). */
    QUEUE_MESSAGE_PURGED
}
