package org.caseexchange.gateway.casedata;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hard cases, one by one, against records written for them. */
class PersonMatcherTest {

    static HikariDataSource pool;
    static PersonMatcher matcher;
    static CaseDataRepository repository;

    static final UUID MOHAMMED = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID TWIN_ANA = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID TWIN_EVA = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final UUID RENEWED = UUID.fromString("00000000-0000-4000-8000-000000000004");
    static final UUID YEAR_ONLY = UUID.fromString("00000000-0000-4000-8000-000000000005");

    @BeforeAll
    static void records() {
        pool = TestDatabase.postgres().pooled(2);
        repository = new CaseDataRepository(new JdbcTemplate(pool));
        matcher = new PersonMatcher(repository, MatchingQualityTest.SHIPPED);
        repository.insert(List.of(
                person(
                        MOHAMMED,
                        List.of(new PersonRecord.Name("Haddad", "Mohammed Ali", null)),
                        "1987-04-12",
                        "M",
                        List.of()),
                person(TWIN_ANA, List.of(new PersonRecord.Name("Okafor", "Ana", null)), "1990-06-01", "F", List.of()),
                person(TWIN_EVA, List.of(new PersonRecord.Name("Okafor", "Eva", null)), "1990-06-01", "F", List.of()),
                person(
                        RENEWED,
                        List.of(new PersonRecord.Name("Lindqvist", "Tove", null)),
                        "1975-11-30",
                        "F",
                        List.of(
                                new PersonRecord.Document(
                                        "PASSPORT",
                                        "AB1234567",
                                        "SWE",
                                        LocalDate.of(2012, 1, 1),
                                        LocalDate.of(2021, 12, 31),
                                        "EXPIRED"),
                                new PersonRecord.Document(
                                        "PASSPORT",
                                        "CD7654321",
                                        "SWE",
                                        LocalDate.of(2022, 1, 1),
                                        LocalDate.of(2031, 12, 31),
                                        "VALID"))),
                person(YEAR_ONLY, List.of(new PersonRecord.Name("Tesfaye", "Dawit", null)), "1982", "M", List.of())));
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    static PersonRecord person(
            UUID id, List<PersonRecord.Name> names, String born, String sex, List<PersonRecord.Document> documents) {
        return new PersonRecord(
                id,
                names,
                PartialDate.parse(born),
                sex,
                "XXX",
                Set.of("XXX"),
                Set.of(),
                Set.of(),
                documents,
                Optional.empty(),
                List.of(),
                List.of());
    }

    static SubjectQuery query(
            String family, String given, String born, String sex, SubjectQuery.DocumentReference... documents) {
        return new SubjectQuery(
                List.of(new PersonRecord.Name(family, given, null)),
                PartialDate.parse(born),
                sex,
                Set.of("XXX"),
                List.of(documents));
    }

    @Test
    void anotherTransliterationOfTheNameIsTheSamePerson() {
        for (String[] name : new String[][] {
            {"Haddad", "Muhammad Ali"}, {"Haddad", "Mohamed Ali"}, {"Haddad", "Mohammad Ali"}, {"Hadad", "Mohammed Ali"}
        }) {
            MatchResult result = matcher.match(query(name[0], name[1], "1987-04-12", "M"));
            assertThat(result.outcome()).as(name[0] + ", " + name[1]).isEqualTo(MatchOutcome.MATCH);
            assertThat(result.person()).contains(MOHAMMED);
        }
        // Both names spelt otherwise, and nothing else to go on: an officer confirms.
        assertThat(matcher.match(query("Hadad", "Muhammad Ali", "1987-04-12", "M"))
                        .outcome())
                .isEqualTo(MatchOutcome.POSSIBLE_MATCH);
    }

    @Test
    void twinsAreToldApartByTheirGivenNamesAndAreAmbiguousWithout() {
        assertThat(matcher.match(query("Okafor", "Eva", "1990-06-01", "F")).person())
                .contains(TWIN_EVA);
        assertThat(matcher.match(query("Okafor", "Ana", "1990-06-01", "F")).person())
                .contains(TWIN_ANA);

        MatchResult withoutGivenName = matcher.match(query("Okafor", null, "1990-06-01", "F"));
        assertThat(withoutGivenName.outcome()).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(withoutGivenName.candidates()).isEqualTo(2);
        assertThat(withoutGivenName.person()).isEmpty();
    }

    @Test
    void anExpiredPassportStillFindsItsHolder() {
        MatchResult result = matcher.match(
                query("Lindqvist", "Tove", "1975", "F", new SubjectQuery.DocumentReference("AB-123 4567", "SWE")));

        assertThat(result.person()).contains(RENEWED);
    }

    @Test
    void aYearOfBirthAloneIsAPossibleMatchForAnOfficerToConfirm() {
        MatchResult result = matcher.match(query("Tesfaye", "Dawit", "1982", "M"));

        assertThat(result.outcome()).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(result.person()).isEmpty();
    }

    @Test
    void someoneWeHoldNoRecordOfIsNoMatch() {
        assertThat(matcher.match(query("Fernandes", "Luisa", "1999-02-02", "F")).outcome())
                .isEqualTo(MatchOutcome.NO_MATCH);
    }

    @Test
    void aRecordReadsBackAsItWasWritten() {
        PersonRecord renewed = repository.load(RENEWED).orElseThrow();

        assertThat(renewed.documents())
                .extracting(PersonRecord.Document::number)
                .containsExactly("AB1234567", "CD7654321");
        assertThat(renewed.dateOfBirth()).contains(new PartialDate(1975, 11, 30));
        assertThat(renewed.toString()).doesNotContain("Lindqvist");
    }
}
