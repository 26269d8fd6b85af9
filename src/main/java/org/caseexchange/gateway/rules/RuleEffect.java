package org.caseexchange.gateway.rules;

/**
 * What a rule does when its condition holds. The first REFUSE in file order decides a refusal; any
 * REVIEW sends the case to an officer; WITHHOLD removes named elements from the release (PARTIAL);
 * CAVEAT adds a use condition to whatever is released.
 */
public enum RuleEffect {
    REFUSE,
    REVIEW,
    WITHHOLD,
    CAVEAT
}
