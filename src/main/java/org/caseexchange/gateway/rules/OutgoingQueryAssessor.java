package org.caseexchange.gateway.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;

/**
 * Decides whether a query or proactive disclosure one of our officers wrote may leave, before anything
 * is sealed. A query
 * discloses our interest in a person and the identifiers we send, so the rules that guard what we
 * answer guard what we ask: the annex is agreed with the partner, in force and active, and permits the
 * purpose; only the elements the annex permits are asked for and travel documents go only where the
 * purpose concerns them; the partner's human-rights risk allows sharing (a mitigable risk needs a second
 * officer); a person our rules conceal from that partner (a refugee claimant towards the country they
 * fear, a citizen, a permanent resident) is not asked about, whichever of our records the identifiers
 * could reach; and the annex's quota holds in our direction. Runs in the exchange's transaction (the
 * quota count commits or rolls back with it).
 */
public class OutgoingQueryAssessor {

    /** Cited when the officer gave no justification: every query we send is case by case. */
    static final Decision.Citation JUSTIFICATION = new Decision.Citation(
            "GATEWAY-OUTGOING-JUSTIFICATION",
            "A query we send carries the officer's justification",
            "Gateway safeguard: queries to a partner are case by case and justified",
            RuleEffect.REFUSE);

    private final DecisionEngine engine;
    private final PersonMatcher matcher;
    private final QuotaLedger quotas;
    private final RulesProperties properties;
    private final String ourCountry;
    private final Clock clock;

    public OutgoingQueryAssessor(
            DecisionEngine engine,
            PersonMatcher matcher,
            QuotaLedger quotas,
            RulesProperties properties,
            String ourCountry,
            Clock clock) {
        this.engine = engine;
        this.matcher = matcher;
        this.quotas = quotas;
        this.properties = properties;
        this.ourCountry = ourCountry;
        this.clock = clock;
    }

