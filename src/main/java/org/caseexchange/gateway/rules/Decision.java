package org.caseexchange.gateway.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * What the gateway decided about one query, line by line: the outcome, what is released, what is
 * withheld and by which rule, the caveats, every rule that applied with its legal source, and the
 * versions and hashes of the rules and annex it was decided under.
 *
 * @param answer for REFUSE, the reason code the partner is told; null otherwise
 * @param decidingRule for REFUSE, the rule that refused (its true reason, which the answer may not
 *     show); null otherwise
 * @param released the elements released now (empty unless ALLOW or PARTIAL)
 * @param proposed for REVIEW, the elements the officer is asked to approve; empty otherwise
 * @param withheld each requested element not released, with the id of the rule that withheld it
 * @param ruleSet {@code version@sha256} of the rule file
 * @param annex {@code id@version@sha256} of the cited annex, or null when it is unknown
 */
public record Decision(
        Outcome outcome,
        ReasonCode answer,
        String decidingRule,
        Set<DataElement> released,
        Set<DataElement> proposed,
        Map<DataElement, String> withheld,
        List<Caveat> caveats,
        List<Citation> citations,
        String ruleSet,
        String annex,
        MatchResult match) {

    public enum Outcome {
        ALLOW,
        PARTIAL,
        REFUSE,
        REVIEW
    }

    /** A rule that applied, with its legal source as cited. */
    public record Citation(String ruleId, String title, String source, RuleEffect effect) {}

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        released = released.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(released));
        proposed = proposed.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(proposed));
        withheld = Collections.unmodifiableMap(new LinkedHashMap<>(withheld));
        caveats = List.copyOf(caveats);
        citations = List.copyOf(citations);
        if ((outcome == Outcome.REFUSE) != (answer != null)) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has an answer code");
        }
        if (!released.isEmpty() && !match.unambiguous()) {
            throw new IllegalArgumentException("nothing is released without one unambiguous match");
        }
    }

    /** A refusal: the code the partner is told, and the rule that truly refused. Nothing released. */
    public static Decision refuse(
            ReasonCode answer,
            String decidingRule,
            List<Citation> citations,
            String ruleSet,
            String annex,
            MatchResult match) {
        return new Decision(
                Outcome.REFUSE,
                answer,
                decidingRule,
                Set.of(),
                Set.of(),
                Map.of(),
                List.of(),
                citations,
                ruleSet,
                annex,
                match);
    }

    /** A case for an officer: the elements the rules would release, and those they withhold. */
    public static Decision review(
            Set<DataElement> proposed,
            Map<DataElement, String> withheld,
            List<Citation> citations,
            String ruleSet,
            String annex,
            MatchResult match) {
        return new Decision(
                Outcome.REVIEW, null, null, Set.of(), proposed, withheld, List.of(), citations, ruleSet, annex, match);
    }

    /** A release: ALLOW when nothing requested is withheld, PARTIAL otherwise. */
    public static Decision release(
            Set<DataElement> released,
            Map<DataElement, String> withheld,
            List<Caveat> caveats,
            List<Citation> citations,
            String ruleSet,
            String annex,
            MatchResult match) {
        return new Decision(
                withheld.isEmpty() ? Outcome.ALLOW : Outcome.PARTIAL,
                null,
                null,
                released,
                Set.of(),
                withheld,
                caveats,
                citations,
                ruleSet,
                annex,
                match);
    }

    /** The same decision, citing these rules, with this rule as the one that decided it. */
    public Decision citing(List<Citation> allCitations, String deciding) {
        return new Decision(
                outcome, answer, deciding, released, proposed, withheld, caveats, allCitations, ruleSet, annex, match);
    }

    public List<String> citedRuleIds() {
        return citations.stream().map(Citation::ruleId).toList();
    }
}
