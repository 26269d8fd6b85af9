package org.caseexchange.gateway.casedata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the person a query names (docs/rules.md, "Matching"). Candidates come by document number and
 * by blocking key and are read only as far as scoring needs; each is scored from 0 to 1 on names (the best pair of the query's and the
 * record's names), date of birth, document, sex and nationality. The best candidate is a MATCH at or
 * above the match threshold when no other record competes with it (scores within the ambiguity
 * margin and above the possible-match threshold); a POSSIBLE_MATCH when it is above the possible
 * threshold or has competitors; otherwise there is NO_MATCH.
 */
public class PersonMatcher {

    /** One candidate and how it scored, part by part. */
    public record Scored(UUID person, double score, double name, double dateOfBirth, double document, double sex, double nationality) {}

    static final double NAME_WEIGHT = 0.45;
    static final double BIRTH_WEIGHT = 0.25;
    static final double DOCUMENT_WEIGHT = 0.20;
    static final double SEX_WEIGHT = 0.05;
    static final double NATIONALITY_WEIGHT = 0.05;
    private static final double UNKNOWN = 0.5;

    private final CaseDataRepository repository;
    private final MatchingProperties thresholds;
    private final NameSimilarity names = new NameSimilarity();

    public PersonMatcher(CaseDataRepository repository, MatchingProperties thresholds) {
        this.repository = repository;
        this.thresholds = thresholds;
    }

    /** The result, and the matched person's record when there is one unambiguous match. */
    public record Matched(MatchResult result, Optional<PersonRecord> person) {}

    public MatchResult match(SubjectQuery query) {
        return matchWithRecord(query).result();
    }

    /**
     * Matches and loads the matched person whole. Without a match it loads the best candidate (or any
     * person) all the same and discards it, so that a query about someone we hold no record of costs
     * what one about a person the rules protect does: the two are answered alike, and must take alike.
     */
    public Matched matchWithRecord(SubjectQuery query) {
        List<Scored> scored = scored(query, candidates(query));
        MatchResult result = result(scored);
        Optional<UUID> loaded = result.person().or(() -> scored.stream().findFirst().map(Scored::person)).or(repository::anyPerson);
        Optional<PersonRecord> record = loaded.flatMap(repository::load);
        return new Matched(result, result.person().isPresent() ? record : Optional.empty());
    }

    /** Every candidate, best first. */
    public List<Scored> score(SubjectQuery query) {
        return scored(query, candidates(query));
    }

    private Map<UUID, PersonRecord> candidates(SubjectQuery query) {
        Set<UUID> byDocument = new LinkedHashSet<>();
        for (SubjectQuery.DocumentReference document : query.documents()) {
            byDocument.addAll(repository.byDocument(document.number(), document.issuingCountry()));
        }
        Set<UUID> all = new LinkedHashSet<>(byDocument);
        all.addAll(repository.byKeys(MatchKeys.forQuery(query.names(), query.dateOfBirth())));
        // Persons filed under a common name's key are many; those whose name and date of birth cannot
        // reach a possible match even with every other part agreeing are dropped before the rest is read.
        Map<UUID, PersonRecord> kept = new LinkedHashMap<>();
        repository.loadNamesAndBirth(all).forEach((id, person) -> {
            double best = NAME_WEIGHT * nameScore(query, person) + BIRTH_WEIGHT * birthScore(query.dateOfBirth(), person.dateOfBirth())
                    + DOCUMENT_WEIGHT + SEX_WEIGHT + NATIONALITY_WEIGHT;
            if (byDocument.contains(id) || best >= thresholds.possibleThreshold()) {
                kept.put(id, person);
            }
        });
        return repository.withNationalitiesAndDocuments(kept);
    }

    private List<Scored> scored(SubjectQuery query, Map<UUID, PersonRecord> persons) {
        List<Scored> scored = new ArrayList<>();
        for (PersonRecord person : persons.values()) {
            scored.add(score(query, person));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::person));
        return scored;
    }

    MatchResult result(List<Scored> scored) {
        if (scored.isEmpty()) {
            return MatchResult.noMatch(0);
        }
        Scored best = scored.get(0);
        if (best.score() < thresholds.possibleThreshold()) {
            return MatchResult.noMatch(best.score());
        }
        int competing = (int) scored.stream()
                .filter(candidate -> candidate.score() >= thresholds.possibleThreshold()
                        && candidate.score() >= best.score() - thresholds.ambiguityMargin())
                .count();
        if (best.score() >= thresholds.matchThreshold() && competing == 1) {
            return new MatchResult(MatchOutcome.MATCH, best.score(), 1, Optional.of(best.person()));
        }
        return new MatchResult(MatchOutcome.POSSIBLE_MATCH, best.score(), competing, Optional.empty());
    }

    Scored score(SubjectQuery query, PersonRecord person) {
        double name = nameScore(query, person);
        double birth = birthScore(query.dateOfBirth(), person.dateOfBirth());
        double document = documentScore(query, person);
        double sex = sexScore(query.sex(), person.sex());
        double nationality = query.nationalities().isEmpty() || person.nationalities().isEmpty() ? UNKNOWN
                : query.nationalities().stream().anyMatch(person.nationalities()::contains) ? 1 : 0.3;
        double score = NAME_WEIGHT * name + BIRTH_WEIGHT * birth + DOCUMENT_WEIGHT * document + SEX_WEIGHT * sex
                + NATIONALITY_WEIGHT * nationality;
        return new Scored(person.id(), score, name, birth, document, sex, nationality);
    }

    /** The best pair of names: family name weighs 0.6, given names 0.4 (0.5 when either has none). */
    private double nameScore(SubjectQuery query, PersonRecord person) {
        double best = 0;
        for (PersonRecord.Name asked : query.names()) {
            String askedFamily = Names.normalise(asked.familyName());
            String askedGiven = Names.normalise(asked.givenNames());
            for (PersonRecord.Name held : person.names()) {
                double family = names.of(askedFamily, Names.normalise(held.familyName()));
                String heldGiven = Names.normalise(held.givenNames());
                double given = askedGiven.isEmpty() || heldGiven.isEmpty() ? UNKNOWN
                        : Math.max(names.of(askedGiven, heldGiven),
                                0.98 * names.of(Names.firstGiven(asked.givenNames()), Names.firstGiven(held.givenNames())));
                best = Math.max(best, 0.6 * family + 0.4 * given);
            }
        }
        return best;
    }

    /** Equal to the precision both know: 1 for a full date, less for a month or a year; 0 when they differ. */
    static double birthScore(Optional<PartialDate> asked, Optional<PartialDate> held) {
        if (asked.isEmpty() || held.isEmpty()) {
            return UNKNOWN;
        }
        int precision = Math.min(asked.get().precision(), held.get().precision());
        if (asked.get().truncated(precision).equals(held.get().truncated(precision))) {
            return precision == 3 ? 1 : precision == 2 ? 0.85 : 0.75;
        }
        PartialDate a = asked.get();
        PartialDate h = held.get();
        if (a.full() && h.full() && a.year() == h.year() && a.month().equals(h.day()) && a.day().equals(h.month())) {
            return 0.8; // day and month swapped, a common clerical error
        }
        return 0;
    }

    private static double documentScore(SubjectQuery query, PersonRecord person) {
        if (query.documents().isEmpty() || person.documents().isEmpty()) {
            return UNKNOWN;
        }
        for (SubjectQuery.DocumentReference asked : query.documents()) {
            for (PersonRecord.Document held : person.documents()) {
                if (Names.documentNumber(asked.number()).equals(Names.documentNumber(held.number()))
                        && asked.issuingCountry().equals(held.issuingCountry())) {
                    return 1;
                }
            }
        }
        return 0.3;
    }

    private static double sexScore(String asked, String held) {
        boolean known = ("F".equals(asked) || "M".equals(asked)) && ("F".equals(held) || "M".equals(held));
        return !known ? UNKNOWN : asked.equals(held) ? 1 : 0;
    }
}
