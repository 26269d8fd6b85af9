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
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.protocol.ReasonCode;

/**
 * Decides a query from its facts under one rule set and one annex catalogue. Pure: no clock, no
 * database, no randomness; the same facts give the same decision.
 *
 * <p>A person a CONCEAL rule guards is decided as someone we hold no record of ({@link #decide}). Every
 * other rule is evaluated, whatever the outcome, so that a refusal disguised as "no releasable
 * record" takes as long as a real one. Then: the first REFUSE in file order refuses; otherwise any
 * REVIEW sends the case to an officer; otherwise the requested elements less those withheld are
 * released (ALLOW, or PARTIAL when some were withheld), with the annex's caveats and those rules add.
 * As a last safeguard independent of the rule file, nothing is released unless the match is one
 * unambiguous MATCH under a known annex: anything else becomes a REVIEW citing {@link #SAFEGUARD} or
 * {@link #ANNEX_SAFEGUARD}.
 */
public final class DecisionEngine {

    /** Cited when the safeguard, not a rule, stopped a release. */
    public static final Decision.Citation SAFEGUARD = new Decision.Citation(
            "GATEWAY-MATCH-SAFEGUARD",
            "No release without one unambiguous match",
            "Gateway safeguard: never release data on an ambiguous match",
            RuleEffect.REVIEW);

    /** Cited when the safeguard stopped a release under an annex the partner may not rely on. */
    public static final Decision.Citation ANNEX_SAFEGUARD = new Decision.Citation(
            "GATEWAY-ANNEX-SAFEGUARD",
            "No release without a known annex",
            "Gateway safeguard: data is released only under an annex agreed with the partner",
            RuleEffect.REVIEW);

    /** Cited when a rule could not be evaluated: the case goes to an officer rather than being guessed. */
    static final String EVALUATION_FAILED = " (could not be evaluated; sent to review)";

