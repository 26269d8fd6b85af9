package org.caseexchange.gateway.rules;

/** Why a partner asks: the protocol's Purpose values. An annex permits some of them. */
public enum Purpose {
    IDENTITY_VERIFICATION,
    ADMISSIBILITY_ASSESSMENT,
    ASYLUM_CLAIM_ASSESSMENT,
    DOCUMENT_VERIFICATION,
    REMOVAL
}
