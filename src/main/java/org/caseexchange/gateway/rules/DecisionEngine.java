package org.caseexchange.gateway.rules;

import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.casedata.MatchResult;

/**
 * Decides a query from its facts under one rule set and one annex catalogue. Pure: no clock, no
 * database, no randomness; the same facts give the same decision.
 *
 * <p>Every rule is evaluated, whatever the outcome, so that a refusal disguised as "no releasable
 * record" takes as long as a real one. Then: the first REFUSE in file order refuses; otherwise any
 * REVIEW sends the case to an officer; otherwise the requested elements less those withheld are
 * released (ALLOW, or PARTIAL when some were withheld), with the annex's caveats and those rules add.
 * As a last safeguard independent of the rule file, nothing is released unless the match is one
 * unambiguous MATCH under a known annex: anything else becomes a REVIEW citing {@link #SAFEGUARD} or
 * {@link #ANNEX_SAFEGUARD}.
 */
public final class DecisionEngine {

    /** Cited when the safeguard, not a rule, stopped a release. */
    public static final Decision.Citation SAFEGUARD = new Decision.Citation("GATEWAY-MATCH-SAFEGUARD",
            "No release without one unambiguous match", "Gateway safeguard: never release data on an ambiguous match", RuleEffect.REVIEW);

    /** Cited when the safeguard stopped a release under an annex the partner may not rely on. */
    public static final Decision.Citation ANNEX_SAFEGUARD = new Decision.Citation("GATEWAY-ANNEX-SAFEGUARD",
            "No release without a known annex", "Gateway safeguard: data is released only under an annex agreed with the partner",
            RuleEffect.REVIEW);

    /** Cited when a rule could not be evaluated: the case goes to an officer rather than being guessed. */
    static final String EVALUATION_FAILED = " (could not be evaluated; sent to review)";

    private final RuleSet rules;
    private final AnnexCatalogue annexes;

    public DecisionEngine(RuleSet rules, AnnexCatalogue annexes) {
        this.rules = rules;
        this.annexes = annexes;
    }

    public RuleSet ruleSet() {
        return rules;
    }

    public AnnexCatalogue annexes() {
        return annexes;
    }

    /** The annex a query may rely on: it exists, names the partner, and is configured with the partner. */
    public Optional<Annex> annexFor(Facts.Query query, Facts.Partner partner) {
        return annexes.find(query.legalBasis())
                .filter(annex -> annex.partners().contains(partner.code()) && partner.annexes().contains(annex.id()));
    }

    public Decision decide(Facts facts) {
        Optional<Annex> annex = annexFor(facts.query(), facts.partner());
        Map<String, Object> values = RuleSchema.bind(facts, annex, annex.isPresent());
        List<Decision.Citation> citations = new ArrayList<>();
        Rule refusal = null;
        boolean review = false;
        Map<DataElement, String> withheld = new LinkedHashMap<>();
        List<Caveat> addedCaveats = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            boolean holds;
            List<String> elements;
            try {
                holds = rule.holds(values);
                elements = holds ? rule.elements(values) : List.of();
            } catch (CelEvaluationException | RuntimeException e) {
                citations.add(new Decision.Citation(rule.id(), rule.title() + EVALUATION_FAILED, source(rule, annex), RuleEffect.REVIEW));
                review = true;
                continue;
            }
            if (!holds) {
                continue;
            }
            switch (rule.effect()) {
                case REFUSE -> {
                    citations.add(citation(rule, annex));
                    refusal = refusal == null ? rule : refusal;
                }
                case REVIEW -> {
                    citations.add(citation(rule, annex));
                    review = true;
                }
                case WITHHOLD -> {
                    boolean any = false;
                    for (DataElement requested : facts.query().requested()) {
                        if (elements.contains(requested.name()) && !withheld.containsKey(requested)) {
                            withheld.put(requested, rule.id());
                            any = true;
                        }
                    }
                    if (any) {
                        citations.add(citation(rule, annex));
                    }
                }
                case CAVEAT -> {
                    citations.add(citation(rule, annex));
                    addedCaveats.add(rule.caveat().orElseThrow());
                }
            }
        }
        String annexCitation = annex.map(Annex::citation).orElse(null);
        MatchResult match = facts.match();
        if (refusal != null) {
            return new Decision(Decision.Outcome.REFUSE, refusal.answer().orElseThrow(), refusal.id(), Set.of(), Set.of(), Map.of(),
                    List.of(), citations, rules.citation(), annexCitation, match);
        }
        Set<DataElement> releasable = EnumSet.noneOf(DataElement.class);
        facts.query().requested().stream().filter(element -> !withheld.containsKey(element)).forEach(releasable::add);
        if (!review && !match.unambiguous()) {
            citations.add(SAFEGUARD);
            review = true;
        }
        if (!review && annex.isEmpty()) {
            citations.add(ANNEX_SAFEGUARD);
            review = true;
        }
        if (review) {
            return new Decision(Decision.Outcome.REVIEW, null, null, Set.of(), releasable, withheld, List.of(), citations,
                    rules.citation(), annexCitation, match);
        }
        Decision.Outcome outcome = withheld.isEmpty() ? Decision.Outcome.ALLOW : Decision.Outcome.PARTIAL;
        return new Decision(outcome, null, null, releasable, Set.of(), withheld, caveats(annex.orElseThrow(), addedCaveats, facts),
                citations, rules.citation(), annexCitation, match);
    }

    /** The annex's caveats (the retention limit dated), then those rules added, each once. */
    private static List<Caveat> caveats(Annex annex, List<Caveat> added, Facts facts) {
        Set<Caveat> all = new LinkedHashSet<>();
        for (Caveat caveat : annex.caveats()) {
            all.add(caveat.code() == CaveatCode.RETENTION_LIMIT
                    ? new Caveat(caveat.code(), caveat.text(), facts.today().plus(annex.retention())) : caveat);
        }
        all.addAll(added);
        return List.copyOf(all);
    }

    private static Decision.Citation citation(Rule rule, Optional<Annex> annex) {
        return new Decision.Citation(rule.id(), rule.title(), source(rule, annex), rule.effect());
    }

    /** The rule's own source, and the cited annex's clause when the rule names one the annex has. */
    private static String source(Rule rule, Optional<Annex> annex) {
        Optional<String> clause = rule.annexClause().flatMap(name -> annex.map(a -> a.clauses().get(name)));
        return clause.map(text -> rule.source() + "; " + text).orElse(rule.source());
    }
}
