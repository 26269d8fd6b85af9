package org.caseexchange.gateway.exchange;

import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.rules.Decision;

/** What the audit log records of a decision, in whichever flow it was taken. */
public final class DecisionSummaries {

    private DecisionSummaries() {}

    public static DecisionSummary of(Decision decision) {
        return new DecisionSummary(
                decision.outcome().name(), decision.citedRuleIds(), decision.ruleSet(), decision.annex());
    }
}
