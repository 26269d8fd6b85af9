package org.caseexchange.gateway.rules;

/**
 * What a rule does when its condition holds. The first REFUSE in file order decides a refusal; any
 * REVIEW sends the case to an officer; WITHHOLD removes named elements from the release (PARTIAL);
 * CAVEAT adds a use condition to whatever is released.
 *
 * <p>CONCEAL guards a person: someone it holds for is answered exactly as someone we hold no record
 * of. Its condition may use only the subject, the partner and our country, because it is evaluated on
 * every candidate a query reaches, before the match is decided, not only on an unambiguous match.
 */
enum RuleEffect {
    REFUSE,
    CONCEAL,
    REVIEW,
    WITHHOLD,
    CAVEAT
}
