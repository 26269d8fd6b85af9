package org.caseexchange.gateway.exchange;

/**
 * Named points of the flows where the crash test (docs/protocol.md section 4.7) halts the JVM
 * to prove that no crash loses a message or decides one twice. In a normal gateway {@link #NONE}
 * does nothing; the test's child JVM installs one that calls {@code Runtime.halt}.
 */
public interface CrashPoints {

    String AFTER_RECEIVE = "after-receive";
    String BEFORE_DATABASE_COMMIT = "before-database-commit";
    String AFTER_DATABASE_COMMIT = "after-database-commit";
    String AFTER_SEND = "after-send";
    String INSIDE_AUDIT_APPEND = "inside-audit-append";
    /** The outbox route: the broker took a message of ours, which is not yet marked sent. */
    String AFTER_OUTBOX_SEND = "after-outbox-send";

    CrashPoints NONE = point -> {};

    void reach(String point);
}
