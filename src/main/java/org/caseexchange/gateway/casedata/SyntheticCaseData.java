package org.caseexchange.gateway.casedata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import net.datafaker.Faker;

/**
 * Synthetic persons for the demo and the benchmarks: the same seed gives the same persons, in the same
 * order. Realistic enough to test matching and the rules on, with the hard cases in known proportions:
 * transliteration variants filed as aliases, partial dates of birth, renewed and flagged documents,
 * twins, refugee claimants and protected persons (some fearing the partner's country), minors,
 * citizens and permanent residents of either country. Every name is invented.
 */
public final class SyntheticCaseData {

    /** Nationalities with the locale their invented names come from; null means Arabic-script names from {@link NameVariants}. */
    private static final String[][] NATIONALITIES = {
        {"SYR", null},
        {"IRQ", null},
        {"AFG", null},
        {"SOM", null},
        {"ERI", "en"},
        {"MEX", "es"},
        {"COL", "es"},
        {"VEN", "es"},
        {"HTI", "fr"},
        {"FRA", "fr"},
        {"DEU", "de"},
        {"UKR", "uk"},
        {"RUS", "ru"},
        {"CHN", "zh"},
        {"IND", "en-IN"},
        {"NGA", "en"},
        {"PHL", "en"},
        {"GBR", "en"},
        {"BRA", "pt-BR"},
        {"ITA", "it"}
    };

    /** More family names of the same regions, without variants, so that the variant groups are not all there is. */
    private static final List<String> MORE_FAMILY_NAMES = List.of(
            "Saleh",
            "Ibrahim",
            "Ismail",
            "Khan",
            "Ali",
            "Hassan",
            "Abbas",
            "Darwish",
            "Farah",
            "Warsame",
            "Osman",
            "Jama",
            "Abdi",
            "Noor",
            "Karimi",
            "Ahmadi",
            "Hashemi",
            "Rezaei",
            "Sultani",
            "Haidari",
            "Popal",
            "Wardak",
            "Barakzai",
            "Qureshi",
            "Saeed",
            "Aziz",
            "Mansour",
            "Jaber",
            "Khoury",
            "Najjar",
            "Sabbagh",
            "Shami",
            "Hamdan",
            "Odeh",
            "Zaki",
            "Fares",
            "Habib",
            "Bakr",
            "Dahir",
            "Yilmaz");

    private final long seed;
    private final LocalDate today;

    /** @param today the day ages are counted to: minors are born within 18 years of it */
    public SyntheticCaseData(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
    }

