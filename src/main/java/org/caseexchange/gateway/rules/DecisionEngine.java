package org.caseexchange.gateway.rules;

import dev.cel.runtime.CelEvaluationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.casedata.MatchOutcome;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.protocol.ReasonCode;

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
        return annexFor(query.legalBasis(), partner);
    }

    private Optional<Annex> annexFor(String legalBasis, Facts.Partner partner) {
        return annexes.find(legalBasis).filter(annex -> annex.partners().contains(partner.code()) && partner.annexes().contains(annex.id()));
    }

    /** Cited on every decision an officer takes on a case sent to review; the justification is kept with the exchange. */
    public static final Decision.Citation OFFICER_REVIEW = new Decision.Citation("OFFICER-REVIEW", "Decided by an officer after review",
            "Officer's review of the case (the officer and the justification are recorded with the exchange)", RuleEffect.REVIEW);

    /**
     * The decision on a reviewed case the officer approved: the approved elements of those proposed are
     * released on the person the officer confirmed, the rest withheld by the review, with the annex's
     * caveats as of today. The safeguards still hold: without an annex the partner may rely on today,
     * nothing is released.
     *
     * @throws IllegalArgumentException when an approved element was not proposed, or no annex applies
     */
    public Decision approvedOnReview(String legalBasis, Facts.Partner partner, UUID person, Set<DataElement> proposed, Set<DataElement> approved,
            LocalDate today) {
        if (approved.isEmpty() || !proposed.containsAll(approved)) {
            throw new IllegalArgumentException("an officer approves some of the proposed elements, and only those");
        }
        Annex annex = annexFor(legalBasis, partner)
                .orElseThrow(() -> new IllegalArgumentException("no annex the partner may rely on: the case can only be refused"));
        Map<DataElement, String> withheld = new LinkedHashMap<>();
        proposed.stream().filter(element -> !approved.contains(element)).sorted().forEach(element -> withheld.put(element, OFFICER_REVIEW.ruleId()));
        // The officer confirmed who the person is; the engine's score does not apply to that confirmation.
        MatchResult confirmed = new MatchResult(MatchOutcome.MATCH, 1.0, 1, Optional.of(person));
        return new Decision(withheld.isEmpty() ? Decision.Outcome.ALLOW : Decision.Outcome.PARTIAL, null, null, approved, Set.of(), withheld,
                caveats(annex, List.of(), today), List.of(OFFICER_REVIEW), rules.citation(), annex.citation(), confirmed);
    }

    /** The decision on a reviewed case the officer refused, with the answer code the partner is told. */
    public Decision refusedOnReview(String legalBasis, Facts.Partner partner, ReasonCode answer) {
        if (answer.stage() != ReasonCode.Stage.BUSINESS_RULES) {
            throw new IllegalArgumentException("an officer refuses with a business-rule code");
        }
        String annexCitation = annexes.find(legalBasis).map(Annex::citation).orElse(null);
        return new Decision(Decision.Outcome.REFUSE, answer, OFFICER_REVIEW.ruleId(), Set.of(), Set.of(), Map.of(), List.of(),
                List.of(OFFICER_REVIEW), rules.citation(), annexCitation, MatchResult.noMatch(0));
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
        return new Decision(outcome, null, null, releasable, Set.of(), withheld, caveats(annex.orElseThrow(), addedCaveats, facts.today()),
                citations, rules.citation(), annexCitation, match);
    }

    /** The annex's caveats (the retention limit dated), then those rules added, each once. */
    private static List<Caveat> caveats(Annex annex, List<Caveat> added, LocalDate today) {
        Set<Caveat> all = new LinkedHashSet<>();
        for (Caveat caveat : annex.caveats()) {
            all.add(caveat.code() == CaveatCode.RETENTION_LIMIT
                    ? new Caveat(caveat.code(), caveat.text(), today.plus(annex.retention())) : caveat);
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
