package org.caseexchange.gateway.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a rule condition may use, with their types: the one schema conditions are type-checked
 * against at start-up, and the one place facts become values (docs/rules.md lists them; a test keeps
 * the list in step). Strings hold enum names; lists of strings are sorted.
 */
final class RuleSchema {

    /** A declared variable: its name in CEL, its type, and what it means. */
    public record Variable(String name, CelType type, String meaning) {}

    public static final List<Variable> VARIABLES = List.of(
            new Variable("query.legal_basis", SimpleType.STRING, "the annex id the query cites"),
            new Variable("query.purpose", SimpleType.STRING, "the stated purpose"),
            new Variable("query.requested", ListType.create(SimpleType.STRING), "the data elements asked for"),
            new Variable("query.has_justification", SimpleType.BOOL, "the query gives a justification"),
            new Variable("partner.code", SimpleType.STRING, "the asking partner's agency code"),
            new Variable("partner.country", SimpleType.STRING, "the asking partner's country"),
            new Variable("partner.human_rights_risk", SimpleType.STRING, "NONE, MITIGABLE or UNMITIGABLE"),
            new Variable(
                    "annex.known",
                    SimpleType.BOOL,
                    "the cited annex exists, names this partner, and is configured with it"),
            new Variable("annex.id", SimpleType.STRING, "the cited annex's id"),
            new Variable("annex.status", SimpleType.STRING, "ACTIVE or SUSPENDED; empty when unknown"),
            new Variable("annex.in_force", SimpleType.BOOL, "the decision date is within the annex's period in force"),
            new Variable(
                    "annex.automated", SimpleType.BOOL, "automated queries are allowed (false: case by case only)"),
            new Variable("annex.purpose_permitted", SimpleType.BOOL, "the annex permits the stated purpose"),
            new Variable(
                    "annex.releasable",
                    ListType.create(SimpleType.STRING),
                    "the elements the annex releases for the purpose"),
            new Variable("annex.two_step", SimpleType.BOOL, "details need an officer's approval after a hit"),
            new Variable(
                    "annex.quota_exceeded",
                    SimpleType.BOOL,
                    "the partner's daily or yearly volume under the annex is used up"),
            new Variable("match.outcome", SimpleType.STRING, "MATCH, POSSIBLE_MATCH or NO_MATCH"),
            new Variable("match.score", SimpleType.DOUBLE, "the best candidate's score, 0 to 1"),
            new Variable("match.candidates", SimpleType.INT, "how many records scored at least a possible match"),
            new Variable(
                    "subject.age",
                    SimpleType.INT,
                    "the person's age in full years on the decision date; -1 when unknown"),
            new Variable(
                    "subject.citizen_of", ListType.create(SimpleType.STRING), "countries the person is a citizen of"),
            new Variable(
                    "subject.permanent_resident_of",
                    ListType.create(SimpleType.STRING),
                    "countries where they are a permanent resident"),
            new Variable("subject.protection", SimpleType.STRING, "NONE, REFUGEE_CLAIMANT or PROTECTED_PERSON"),
            new Variable(
                    "subject.country_feared",
                    SimpleType.STRING,
                    "the country a claimant or protected person fears; empty when none"),
            new Variable("gateway.country", SimpleType.STRING, "our agency's country"));

    /**
     * The variables a CONCEAL rule may use: what is known of a candidate before any match is decided,
     * and of the partner and our country.
     */
    public static final List<Variable> GUARD_VARIABLES = VARIABLES.stream()
            .filter(variable -> variable.name().startsWith("subject.")
                    || variable.name().startsWith("partner.")
                    || variable.name().startsWith("gateway."))
            .toList();

    private RuleSchema() {}

    /** The values of every variable for one decision. */
    static Map<String, Object> bind(Facts facts, Optional<Annex> annex, boolean known) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("query.legal_basis", facts.query().legalBasis());
        values.put("query.purpose", facts.query().purpose().name());
        values.put("query.requested", names(facts.query().requested()));
        values.put("query.has_justification", facts.query().hasJustification());
        putPartner(values, facts.partner());
        values.put("annex.known", known);
        values.put("annex.id", facts.query().legalBasis());
        values.put("annex.status", annex.map(a -> a.status().name()).orElse(""));
        values.put("annex.in_force", annex.map(a -> a.inForceOn(facts.today())).orElse(false));
        values.put(
                "annex.automated", annex.map(one -> one.release().automated()).orElse(false));
        values.put(
                "annex.purpose_permitted",
                annex.map(a -> a.permits(facts.query().purpose())).orElse(false));
        values.put(
                "annex.releasable",
                names(annex.map(a -> a.releasableFor(facts.query().purpose())).orElse(Set.of())));
        values.put("annex.two_step", annex.map(one -> one.release().twoStep()).orElse(false));
        values.put("annex.quota_exceeded", facts.quotaExceeded());
        values.put("match.outcome", facts.match().outcome().name());
        values.put("match.score", facts.match().score());
        values.put("match.candidates", (long) facts.match().candidates());
        putSubject(values, facts.subject());
        values.put("gateway.country", facts.ourCountry());
        return values;
    }

    /** The values of {@link #GUARD_VARIABLES} for one candidate. */
    static Map<String, Object> bindGuard(Facts.Partner partner, Facts.Subject subject, String ourCountry) {
        Map<String, Object> values = new LinkedHashMap<>();
        putPartner(values, partner);
        putSubject(values, subject);
        values.put("gateway.country", ourCountry);
        return values;
    }

    private static void putPartner(Map<String, Object> values, Facts.Partner partner) {
        values.put("partner.code", partner.code());
        values.put("partner.country", partner.country());
        values.put("partner.human_rights_risk", partner.risk().name());
    }

    private static void putSubject(Map<String, Object> values, Facts.Subject subject) {
        values.put(
                "subject.age", subject.age().isPresent() ? (long) subject.age().getAsInt() : -1L);
        values.put("subject.citizen_of", List.copyOf(new TreeSet<>(subject.citizenOf())));
        values.put("subject.permanent_resident_of", List.copyOf(new TreeSet<>(subject.permanentResidentOf())));
        values.put("subject.protection", subject.protection().name());
        values.put("subject.country_feared", subject.countryFeared() == null ? "" : subject.countryFeared());
    }

    private static List<String> names(java.util.Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }
}