    /** Generates {@code count} persons (twins count as two) and hands them over in batches of {@code batchSize}. */
    public void generate(int count, int batchSize, Consumer<List<PersonRecord>> batches) {
        Random random = new Random(seed);
        Faker latin = new Faker(Locale.ENGLISH, random);
        java.util.Map<String, Faker> fakers = new java.util.HashMap<>();
        List<PersonRecord> batch = new ArrayList<>(batchSize);
        int made = 0;
        while (made < count) {
            String[] nationality = NATIONALITIES[random.nextInt(NATIONALITIES.length)];
            Faker faker = nationality[1] == null || nationality[1].matches("uk|ru|zh")
                    ? latin
                    : fakers.computeIfAbsent(nationality[1], tag -> new Faker(Locale.forLanguageTag(tag), random));
            PersonRecord person = person(random, faker, nationality);
            batch.add(person);
            made++;
            if (made < count && random.nextInt(200) == 0) {
                batch.add(twinOf(random, faker, person));
                made++;
            }
            if (batch.size() >= batchSize) {
                batches.accept(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.accept(batch);
        }
    }

    /** All of them at once, for tests and small demos. */
    public List<PersonRecord> generate(int count) {
        List<PersonRecord> all = new ArrayList<>(count);
        generate(count, 1000, all::addAll);
        return all;
    }

    private PersonRecord person(Random random, Faker faker, String[] nationality) {
        String country = nationality[0];
        boolean arabic = nationality[1] == null;
        String sex = random.nextInt(100) == 0 ? "X" : random.nextBoolean() ? "F" : "M";
        String family = !arabic
                ? latinOnly(faker.name().lastName(), random)
                : random.nextBoolean() ? pick(random, NameVariants.FAMILY).get(0) : pick(random, MORE_FAMILY_NAMES);
        List<String> givenGroup = arabic || random.nextInt(10) == 0 ? pick(random, NameVariants.GIVEN) : null;
        String given =
                givenGroup != null ? givenGroup.get(0) : latinOnly(faker.name().firstName(), random);
        if (random.nextInt(4) == 0) {
            given = given + " " + latinOnly(faker.name().firstName(), random);
        }
        List<PersonRecord.Name> names = new ArrayList<>();
        names.add(new PersonRecord.Name(family, given, null));
        if (random.nextInt(100) < 15) {
            names.add(alias(random, family, given));
        }
        LocalDate born = random.nextInt(100) < 8
                ? today.minusDays(1 + random.nextInt(17 * 365))
                : today.minusYears(18).minusDays(random.nextInt(62 * 365));
        int precision = random.nextInt(100);
        PartialDate dateOfBirth = PartialDate.of(born).truncated(precision < 90 ? 3 : precision < 93 ? 2 : 1);
        return new PersonRecord(
                uuid(random),
                names,
                Optional.of(dateOfBirth),
                sex,
                country,
                Set.of(country),
                citizenships(random),
                residences(random),
                documents(random, country, born),
                Optional.of(status(random, country)),
                history(random, born),
                alerts(random));
    }

    private PersonRecord twinOf(Random random, Faker faker, PersonRecord sibling) {
        PersonRecord.Name name = sibling.names().get(0);
        String given = latinOnly(faker.name().firstName(), random);
        return new PersonRecord(
                uuid(random),
                List.of(new PersonRecord.Name(name.familyName(), given, null)),
                sibling.dateOfBirth(),
                random.nextBoolean() ? "F" : "M",
                sibling.countryOfBirth(),
                sibling.nationalities(),
                sibling.citizenOf(),
                sibling.permanentResidentOf(),
                documents(
                        random,
                        sibling.countryOfBirth(),
                        LocalDate.of(sibling.dateOfBirth().get().year(), 1, 1)),
                sibling.status(),
                List.of(),
                List.of());
    }

    /** Another spelling of the given or the family name, as another agency or an older file wrote it. */
    private static PersonRecord.Name alias(Random random, String family, String given) {
        String first = given.split(" ")[0];
        Optional<List<String>> givenVariants = NameVariants.groupOf(first, NameVariants.GIVEN);
        Optional<List<String>> familyVariants = NameVariants.groupOf(family, NameVariants.FAMILY);
        if (familyVariants.isPresent() && (givenVariants.isEmpty() || random.nextBoolean())) {
            return new PersonRecord.Name(other(random, familyVariants.get(), family), given, null);
        }
        if (givenVariants.isPresent()) {
            return new PersonRecord.Name(
                    family, given.replaceFirst(first, other(random, givenVariants.get(), first)), null);
        }
        return new PersonRecord.Name(family, first, null);
    }

    private Set<String> citizenships(Random random) {
        int roll = random.nextInt(100);
        return roll < 2 ? Set.of("CAN") : roll < 3 ? Set.of("USA") : Set.of();
    }

    private Set<String> residences(Random random) {
        return random.nextInt(100) < 3 ? Set.of("CAN") : Set.of();
    }

    private List<PersonRecord.Document> documents(Random random, String country, LocalDate born) {
        if (random.nextInt(100) >= 85) {
            return List.of();
        }
        List<PersonRecord.Document> documents = new ArrayList<>();
        LocalDate issued = today.minusDays(random.nextInt(9 * 365));
        if (issued.isBefore(born)) {
            issued = born.plusDays(30);
        }
        if (random.nextInt(100) < 25) {
            LocalDate oldIssued = issued.minusYears(10);
            documents.add(new PersonRecord.Document(
                    "PASSPORT", documentNumber(random), country, oldIssued, issued.minusDays(1), "EXPIRED"));
        }
        int flag = random.nextInt(100);
        String status = flag == 0
                ? "FRAUDULENT"
                : flag == 1 ? "REPORTED_LOST_OR_STOLEN" : issued.plusYears(10).isBefore(today) ? "EXPIRED" : "VALID";
        documents.add(new PersonRecord.Document(
                "PASSPORT", documentNumber(random), country, issued, issued.plusYears(10), status));
        return documents;
    }

    private PersonRecord.Status status(Random random, String country) {
        int roll = random.nextInt(100);
        String code = List.of("VISITOR", "STUDENT", "WORKER", "TEMPORARY_RESIDENT", "NO_STATUS", "OTHER")
                .get(random.nextInt(6));
        Protection protection =
                roll < 4 ? Protection.REFUGEE_CLAIMANT : roll < 7 ? Protection.PROTECTED_PERSON : Protection.NONE;
        String feared = protection == Protection.NONE ? null : random.nextInt(20) == 0 ? "USA" : country;
        LocalDate since = today.minusDays(random.nextInt(3000));
        return new PersonRecord.Status(
                code, since, code.equals("NO_STATUS") ? null : since.plusYears(2), protection, feared);
    }

    private List<PersonRecord.HistoryEvent> history(Random random, LocalDate born) {
        List<PersonRecord.HistoryEvent> events = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String kind = List.of("APPLICATION", "VISA_REFUSED", "ADMISSION_REFUSED", "CLAIM_REJECTED", "REMOVED")
                    .get(random.nextInt(5));
            LocalDate on = today.minusDays(random.nextInt(4000));
            events.add(new PersonRecord.HistoryEvent(
                    kind,
                    on.isBefore(born) ? today : on,
                    "EXAMPLE " + kind.toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return events;
    }

    private List<PersonRecord.Alert> alerts(Random random) {
        return random.nextInt(100) < 3
                ? List.of(new PersonRecord.Alert(
                        "EX-" + (1000 + random.nextInt(9000)),
                        today.minusDays(random.nextInt(2000)),
                        "EXAMPLE alert: verify identity documents"))
                : List.of();
    }

    private static String documentNumber(Random random) {
        StringBuilder number = new StringBuilder();
        number.append((char) ('A' + random.nextInt(26))).append((char) ('A' + random.nextInt(26)));
        for (int i = 0; i < 7; i++) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }

    /** Datafaker's names are mostly Latin already; anything else is replaced, since the record is a transliteration. */
    private static String latinOnly(String name, Random random) {
        String normalised = Names.normalise(name);
        return !normalised.isEmpty() && normalised.chars().allMatch(c -> c < 128 || Character.isLetter(c) && c < 0x250)
                ? name.replace("'", "")
                : pick(random, NameVariants.FAMILY).get(0);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String other(Random random, List<String> group, String current) {
        List<String> others = group.stream()
                .filter(variant -> !variant.equalsIgnoreCase(current))
                .toList();
        return others.get(random.nextInt(others.size()));
    }

    private static UUID uuid(Random random) {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
