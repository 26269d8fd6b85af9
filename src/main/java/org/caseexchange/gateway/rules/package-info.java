/**
 * What domestic law and the annexes allow (docs/rules.md). Annexes and rules are data: one YAML file
 * per annex, and an ordered rule file whose conditions are CEL expressions type-checked at start-up
 * against {@link org.caseexchange.gateway.rules.RuleSchema}. {@link org.caseexchange.gateway.rules.DecisionEngine}
 * turns the facts of one query into a {@link org.caseexchange.gateway.rules.Decision}: pure and
 * deterministic, so an auditor can recompute it from what the log recorded.
 */
package org.caseexchange.gateway.rules;
