package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.MatchingProperties;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.Protection;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.casedata.SyntheticCaseData;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolProperties;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.Partner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partner cannot tell a guarded person (a protected person or refugee claimant asked about by the
 * country they fear, a citizen, a permanent resident) from someone we hold no record of, whatever form
 * its query takes: the same answer code, the same response document byte for byte once its ids are the
 * same, and so the same size. Each form is first shown to reach the person when they are not guarded
 * (the same person on file without the guard gets another answer), so that no form passes for want of
 * a match. The timing side is measured by {@link GuardedPersonsBenchmark}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardedPersonsTest {

    static final Instant NOW = QueryAssessorTest.CLOCK.instant();
    static final Partner USA = QueryAssessorTest.USA;
    static final ProtocolCodec CODEC = new ProtocolCodec(new ProtocolProperties.Limits(16, 16, 4000, 64));

    /** A person as held, and what guards them (nothing, in the exposed copy). */
    record Held(String kind, PersonRecord guarded, PersonRecord exposed) {
        @Override
        public String toString() {
            return kind;
        }
    }

    /** One way a partner might ask about a person. */
    record Form(String name, Function<PersonRecord, SubjectQuery> query) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Held> HELD = List.of(
            held(
                    "protected person fearing the partner's country",
                    "00000000-0000-4000-8000-0000000000c1",
                    "Abdullah",
                    "Mohammed",
                    "1979-09-09",
                    "M",
                    "SYR",
                    "N1234567",
                    Set.of(),
                    Set.of(),
                    Optional.of(new PersonRecord.Status("OTHER", null, null, Protection.PROTECTED_PERSON, "USA"))),
            held(
                    "refugee claimant fearing the partner's country",
                    "00000000-0000-4000-8000-0000000000c2",
                    "Haddad",
                    "Leila",
                    "1985-05-21",
                    "F",
                    "LBN",
                    "LR5550123",
                    Set.of(),
                    Set.of(),
                    Optional.of(new PersonRecord.Status("OTHER", null, null, Protection.REFUGEE_CLAIMANT, "USA"))),
            held(
                    "citizen of our country",
                    "00000000-0000-4000-8000-0000000000c3",
                    "Yilmaz",
                    "Ayse",
                    "1990-03-14",
                    "F",
                    "TUR",
                    "U7654321",
                    Set.of("CAN"),
                    Set.of(),
                    Optional.empty()),
            held(
                    "permanent resident of the partner's country",
                    "00000000-0000-4000-8000-0000000000c4",
                    "Okonkwo",
                    "Chinedu",
                    "1983-11-02",
                    "M",
                    "NGA",
                    "A0099887",
                    Set.of(),
                    Set.of("USA"),
                    Optional.empty()));

    /** People we hold no record of, asked about in the same forms. */
    static final List<PersonRecord> STRANGERS = List.of(
            person(
                    "00000000-0000-4000-8000-0000000000d1",
                    "Kowalczyk",
                    "Bartosz",
                    "1981-07-30",
                    "M",
                    "POL",
                    "EA4412391",
                    Set.of(),
                    Set.of(),
                    Optional.empty()),
            person(
                    "00000000-0000-4000-8000-0000000000d2",
                    "Takahashi",
                    "Haruka",
                    "1994-01-17",
                    "F",
                    "JPN",
                    "TR8842210",
                    Set.of(),
                    Set.of(),
                    Optional.empty()));

    static final List<Form> FORMS = List.of(
            new Form("exact", person -> subject(person, names(person), person.dateOfBirth(), true)),
            new Form("without documents", person -> subject(person, names(person), person.dateOfBirth(), false)),
            new Form(
                    "year of birth only",
                    person -> subject(
                            person,
                            names(person),
                            person.dateOfBirth().flatMap(date -> PartialDate.parse(String.valueOf(date.year()))),
                            false)),
            new Form(
                    "another transliteration",
                    person -> subject(
                            person, List.of(transliterated(person.names().get(0))), person.dateOfBirth(), false)),
            new Form(
                    "family and given names transposed",
                    person -> subject(
                            person,
                            List.of(new PersonRecord.Name(
                                    person.names().get(0).givenNames(),
                                    person.names().get(0).familyName(),
                                    null)),
                            person.dateOfBirth(),
                            false)));

    static final Facts.Query ASKED = new Facts.Query(
            "ANNEX-1-IDENTITY-CHECKS",
            Purpose.ADMISSIBILITY_ASSESSMENT,
            List.of(DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS),
            false);

    TestDatabase guardedDatabase;
    TestDatabase exposedDatabase;
    HikariDataSource guardedPool;
    HikariDataSource exposedPool;

    @BeforeAll
    void load() {
        guardedDatabase = TestDatabase.postgres();
        exposedDatabase = TestDatabase.postgres();
        List<PersonRecord> population = new SyntheticCaseData(20261203L, LocalDate.of(2026, 11, 23)).generate(1000);
        guardedPool = insert(
                guardedDatabase, population, HELD.stream().map(Held::guarded).toList());
        exposedPool = insert(
                exposedDatabase, population, HELD.stream().map(Held::exposed).toList());
    }

    @AfterAll
    void close() {
        guardedPool.close();
        exposedPool.close();
    }

    static HikariDataSource insert(TestDatabase database, List<PersonRecord> population, List<PersonRecord> held) {
        HikariDataSource pool = database.pooled(2);
        CaseDataRepository repository = new CaseDataRepository(new JdbcTemplate(pool));
        repository.insert(population);
        repository.insert(held);
        return pool;
    }

    static Stream<Arguments> guardedPersonsInEveryForm() {
        List<Arguments> cases = new ArrayList<>();
        for (Held held : HELD) {
            for (Form form : FORMS) {
                cases.add(Arguments.of(held, form));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, asked {1}")
    @MethodSource("guardedPersonsInEveryForm")
    void aGuardedPersonIsAnsweredExactlyAsSomeoneWeHoldNoRecordOf(Held held, Form form) {
        QueryAssessor.Assessment exposed = ask(exposedPool, form.query().apply(held.exposed()));
        assertThat(exposed.decision().answer())
                .as("the form reaches the person when nothing guards them")
                .isNotEqualTo(ReasonCode.NO_RELEASABLE_RECORD);

        QueryAssessor.Assessment guarded = ask(guardedPool, form.query().apply(held.guarded()));

        assertThat(guarded.decision().outcome()).isEqualTo(Decision.Outcome.REFUSE);
        assertThat(guarded.decision().answer()).isEqualTo(ReasonCode.NO_RELEASABLE_RECORD);
        assertThat(guarded.decision().released()).isEmpty();
        assertThat(guarded.decision().citations())
                .first()
                .extracting(Decision.Citation::effect)
                .isEqualTo(RuleEffect.CONCEAL);
        byte[] answer = response(guarded);
        for (PersonRecord stranger : STRANGERS) {
            QueryAssessor.Assessment unknown = ask(guardedPool, form.query().apply(stranger));
            assertThat(unknown.decision().answer()).isEqualTo(ReasonCode.NO_RELEASABLE_RECORD);
            assertThat(unknown.decision().decidingRule()).isEqualTo("NO-RECORD");
            byte[] strangersAnswer = response(unknown);
            assertThat(new String(answer, StandardCharsets.UTF_8))
                    .isEqualTo(new String(strangersAnswer, StandardCharsets.UTF_8));
            assertThat(answer).hasSameSizeAs(strangersAnswer);
        }
    }

    static QueryAssessor.Assessment ask(HikariDataSource pool, SubjectQuery subject) {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        QueryAssessor assessor = new QueryAssessor(
                new DecisionEngine(RuleSet.load(Optional.empty()), DecisionEngineTest.SHIPPED_ANNEXES),
                new PersonMatcher(new CaseDataRepository(jdbc), new MatchingProperties(0.88, 0.70, 0.05)),
                new QuotaLedger(jdbc),
                new Enrichment(),
                new RulesProperties(null, null, Map.of("USA-USCIS", HumanRightsRisk.NONE)),
                "CAN",
                QueryAssessorTest.CLOCK);
        return new TransactionTemplate(new DataSourceTransactionManager(pool))
                .execute(status -> assessor.assess(USA, ASKED, subject));
    }

    /** The response document as sent, with the same ids and times for every query (what differs is the answer only). */
    static byte[] response(QueryAssessor.Assessment assessment) {
        var addressing = new CaseResponseComposer.Addressing(
                UUID.fromString("00000000-0000-4000-8000-00000000f00d"),
                NOW,
                "CAN-IRCC",
                "USA-USCIS",
                "00000000-0000-4000-8000-00000000beef",
                "0".repeat(64));
        return CODEC.encode(
                new CaseResponseComposer().compose(addressing, assessment.decision(), assessment.released()));
    }

    static Held held(
            String kind,
            String id,
            String family,
            String given,
            String birth,
            String sex,
            String nationality,
            String passport,
            Set<String> citizenOf,
            Set<String> residentOf,
            Optional<PersonRecord.Status> status) {
        return new Held(
                kind,
                person(id, family, given, birth, sex, nationality, passport, citizenOf, residentOf, status),
                person(id, family, given, birth, sex, nationality, passport, Set.of(), Set.of(), Optional.empty()));
    }

    static PersonRecord person(
            String id,
            String family,
            String given,
            String birth,
            String sex,
            String nationality,
            String passport,
            Set<String> citizenOf,
            Set<String> residentOf,
            Optional<PersonRecord.Status> status) {
        return new PersonRecord(
                UUID.fromString(id),
                List.of(new PersonRecord.Name(family, given, null)),
                PartialDate.parse(birth),
                sex,
                nationality,
                Set.of(nationality),
                citizenOf,
                residentOf,
                List.of(new PersonRecord.Document(
                        "PASSPORT",
                        passport,
                        nationality,
                        LocalDate.of(2022, 1, 1),
                        LocalDate.of(2032, 1, 1),
                        "VALID")),
                status,
                List.of(),
                List.of());
    }

    static List<PersonRecord.Name> names(PersonRecord person) {
        return List.of(new PersonRecord.Name(
                person.names().get(0).familyName().toUpperCase(),
                person.names().get(0).givenNames().toUpperCase(),
                null));
    }

    /** The spelling another agency's clerk might use: common vowel and consonant exchanges of transliteration. */
    static PersonRecord.Name transliterated(PersonRecord.Name name) {
        return new PersonRecord.Name(respell(name.familyName()), respell(name.givenNames()), null);
    }

    private static String respell(String name) {
        return name.replace("oha", "uha")
                .replace("ll", "l")
                .replace("dd", "d")
                .replace("ei", "ey")
                .replace("z", "s")
                .replace("y", "i")
                .replace("kw", "qu")
                .replace("cz", "ch")
                .replace("sz", "sh")
                .replace("aka", "acka")
                .replace("ru", "rou");
    }

    static SubjectQuery subject(
            PersonRecord person,
            List<PersonRecord.Name> names,
            Optional<PartialDate> dateOfBirth,
            boolean withDocument) {
        List<SubjectQuery.DocumentReference> documents = withDocument
                ? List.of(new SubjectQuery.DocumentReference(
                        person.documents().get(0).number(),
                        person.documents().get(0).issuingCountry()))
                : List.of();
        return new SubjectQuery(names, dateOfBirth, person.sex(), person.nationalities(), documents);
    }
}
