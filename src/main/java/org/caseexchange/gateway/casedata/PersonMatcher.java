package org.caseexchange.gateway.casedata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

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
    public record Scored(
            UUID person,
            double score,
            double name,
            double dateOfBirth,
            double document,
            double sex,
            double nationality) {}

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

    /** How many candidates a match keeps for an officer to confirm one of: the best, by score. */
    public static final int CANDIDATES_KEPT = 10;

    /**
     * What matching found: the result, the matched person's record when there is one unambiguous
     * match, the guarded person the query is answered as nobody about, when one is, and the candidates
     * that scored at least a possible match (best first, at most {@link #CANDIDATES_KEPT}), for an
     * officer to confirm one of. A query answered as nobody has no candidates: the guarded person is
     * not shown, and neither is whoever else it reached, as for a query about someone we hold no record of.
     */
    public record Matched(
            MatchResult result,
            Optional<PersonRecord> person,
            Optional<PersonRecord> concealed,
            List<Scored> candidates) {

        public Matched {
            if (concealed.isPresent() && (person.isPresent() || result.outcome() != MatchOutcome.NO_MATCH)) {
                throw new IllegalArgumentException("a query answered as nobody has no match");
            }
            candidates = List.copyOf(candidates);
            if (concealed.isPresent() && !candidates.isEmpty()) {
                throw new IllegalArgumentException("a query answered as nobody has no candidates");
            }
        }
    }

    public MatchResult match(SubjectQuery query) {
        return matchWithRecord(query, person -> false).result();
    }

    /**
     * Matches with the guards applied to every candidate the query reaches (each scoring at least a
     * possible match), each read whole to be judged. A guarded candidate is set aside; when one scores
     * as well as the best of the rest (within the ambiguity margin) or better, the query is answered as
     * one about nobody ({@link Matched#concealed}), since whatever else it reaches is not whom it most
     * resembles. Otherwise the match is decided on the others, exactly as if the guarded ones were not
     * on file.
     *
     * <p>What is read does not depend on whether anyone is found: a query none of whose candidates
     * survives the first cut carries a stand-in (the same person each time) through every step, read,
     * scored and judged like a candidate and then discarded, so that a query about someone we hold no
     * record of costs what one about a guarded person does: the two are answered alike, and must take
     * alike ({@code GuardedPersonsBenchmark} measures it).
     *
     * @param guarded true for a person the rules conceal from this partner
     */
    public Matched matchWithRecord(SubjectQuery query, Predicate<PersonRecord> guarded) {
        Optional<UUID> standIn = repository.anyPerson();
        Candidates candidates = candidates(query, standIn);
        List<Scored> withStandIn = scored(query, candidates.persons());
        List<Scored> scored = withStandIn.stream()
                .filter(candidate -> !candidates.standIn().equals(Optional.of(candidate.person())))
                .toList();
        List<Scored> reachable = scored.stream()
                .filter(candidate -> candidate.score() >= thresholds.possibleThreshold())
                .toList();
        Set<UUID> read = new LinkedHashSet<>();
        reachable.forEach(candidate -> read.add(candidate.person()));
        if (read.isEmpty()) {
            withStandIn.stream()
                    .findFirst()
                    .map(Scored::person)
                    .or(() -> standIn)
                    .ifPresent(read::add);
        }
        Map<UUID, PersonRecord> records = repository.load(read);
        // Every record read is judged, the one read only to take as long as well.
        Set<UUID> guardedIds = new HashSet<>();
        records.forEach((id, record) -> {
            if (guarded.test(record)) {
                guardedIds.add(id);
            }
        });
        List<Scored> set = new ArrayList<>();
        List<Scored> kept = new ArrayList<>();
        for (Scored candidate : scored) {
            boolean reaches = candidate.score() >= thresholds.possibleThreshold();
            (reaches && guardedIds.contains(candidate.person()) ? set : kept).add(candidate);
        }
        if (!set.isEmpty()
                && (kept.isEmpty() || set.get(0).score() >= kept.get(0).score() - thresholds.ambiguityMargin())) {
            return new Matched(
                    MatchResult.noMatch(0),
                    Optional.empty(),
                    Optional.of(records.get(set.get(0).person())),
                    List.of());
        }
        MatchResult result = result(kept);
        List<Scored> possible = kept.stream()
                .filter(candidate -> candidate.score() >= thresholds.possibleThreshold())
                .limit(CANDIDATES_KEPT)
                .toList();
        return new Matched(result, result.person().map(records::get), Optional.empty(), possible);
    }

    /** Every candidate, best first. */
    public List<Scored> score(SubjectQuery query) {
        return scored(query, candidates(query, Optional.empty()).persons());
    }

    /** The candidates to score, and the stand-in among them when none of the query's own survived the first cut. */
    private record Candidates(Map<UUID, PersonRecord> persons, Optional<UUID> standIn) {}

    private Candidates candidates(SubjectQuery query, Optional<UUID> standIn) {
        Set<UUID> byDocument = new LinkedHashSet<>();
        for (SubjectQuery.DocumentReference document : query.documents()) {
            byDocument.addAll(repository.byDocument(document.number(), document.issuingCountry()));
        }
        Set<UUID> all = new LinkedHashSet<>(byDocument);
        all.addAll(repository.byKeys(MatchKeys.forQuery(withTransposed(query.names()), query.dateOfBirth())));
        Optional<UUID> extra = standIn.filter(id -> !all.contains(id));
        Set<UUID> read = new LinkedHashSet<>(all);
        extra.ifPresent(read::add);
        // Persons filed under a common name's key are many; those whose name, date of birth and sex
        // cannot reach a possible match are dropped before the rest of them is read.
        Map<UUID, PersonRecord> kept = new LinkedHashMap<>();
        Map<UUID, PersonRecord> light = repository.loadNamesAndBirth(read);
        light.forEach((id, person) -> {
            if (all.contains(id)
                    && (byDocument.contains(id)
                            || highestWithoutDocument(query, person) >= thresholds.possibleThreshold())) {
                kept.put(id, person);
            }
        });
        Optional<UUID> used = extra.filter(id -> kept.isEmpty() && light.containsKey(id));
        used.ifPresent(id -> kept.put(id, light.get(id)));
        return new Candidates(repository.withNationalitiesAndDocuments(kept), used);
    }

    /**
     * The highest score a person not found by any of the query's documents can reach, from their
     * names, date of birth and sex alone: none of their documents is one of the query's (the lookup by
     * document would have found it), so the document part is at most unknown; the nationality part is
     * unknown when the query names none, and at most an agreement otherwise.
     */
    private double highestWithoutDocument(SubjectQuery query, PersonRecord person) {
        return NAME_WEIGHT * nameScore(query, person)
                + BIRTH_WEIGHT * birthScore(query.dateOfBirth(), person.dateOfBirth())
                + DOCUMENT_WEIGHT * UNKNOWN
                + SEX_WEIGHT * sexScore(query.sex(), person.sex())
                + NATIONALITY_WEIGHT * (query.nationalities().isEmpty() ? UNKNOWN : 1);
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
        double nationality =
                query.nationalities().isEmpty() || person.nationalities().isEmpty()
                        ? UNKNOWN
                        : query.nationalities().stream().anyMatch(person.nationalities()::contains) ? 1 : 0.3;
        double score = NAME_WEIGHT * name
                + BIRTH_WEIGHT * birth
                + DOCUMENT_WEIGHT * document
                + SEX_WEIGHT * sex
                + NATIONALITY_WEIGHT * nationality;
        return new Scored(person.id(), score, name, birth, document, sex, nationality);
    }

    /**
     * The best pair of names: family name weighs 0.6, given names 0.4 (0.5 when either has none). A
     * query's name is also tried with family and given names transposed, a common clerical error,
     * at {@link #TRANSPOSED} of its score, so that the name as written wins when both fit.
     */
    private double nameScore(SubjectQuery query, PersonRecord person) {
        double best = 0;
        for (PersonRecord.Name asked : query.names()) {
            best = Math.max(best, nameScore(asked, person));
            Optional<PersonRecord.Name> swapped = transposed(asked);
            if (swapped.isPresent()) {
                best = Math.max(best, TRANSPOSED * nameScore(swapped.get(), person));
            }
        }
        return best;
    }

    static final double TRANSPOSED = 0.95;

    private double nameScore(PersonRecord.Name asked, PersonRecord person) {
        double best = 0;
        String askedFamily = Names.normalise(asked.familyName());
        String askedGiven = Names.normalise(asked.givenNames());
        for (PersonRecord.Name held : person.names()) {
            double family = names.of(askedFamily, Names.normalise(held.familyName()));
            String heldGiven = Names.normalise(held.givenNames());
            double given = askedGiven.isEmpty() || heldGiven.isEmpty()
                    ? UNKNOWN
                    : Math.max(
                            names.of(askedGiven, heldGiven),
                            0.98 * names.of(Names.firstGiven(asked.givenNames()), Names.firstGiven(held.givenNames())));
            best = Math.max(best, 0.6 * family + 0.4 * given);
        }
        return best;
    }

    /** The name with family and given names exchanged, when it has both. */
    private static Optional<PersonRecord.Name> transposed(PersonRecord.Name name) {
        if (name.givenNames() == null
                || name.givenNames().isBlank()
                || name.familyName() == null
                || name.familyName().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PersonRecord.Name(name.givenNames(), name.familyName(), null));
    }

    /** The query's names and their transpositions: what candidates are looked up under. */
    static List<PersonRecord.Name> withTransposed(List<PersonRecord.Name> asked) {
        List<PersonRecord.Name> all = new ArrayList<>(asked);
        asked.forEach(name -> transposed(name).ifPresent(all::add));
        return all;
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
        if (a.full()
                && h.full()
                && a.year() == h.year()
                && a.month().equals(h.day())
                && a.day().equals(h.month())) {
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
