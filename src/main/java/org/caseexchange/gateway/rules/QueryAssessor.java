package org.caseexchange.gateway.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.MatchOutcome;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.ReleasedData;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.Partner;

/**
 * Answers one authenticated, validated query as far as the rules allow: counts it against the annex's
 * quota, finds the person with the guards applied to every candidate, gathers the facts, decides, and
 * builds exactly the released data. Runs in
 * the exchange's transaction (the quota count commits or rolls back with it).
 */
public class QueryAssessor {

    /**
     * @param released empty unless the decision releases something
     * @param candidates the persons the query may be about, best first, with their scores: what an
     *     officer confirms a possible match from (empty when the query is answered as one about nobody)
     */
    public record Assessment(Decision decision, ReleasedData released, List<PersonMatcher.Scored> candidates) {

        public Assessment {
            candidates = List.copyOf(candidates);
        }

        Assessment(Decision decision, ReleasedData released) {
            this(decision, released, List.of());
        }
    }

    private final DecisionEngine engine;
    private final PersonMatcher matcher;
    private final QuotaLedger quotas;
    private final Enrichment enrichment;
    private final RulesProperties properties;
    private final String ourCountry;
    private final Clock clock;

    public QueryAssessor(
            DecisionEngine engine,
            PersonMatcher matcher,
            QuotaLedger quotas,
            Enrichment enrichment,
            RulesProperties properties,
            String ourCountry,
            Clock clock) {
        this.engine = engine;
        this.matcher = matcher;
        this.quotas = quotas;
        this.enrichment = enrichment;
        this.properties = properties;
        this.ourCountry = ourCountry;
        this.clock = clock;
    }

    public Assessment assess(Partner sender, Facts.Query query, SubjectQuery subject) {
        LocalDate today = today();
        Facts.Partner partner = factsOf(sender);
        Optional<Annex> annex = engine.annexFor(query, partner);
        boolean quotaExceeded = annex.isPresent() && !quotas.tryConsume(sender.agencyCode(), annex.get(), today);
        PersonMatcher.Matched matched = matcher.matchWithRecord(
                subject,
                candidate -> !engine.concealing(partner, subjectFacts(candidate, today), ourCountry)
                        .isEmpty());
        Facts.Subject facts = matched.person()
                .or(matched::concealed)
                .map(person -> subjectFacts(person, today))
                .orElse(Facts.Subject.UNKNOWN);
        Decision decision =
                engine.decide(new Facts(query, partner, matched.result(), facts, quotaExceeded, today, ourCountry));
        Set<String> released = decision.released().stream().map(Enum::name).collect(Collectors.toSet());
        ReleasedData data = released.isEmpty()
                ? ReleasedData.NOTHING
                : enrichment.release(matched.person().orElseThrow(), released);
        return new Assessment(decision, data, matched.candidates());
    }

    /**
     * A case sent to review that an officer approved, decided again on today's facts: the query as it
     * was asked and the record of the person the officer confirmed as it stands now
     * ({@link DecisionEngine#approvedOnReview}), with exactly the data that decision releases.
     */
    public Assessment approvedOnReview(
            Partner sender,
            Facts.Query query,
            PersonRecord person,
            Set<DataElement> proposed,
            Set<DataElement> approved) {
        LocalDate today = today();
        MatchResult confirmed = new MatchResult(MatchOutcome.MATCH, 1.0, 1, Optional.of(person.id()));
        Facts facts =
                new Facts(query, factsOf(sender), confirmed, subjectFacts(person, today), false, today, ourCountry);
        Decision decision = engine.approvedOnReview(facts, proposed, approved);
        Set<String> released = decision.released().stream().map(Enum::name).collect(Collectors.toSet());
        return new Assessment(
                decision, released.isEmpty() ? ReleasedData.NOTHING : enrichment.release(person, released));
    }

    public Decision refusedOnReview(Partner sender, String legalBasis, ReasonCode answer) {
        return engine.refusedOnReview(legalBasis, factsOf(sender), answer);
    }

    private Facts.Partner factsOf(Partner sender) {
        return new Facts.Partner(
                sender.agencyCode(), sender.country(), sender.annexes(), properties.riskOf(sender.agencyCode()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Facts.Subject subjectFacts(PersonRecord person, LocalDate today) {
        OptionalInt age = person.dateOfBirth().map(date -> date.ageOn(today)).orElse(OptionalInt.empty());
        String feared = person.status().map(PersonRecord.Status::countryFeared).orElse(null);
        return new Facts.Subject(age, person.citizenOf(), person.permanentResidentOf(), person.protection(), feared);
    }
}
