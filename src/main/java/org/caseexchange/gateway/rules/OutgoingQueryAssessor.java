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
        Screened screened = screen(recipient, query, false);
        if (screened.refusal() != null) {
            return screened.refusal();
        }
        Grounds on = screened.grounds();
        List<Decision.Citation> guards = new ArrayList<>();
        matcher.matchWithRecord(subject, candidate -> {
            List<Decision.Citation> concealing =
                    engine.concealing(on.partner(), QueryAssessor.subjectFacts(candidate, on.today()), ourCountry);
            concealing.stream().filter(c -> !guards.contains(c)).forEach(guards::add);
            return !concealing.isEmpty();
        });
        if (!guards.isEmpty()) {
            return on.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, guards);
        }
        if (countQuota && !quotas.tryConsumeOurs(recipient.agencyCode(), on.annex(), on.today())) {
            return on.refuse(
                    ReasonCode.QUOTA_EXCEEDED, List.of(clause(on.annex(), "quota", "The annex's volume holds")));
        }
        OutgoingDecision.Outcome outcome = OutgoingDecision.Outcome.SEND;
        if (on.partner().risk() == HumanRightsRisk.MITIGABLE) {
            on.citations().add(risk(on.partner()));
            outcome = OutgoingDecision.Outcome.CONFIRM;
        }
        return on.decide(outcome, on.documentsSent());
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
        Facts.Query disclosure = new Facts.Query(legalBasis, purpose, List.copyOf(elements), hasJustification);
        Screened screened = screen(recipient, disclosure, true);
        if (screened.refusal() != null) {
            return screened.refusal();
        }
        Grounds on = screened.grounds();
        List<Decision.Citation> guards =
                engine.concealing(on.partner(), QueryAssessor.subjectFacts(person, on.today()), ourCountry);
        if (!guards.isEmpty()) {
            return on.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, guards);
        }
        if (on.partner().risk() == HumanRightsRisk.MITIGABLE) {
            on.citations().add(risk(on.partner()));
        }
        on.citations().add(FOUR_EYES);
        return on.decide(OutgoingDecision.Outcome.CONFIRM, true);
    }

    /**
     * What a query and a disclosure of ours both pass, in this order: the annex is agreed, active and in
     * force (and, for a disclosure, allows one), permits the purpose and at least one of the elements;
     * a justification is given; the human-rights risk is not unmitigable. Either the refusal, or the
     * grounds the rest of the decision stands on.
     */
    private Screened screen(Partner recipient, Facts.Query query, boolean disclosure) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String ruleSet = engine.ruleSet().citation();
        Facts.Partner partner = new Facts.Partner(
                recipient.agencyCode(),
                recipient.country(),
                recipient.annexes(),
                properties.riskOf(recipient.agencyCode()));
        Optional<Annex> found = engine.annexFor(query, partner);
        if (found.isEmpty()) {
            return Screened.refused(OutgoingDecision.refuse(
                    ReasonCode.ANNEX_UNKNOWN, List.of(DecisionEngine.ANNEX_SAFEGUARD), ruleSet, null));
        }
        Annex annex = found.get();
        Set<DataElement> permitted = annex.releasableFor(query.purpose());
        Set<DataElement> granted = EnumSet.noneOf(DataElement.class);
        Set<DataElement> withheld = EnumSet.noneOf(DataElement.class);
        for (DataElement element : query.requested()) {
            (permitted.contains(element) ? granted : withheld).add(element);
        }
        Grounds on = new Grounds(
                partner,
                annex,
                today,
                ruleSet,
                granted,
                withheld,
                permitted.contains(DataElement.DOCUMENTS),
                new ArrayList<>());
        if (annex.status() == Annex.Status.SUSPENDED) {
            return Screened.refused(
                    on.refuse(ReasonCode.ANNEX_SUSPENDED, List.of(clause(annex, "in-force", "The annex is active"))));
        }
        if (!annex.inForceOn(today)) {
            return Screened.refused(on.refuse(
                    ReasonCode.ANNEX_NOT_IN_FORCE, List.of(clause(annex, "in-force", "The annex is in force"))));
        }
        if (disclosure && !annex.release().proactiveDisclosure()) {
            return Screened.refused(on.refuse(
                    ReasonCode.DISCLOSURE_NOT_PERMITTED,
                    List.of(clause(annex, "purposes", "The annex allows proactive disclosure"))));
        }
        if (!annex.permits(query.purpose())) {
            return Screened.refused(on.refuse(
                    ReasonCode.PURPOSE_NOT_PERMITTED,
                    List.of(clause(annex, "purposes", "The annex permits the purpose"))));
        }
        // A query also discloses the subject's identifiers: their documents go only where the purpose allows.
        if (!withheld.isEmpty() || (!disclosure && !on.documentsSent())) {
            on.citations()
                    .add(clause(
                            annex,
                            "elements",
                            disclosure
                                    ? "Only what the annex permits is disclosed"
                                    : "Only what the annex permits is asked and disclosed"));
        }
        if (granted.isEmpty()) {
            return Screened.refused(on.refuse(ReasonCode.PURPOSE_NOT_PERMITTED, on.citations()));
        }
        if (!query.hasJustification()) {
            return Screened.refused(on.refuse(ReasonCode.JUSTIFICATION_REQUIRED, List.of(JUSTIFICATION)));
        }
        if (partner.risk() == HumanRightsRisk.UNMITIGABLE) {
            return Screened.refused(on.refuse(ReasonCode.REFUSED_BY_DOMESTIC_LAW, List.of(risk(partner))));
        }
        return new Screened(null, on);
    }

    /** What the decision on an outgoing message stands on once the annex and the partner allow it. */
    private record Grounds(
            Facts.Partner partner,
            Annex annex,
            LocalDate today,
            String ruleSet,
            Set<DataElement> granted,
            Set<DataElement> withheld,
            boolean documentsSent,
            List<Decision.Citation> citations) {

        OutgoingDecision refuse(ReasonCode reason, List<Decision.Citation> cited) {
            return OutgoingDecision.refuse(reason, cited, ruleSet, annex.citation());
        }

        OutgoingDecision decide(OutgoingDecision.Outcome outcome, boolean documents) {
            return new OutgoingDecision(
                    outcome, null, granted, withheld, documents, citations, ruleSet, annex.citation());
        }
    }

    /** Either a refusal, or the grounds to decide on. */
    private record Screened(OutgoingDecision refusal, Grounds grounds) {
        static Screened refused(OutgoingDecision refusal) {
            return new Screened(refusal, null);
        }
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
