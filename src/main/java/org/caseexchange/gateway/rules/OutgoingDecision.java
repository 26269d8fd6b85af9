package org.caseexchange.gateway.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * What our rules decided about a query one of our officers wants to send: send it, have a second officer
 * confirm it first, or refuse it; with the elements it may ask for, whether the subject's travel
 * documents may go with it, and every rule that applied.
 *
 * @param refusal for REFUSE, why, as the officer is told; null otherwise
 * @param asked the elements the query may ask for (those the annex permits for its purpose)
 * @param withheld the elements the officer asked for that the annex does not permit; they are not asked
 * @param documentsSent false when the annex does not let the purpose concern documents: the subject's
 *     travel documents are then left out of the query (we disclose no more than the annex allows)
 * @param annex {@code id@version@sha256} of the cited annex, or null when it is unknown
 */
public record OutgoingDecision(
        Outcome outcome,
        ReasonCode refusal,
        Set<DataElement> asked,
        Set<DataElement> withheld,
        boolean documentsSent,
        List<Decision.Citation> citations,
        String ruleSet,
        String annex) {

    public enum Outcome {
        SEND,
        CONFIRM,
        REFUSE
    }

    public OutgoingDecision {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REFUSE) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has a reason code");
        }
        asked = asked.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(asked));
        withheld = withheld.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(withheld));
        citations = List.copyOf(citations);
    }

    static OutgoingDecision refuse(ReasonCode reason, List<Decision.Citation> citations, String ruleSet, String annex) {
        return new OutgoingDecision(Outcome.REFUSE, reason, Set.of(), Set.of(), false, citations, ruleSet, annex);
    }

    /** The cited rule ids, for the audit entry. */
    public List<String> citedRuleIds() {
        return citations.stream().map(Decision.Citation::ruleId).toList();
    }
}
