package org.caseexchange.gateway.casedata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Queries about generated persons, asked the way partners ask: another transliteration, a year of
 * birth only, an old passport, no document at all; each labelled with the person it is about, or with
 * nobody for persons we hold no record of.
 */
final class LabelledQueries {

    /**
     * @param about the person asked about, or empty for a person not on record
     * @param identifying the query carries what identifies a person: a document, or a full date of birth
     *     that the record also has in full
     */
    record Labelled(SubjectQuery query, Optional<UUID> about, boolean identifying) {}

    private LabelledQueries() {}

    static List<Labelled> about(List<PersonRecord> persons, int count, long seed) {
        Random random = new Random(seed);
        List<Labelled> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PersonRecord person = persons.get(random.nextInt(persons.size()));
            PersonRecord.Name name = person.names().get(0);
            String family = name.familyName();
            String given = name.givenNames();
            int variation = random.nextInt(100);
            if (variation < 40) {
                String first = given.split(" ")[0];
                Optional<List<String>> variants = NameVariants.groupOf(first, NameVariants.GIVEN);
                Optional<List<String>> familyVariants = NameVariants.groupOf(family, NameVariants.FAMILY);
                if (variants.isPresent()) {
                    given = given.replaceFirst(first, other(random, variants.get(), first));
                } else if (familyVariants.isPresent()) {
                    family = other(random, familyVariants.get(), family);
                }
            } else if (variation < 50) {
                family = typo(random, family);
            }
            Optional<PartialDate> born = person.dateOfBirth();
            if (born.isPresent() && random.nextInt(100) < 20) {
                born = Optional.of(born.get().truncated(1));
            }
            List<SubjectQuery.DocumentReference> documents = new ArrayList<>();
            if (!person.documents().isEmpty() && random.nextInt(100) < 60) {
                PersonRecord.Document document =
                        person.documents().get(random.nextInt(person.documents().size()));
                documents.add(new SubjectQuery.DocumentReference(document.number(), document.issuingCountry()));
            }
            boolean identifying = !documents.isEmpty()
                    || born.isPresent()
                            && born.get().full()
                            && person.dateOfBirth().map(PartialDate::full).orElse(false);
            queries.add(new Labelled(
                    new SubjectQuery(
                            List.of(new PersonRecord.Name(family, given, null)),
                            born,
                            person.sex(),
                            person.nationalities(),
                            documents),
                    Optional.of(person.id()),
                    identifying));
        }
        return queries;
    }

    /** Queries about persons of another population: nobody on record. */
    static List<Labelled> strangers(List<PersonRecord> others, int count) {
        List<Labelled> queries = new ArrayList<>();
        for (PersonRecord person : others.subList(0, count)) {
            queries.add(new Labelled(
                    new SubjectQuery(
                            List.of(person.names().get(0)),
                            person.dateOfBirth(),
                            person.sex(),
                            person.nationalities(),
                            List.of()),
                    Optional.empty(),
                    false));
        }
        return queries;
    }

    private static String typo(Random random, String name) {
        if (name.length() < 5) {
            return name;
        }
        int at = 1 + random.nextInt(name.length() - 2);
        char[] letters = name.toCharArray();
        char kept = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = kept;
        return new String(letters);
    }

    private static String other(Random random, List<String> group, String current) {
        List<String> others = group.stream()
                .filter(variant -> !variant.equalsIgnoreCase(current))
                .toList();
        return others.get(random.nextInt(others.size()));
    }
}
