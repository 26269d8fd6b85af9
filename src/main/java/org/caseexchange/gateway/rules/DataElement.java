package org.caseexchange.gateway.rules;

/** What a query may ask for and a response may release: the protocol's DataElement values. */
public enum DataElement {
    IDENTITY,
    IMMIGRATION_STATUS,
    PRIOR_DECISIONS,
    DOCUMENTS,
    ALERTS
}
