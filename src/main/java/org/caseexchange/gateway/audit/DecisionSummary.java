package org.caseexchange.gateway.audit;

import java.util.List;
import java.util.Objects;

/**
 * What the log keeps of a decision: enough to find the rules and annex text that applied and to
 * recompute the decision (the decision engine is pure given these inputs).
 *
 * @param outcome ALLOW, PARTIAL, REFUSE or REVIEW
 * @param citedRules the ids of the rules that applied, in the order they applied
 * @param ruleSet the rule set's version and content hash, {@code version@sha256}
 * @param annex the annex's id, version and content hash, {@code id@version@sha256}, or null
 */
public record DecisionSummary(String outcome, List<String> citedRules, String ruleSet, String annex) {

    public DecisionSummary {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleSet, "ruleSet");
        citedRules = List.copyOf(citedRules);
    }

    /** One line, the form the log stores and hashes; {@link #parse} reads it back. */
    public String canonical() {
        return "outcome=" + outcome + ";rules=" + String.join(",", citedRules) + ";ruleSet=" + ruleSet + ";annex="
                + (annex == null ? "" : annex);
    }

    public static DecisionSummary parse(String canonical) {
        String[] parts = canonical.split(";", -1);
        String rules = value(parts[1], "rules");
        String annex = value(parts[3], "annex");
        return new DecisionSummary(
                value(parts[0], "outcome"),
                rules.isEmpty() ? List.of() : List.of(rules.split(",")),
                value(parts[2], "ruleSet"),
                annex.isEmpty() ? null : annex);
    }

    private static String value(String part, String key) {
        if (!part.startsWith(key + "=")) {
            throw new IllegalArgumentException("not a decision summary: expected " + key);
        }
        return part.substring(key.length() + 1);
    }
}
