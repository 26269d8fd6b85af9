package org.caseexchange.gateway.web.account;

/**
 * What a console user may do (docs/console.md). One person may hold several roles; four-eyes looks at
 * the person, never the role.
 */
public enum Role {
    /** Starts queries and proactive disclosures, reads the answers to their own, proposes review verdicts. */
    OFFICER,
    /** Confirms or rejects what another officer proposed; never their own proposal. */
    SUPERVISOR,
    /** Reads the log, timelines and exports; never starts or decides anything. */
    AUDITOR,
    /** Health, partners, certificates and queues; never case content. */
    OPERATOR;

    /** The Spring Security authority for the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
