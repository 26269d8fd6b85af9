package org.caseexchange.gateway.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * One rule of the rule file, compiled.
 *
 * @param source the legal source: statute section, SMU clause or annex clause
 * @param annexClause when set, the cited annex's clause of that name is cited as well (its files
 *     name them under {@code clauses})
 * @param answer for REFUSE, the reason code the partner is told
 * @param caveat for CAVEAT, the condition added
 */
public record Rule(
        String id,
        String title,
        String source,
        Optional<String> annexClause,
        String condition,
        RuleEffect effect,
        Optional<ReasonCode> answer,
        Optional<String> elementsExpression,
        Optional<Caveat> caveat,
        CelRuntime.Program compiledCondition,
        Optional<CelRuntime.Program> compiledElements) {

    boolean holds(Map<String, Object> values) throws CelEvaluationException {
        return (Boolean) compiledCondition.eval(values);
    }

    @SuppressWarnings("unchecked")
    List<String> elements(Map<String, Object> values) throws CelEvaluationException {
        return compiledElements.isEmpty()
                ? List.of()
                : (List<String>) compiledElements.get().eval(values);
    }

    @Override
    public String toString() {
        return "Rule[" + id + ", " + effect + "]";
    }
}