    /**
     * @param countQuota false when the query was counted already (a second officer confirming it)
     */
    public OutgoingDecision assess(Partner recipient, Facts.Query query, SubjectQuery subject, boolean countQuota) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String ruleSet = engine.ruleSet().citation();
        Facts.Partner partner = new Facts.Partner(
                recipient.agencyCode(),
                recipient.country(),
                recipient.annexes(),
                properties.riskOf(recipient.agencyCode()));
        Optional<Annex> found = engine.annexFor(query, partner);
        if (found.isEmpty()) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_UNKNOWN, List.of(DecisionEngine.ANNEX_SAFEGUARD), ruleSet, null);
        }
        Annex annex = found.get();
        String cited = annex.citation();
        if (annex.status() == Annex.Status.SUSPENDED) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_SUSPENDED,
                    List.of(clause(annex, "in-force", "The annex is active")),
                    ruleSet,
                    cited);
        }
        if (!annex.inForceOn(today)) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_NOT_IN_FORCE,
                    List.of(clause(annex, "in-force", "The annex is in force")),
                    ruleSet,
                    cited);
        }
        if (!annex.permits(query.purpose())) {
            return OutgoingDecision.refuse(
                    ReasonCode.PURPOSE_NOT_PERMITTED,
                    List.of(clause(annex, "purposes", "The annex permits the purpose")),
                    ruleSet,
                    cited);
        }
        List<Decision.Citation> citations = new ArrayList<>();
        Set<DataElement> permitted = annex.releasableFor(query.purpose());
        Set<DataElement> asked = EnumSet.noneOf(DataElement.class);
        Set<DataElement> withheld = EnumSet.noneOf(DataElement.class);
        for (DataElement element : query.requested()) {
            (permitted.contains(element) ? asked : withheld).add(element);
        }
        boolean documentsSent = permitted.contains(DataElement.DOCUMENTS);
        if (!withheld.isEmpty() || !documentsSent) {
            citations.add(clause(annex, "elements", "Only what the annex permits is asked and disclosed"));
        }
        if (asked.isEmpty()) {
            return OutgoingDecision.refuse(ReasonCode.PURPOSE_NOT_PERMITTED, citations, ruleSet, cited);
        }
        if (!query.hasJustification()) {
            return OutgoingDecision.refuse(ReasonCode.JUSTIFICATION_REQUIRED, List.of(JUSTIFICATION), ruleSet, cited);
        }
        if (partner.risk() == HumanRightsRisk.UNMITIGABLE) {
            return OutgoingDecision.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, List.of(risk(partner)), ruleSet, cited);
        }
        List<Decision.Citation> guards = new ArrayList<>();
        matcher.matchWithRecord(subject, candidate -> {
            List<Decision.Citation> concealing =
                    engine.concealing(partner, QueryAssessor.subjectFacts(candidate, today), ourCountry);
            concealing.stream().filter(c -> !guards.contains(c)).forEach(guards::add);
            return !concealing.isEmpty();
        });
        if (!guards.isEmpty()) {
            return OutgoingDecision.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, guards, ruleSet, cited);
        }
        if (countQuota && !quotas.tryConsumeOurs(recipient.agencyCode(), annex, today)) {
            return OutgoingDecision.refuse(
                    ReasonCode.QUOTA_EXCEEDED,
                    List.of(clause(annex, "quota", "The annex's volume holds")),
                    ruleSet,
                    cited);
        }
        OutgoingDecision.Outcome outcome = OutgoingDecision.Outcome.SEND;
        if (partner.risk() == HumanRightsRisk.MITIGABLE) {
            citations.add(risk(partner));
            outcome = OutgoingDecision.Outcome.CONFIRM;
        }
        return new OutgoingDecision(outcome, null, asked, withheld, documentsSent, citations, ruleSet, cited);
    }

    /**
     * Decides whether a proactive disclosure an officer proposed may leave: the annex is agreed, active,
     * in force and allows proactive disclosure; only the elements it permits for the purpose are
     * disclosed; a justification is given; the partner's human-rights risk allows sharing; the person is
     * not one our rules conceal from that partner (as of today's record). A disclosure always needs a
     * second officer, so the outcome is CONFIRM or REFUSE.
     */
    public OutgoingDecision assessDisclosure(
            Partner recipient,
            String legalBasis,
            Purpose purpose,
            Set<DataElement> elements,
            boolean hasJustification,
            org.caseexchange.gateway.casedata.PersonRecord person) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String ruleSet = engine.ruleSet().citation();
        Facts.Partner partner = new Facts.Partner(
                recipient.agencyCode(),
                recipient.country(),
                recipient.annexes(),
                properties.riskOf(recipient.agencyCode()));
        Facts.Query asked = new Facts.Query(legalBasis, purpose, List.copyOf(elements), hasJustification);
        Optional<Annex> found = engine.annexFor(asked, partner);
        if (found.isEmpty()) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_UNKNOWN, List.of(DecisionEngine.ANNEX_SAFEGUARD), ruleSet, null);
        }
        Annex annex = found.get();
        String cited = annex.citation();
        if (annex.status() == Annex.Status.SUSPENDED) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_SUSPENDED,
                    List.of(clause(annex, "in-force", "The annex is active")),
                    ruleSet,
                    cited);
        }
        if (!annex.inForceOn(today)) {
            return OutgoingDecision.refuse(
                    ReasonCode.ANNEX_NOT_IN_FORCE,
                    List.of(clause(annex, "in-force", "The annex is in force")),
                    ruleSet,
                    cited);
        }
        if (!annex.proactiveDisclosure()) {
            return OutgoingDecision.refuse(
                    ReasonCode.DISCLOSURE_NOT_PERMITTED,
                    List.of(clause(annex, "purposes", "The annex allows proactive disclosure")),
                    ruleSet,
                    cited);
        }
        if (!annex.permits(purpose)) {
            return OutgoingDecision.refuse(
                    ReasonCode.PURPOSE_NOT_PERMITTED,
                    List.of(clause(annex, "purposes", "The annex permits the purpose")),
                    ruleSet,
                    cited);
        }
        List<Decision.Citation> citations = new ArrayList<>();
        Set<DataElement> permitted = annex.releasableFor(purpose);
        Set<DataElement> disclosed = EnumSet.noneOf(DataElement.class);
        Set<DataElement> withheld = EnumSet.noneOf(DataElement.class);
        for (DataElement element : elements) {
            (permitted.contains(element) ? disclosed : withheld).add(element);
        }
        if (!withheld.isEmpty()) {
            citations.add(clause(annex, "elements", "Only what the annex permits is disclosed"));
        }
        if (disclosed.isEmpty()) {
            return OutgoingDecision.refuse(ReasonCode.PURPOSE_NOT_PERMITTED, citations, ruleSet, cited);
        }
        if (!hasJustification) {
            return OutgoingDecision.refuse(ReasonCode.JUSTIFICATION_REQUIRED, List.of(JUSTIFICATION), ruleSet, cited);
        }
        if (partner.risk() == HumanRightsRisk.UNMITIGABLE) {
            return OutgoingDecision.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, List.of(risk(partner)), ruleSet, cited);
        }
        List<Decision.Citation> guards =
                engine.concealing(partner, QueryAssessor.subjectFacts(person, today), ourCountry);
        if (!guards.isEmpty()) {
            return OutgoingDecision.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, guards, ruleSet, cited);
        }
        if (partner.risk() == HumanRightsRisk.MITIGABLE) {
            citations.add(risk(partner));
        }
        citations.add(FOUR_EYES);
        return new OutgoingDecision(
                OutgoingDecision.Outcome.CONFIRM, null, disclosed, withheld, true, citations, ruleSet, cited);
    }

    /** Cited on every proactive disclosure: a second officer confirms it before it leaves. */
    static final Decision.Citation FOUR_EYES = new Decision.Citation(
            "GATEWAY-DISCLOSURE-FOUR-EYES",
            "A proactive disclosure leaves only once a second officer confirmed it",
            "Gateway safeguard: two officers for every disclosure we start",
            RuleEffect.REVIEW);

    private static Decision.Citation clause(Annex annex, String condition, String title) {
        return new Decision.Citation(
                annex.id() + "-" + condition.toUpperCase(java.util.Locale.ROOT),
                title,
                annex.clauses().getOrDefault(condition, annex.id()),
                RuleEffect.REFUSE);
    }

    private static Decision.Citation risk(Facts.Partner partner) {
        return new Decision.Citation(
                "PARTNER-HUMAN-RIGHTS-RISK",
                "The agency's assessment of the risk of sharing with " + partner.code() + ": " + partner.risk(),
                "gateway.rules.partner-risk",
                partner.risk() == HumanRightsRisk.UNMITIGABLE ? RuleEffect.REFUSE : RuleEffect.REVIEW);
    }
}
