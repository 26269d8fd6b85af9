package org.caseexchange.gateway.casedata;

/** Whether a person has asked for or been granted protection, which the rules must never betray. */
public enum Protection {
    NONE,
    REFUGEE_CLAIMANT,
    PROTECTED_PERSON
}
