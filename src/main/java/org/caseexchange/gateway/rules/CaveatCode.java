package org.caseexchange.gateway.rules;

/** The use conditions a release can carry: the protocol's CaveatCode values. */
public enum CaveatCode {
    PURPOSE_LIMITATION,
    NO_ONWARD_DISCLOSURE,
    RETENTION_LIMIT,
    HUMAN_RIGHTS
}