    /** Cited when a guard could not be evaluated: the person is concealed rather than exposed. */
    static final String EVALUATION_FAILED_CONCEALED = " (could not be evaluated; concealed)";

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
        return annexes.find(legalBasis)
                .filter(annex -> annex.partners().contains(partner.code())
                        && partner.annexes().contains(annex.id()));
    }

    /** Cited on every decision an officer takes on a case sent to review; the justification is kept with the exchange. */
    public static final Decision.Citation OFFICER_REVIEW = new Decision.Citation(
            "OFFICER-REVIEW",
            "Decided by an officer after review",
            "Officer's review of the case (the officer and the justification are recorded with the exchange)",
            RuleEffect.REVIEW);

    /**
     * The CONCEAL rules that hold for one person, each cited: empty when the person may be answered
     * about. A guard that cannot be evaluated conceals, since guessing would fail open. Evaluated on
     * every candidate a query reaches, before the match is decided.
     */
    public List<Decision.Citation> concealing(Facts.Partner partner, Facts.Subject subject, String ourCountry) {
        Map<String, Object> values = RuleSchema.bindGuard(partner, subject, ourCountry);
        List<Decision.Citation> concealing = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (rule.effect() != RuleEffect.CONCEAL) {
                continue;
            }
            try {
                if (rule.holds(values)) {
                    concealing.add(citation(rule, Optional.empty()));
                }
            } catch (CelEvaluationException | RuntimeException e) {
                concealing.add(new Decision.Citation(
                        rule.id(), rule.title() + EVALUATION_FAILED_CONCEALED, rule.source(), RuleEffect.CONCEAL));
            }
        }
        return concealing;
    }

    /**
     * The decision on a reviewed case the officer approved, taken again on today's facts (the query as
     * it was asked, the person the officer confirmed as their record stands now): what the rules would
     * refuse today is refused, a guarded person is answered as nobody, and of the approved elements only
     * those the rules still release are released; the rest of those proposed are withheld by the
     * review. The annex's caveats and those rules add are dated today.
     *
     * @param facts the query, the confirmed match and the person's current record, as of today
     * @throws IllegalArgumentException when an approved element was not proposed, the match is not a
     *     confirmed person, or no annex the partner may rely on applies
     */
    public Decision approvedOnReview(Facts facts, Set<DataElement> proposed, Set<DataElement> approved) {
        if (approved.isEmpty() || !proposed.containsAll(approved)) {
            throw new IllegalArgumentException("an officer approves some of the proposed elements, and only those");
        }
        if (!facts.match().unambiguous()) {
            throw new IllegalArgumentException("an approval releases only on the person the officer confirmed");
        }
        List<Decision.Citation> concealing = concealing(facts.partner(), facts.subject(), facts.ourCountry());
        if (!concealing.isEmpty()) {
            List<Decision.Citation> citations = new ArrayList<>(concealing);
            citations.add(OFFICER_REVIEW);
            String annexCitation = annexFor(facts.query(), facts.partner())
                    .map(Annex::citation)
                    .orElse(null);
            return Decision.refuse(
                    ReasonCode.NO_RELEASABLE_RECORD,
                    concealing.get(0).ruleId(),
                    citations,
                    rules.citation(),
                    annexCitation,
                    MatchResult.noMatch(0));
        }
        Decision today = decideOn(facts);
        if (today.outcome() == Decision.Outcome.REFUSE) {
            List<Decision.Citation> citations = new ArrayList<>(today.citations());
            citations.add(OFFICER_REVIEW);
            return Decision.refuse(
                    today.answer(), today.decidingRule(), citations, today.ruleSet(), today.annex(), today.match());
        }
        Annex annex = annexFor(facts.query(), facts.partner())
                .orElseThrow(() ->
                        new IllegalArgumentException("no annex the partner may rely on: the case can only be refused"));
        Evaluation evaluation = evaluate(facts, Optional.of(annex));
        Set<DataElement> releasable = EnumSet.noneOf(DataElement.class);
        releasable.addAll(today.released());
        releasable.addAll(today.proposed());
        Set<DataElement> released = EnumSet.noneOf(DataElement.class);
        Map<DataElement, String> withheld = new LinkedHashMap<>();
        for (DataElement element : EnumSet.copyOf(proposed)) {
            if (!approved.contains(element)) {
                withheld.put(element, OFFICER_REVIEW.ruleId());
            } else if (releasable.contains(element)) {
                released.add(element);
            } else {
                withheld.put(element, today.withheld().getOrDefault(element, OFFICER_REVIEW.ruleId()));
            }
        }
        List<Decision.Citation> citations = new ArrayList<>(evaluation.citations());
        citations.add(OFFICER_REVIEW);
        return Decision.release(
                released,
                withheld,
                caveats(annex, evaluation.addedCaveats(), facts.today()),
                citations,
                rules.citation(),
                annex.citation(),
                facts.match());
    }

    /** The decision on a reviewed case the officer refused, with the answer code the partner is told. */
    public Decision refusedOnReview(String legalBasis, Facts.Partner partner, ReasonCode answer) {
        if (answer.stage() != ReasonCode.Stage.BUSINESS_RULES) {
            throw new IllegalArgumentException("an officer refuses with a business-rule code");
        }
        String annexCitation = annexes.find(legalBasis).map(Annex::citation).orElse(null);
        return Decision.refuse(
                answer,
                OFFICER_REVIEW.ruleId(),
                List.of(OFFICER_REVIEW),
                rules.citation(),
                annexCitation,
                MatchResult.noMatch(0));
    }

    /**
     * Decides one query. A subject that a CONCEAL rule guards is decided exactly as someone we hold no
     * record of (no match, nothing known of them), whatever the rest of the rule file says, and the
     * concealing rules are cited first; when that answer is NO_RELEASABLE_RECORD, the first of them is
     * recorded as its true reason.
     */
    public Decision decide(Facts facts) {
        List<Decision.Citation> concealing = concealing(facts.partner(), facts.subject(), facts.ourCountry());
        if (concealing.isEmpty()) {
            return decideOn(facts);
        }
        Decision asNobody = decideOn(facts.asSomeoneWeHoldNoRecordOf());
        List<Decision.Citation> citations = new ArrayList<>(concealing);
        citations.addAll(asNobody.citations());
        String decidingRule = asNobody.answer() == ReasonCode.NO_RELEASABLE_RECORD
                ? concealing.get(0).ruleId()
                : asNobody.decidingRule();
        return asNobody.citing(citations, decidingRule);
    }

    /** What the rules other than CONCEAL say of one set of facts, before the outcome is chosen. */
    private record Evaluation(
            List<Decision.Citation> citations,
            Rule refusal,
            boolean review,
            Map<DataElement, String> withheld,
            List<Caveat> addedCaveats) {}

    private Evaluation evaluate(Facts facts, Optional<Annex> annex) {
        Map<String, Object> values = RuleSchema.bind(facts, annex, annex.isPresent());
        List<Decision.Citation> citations = new ArrayList<>();
        Rule refusal = null;
        boolean review = false;
        Map<DataElement, String> withheld = new LinkedHashMap<>();
        List<Caveat> addedCaveats = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (rule.effect() == RuleEffect.CONCEAL) {
                continue;
            }
            boolean holds;
            List<String> elements;
            try {
                holds = rule.holds(values);
                elements = holds ? rule.elements(values) : List.of();
            } catch (CelEvaluationException | RuntimeException e) {
                citations.add(new Decision.Citation(
                        rule.id(), rule.title() + EVALUATION_FAILED, source(rule, annex), RuleEffect.REVIEW));
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
                case CONCEAL -> throw new IllegalStateException("CONCEAL rules are evaluated apart");
            }
        }
        return new Evaluation(citations, refusal, review, withheld, addedCaveats);
    }

    private Decision decideOn(Facts facts) {
        Optional<Annex> annex = annexFor(facts.query(), facts.partner());
        Evaluation evaluation = evaluate(facts, annex);
        List<Decision.Citation> citations = new ArrayList<>(evaluation.citations());
        Map<DataElement, String> withheld = evaluation.withheld();
        boolean review = evaluation.review();
        String annexCitation = annex.map(Annex::citation).orElse(null);
        MatchResult match = facts.match();
        if (evaluation.refusal() != null) {
            return Decision.refuse(
                    evaluation.refusal().answer().orElseThrow(),
                    evaluation.refusal().id(),
                    citations,
                    rules.citation(),
                    annexCitation,
                    match);
        }
        Set<DataElement> releasable = EnumSet.noneOf(DataElement.class);
        facts.query().requested().stream()
                .filter(element -> !withheld.containsKey(element))
                .forEach(releasable::add);
        if (!review && !match.unambiguous()) {
            citations.add(SAFEGUARD);
            review = true;
        }
        if (!review && annex.isEmpty()) {
            citations.add(ANNEX_SAFEGUARD);
            review = true;
        }
        if (review) {
            return Decision.review(releasable, withheld, citations, rules.citation(), annexCitation, match);
        }
        return Decision.release(
                releasable,
                withheld,
                caveats(annex.orElseThrow(), evaluation.addedCaveats(), facts.today()),
                citations,
                rules.citation(),
                annexCitation,
                match);
    }

    /** The annex's caveats (the retention limit dated), then those rules added, each once. */
    private static List<Caveat> caveats(Annex annex, List<Caveat> added, LocalDate today) {
        Set<Caveat> all = new LinkedHashSet<>(annex.caveatsOn(today));
        all.addAll(added);
        return List.copyOf(all);
    }

    private static Decision.Citation citation(Rule rule, Optional<Annex> annex) {
        return new Decision.Citation(rule.id(), rule.title(), source(rule, annex), rule.effect());
    }

    /** The rule's own source, and the cited annex's clause when the rule names one the annex has. */
    private static String source(Rule rule, Optional<Annex> annex) {
        Optional<String> clause =
                rule.annexClause().flatMap(name -> annex.map(a -> a.clauses().get(name)));
        return clause.map(text -> rule.source() + "; " + text).orElse(rule.source());
    }
}
