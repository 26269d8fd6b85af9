package org.caseexchange.gateway.rules;

/**
 * The agency's standing assessment of the risk that sharing with a partner contributes to
 * mistreatment (gateway.rules.partner-risk): none known, a substantial risk that can be mitigated
 * (a human decides), or one that cannot (nothing is shared).
 */
public enum HumanRightsRisk {
    NONE,
    MITIGABLE,
    UNMITIGABLE
}
