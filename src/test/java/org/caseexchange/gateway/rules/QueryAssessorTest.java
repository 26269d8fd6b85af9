package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.MatchingProperties;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.Protection;
import org.caseexchange.gateway.casedata.ReleasedData;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.support.Annexes;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.Partner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A query answered from the database on both kinds of database: exactly the released fields, never
 * protection; a protected person answered as nobody; quotas counted in the database and still
 * counted after a restart.
 */
class QueryAssessorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final Partner USA = withAnnexes(ExampleGateways.canada(CLOCK).partner(), "ANNEX-1-IDENTITY-CHECKS");

    static Partner withAnnexes(Partner partner, String... annexes) {
        return new Partner(
                partner.agencyCode(),
                partner.country(),
                partner.suite(),
                partner.trustAnchors(),
                partner.crls(),
                partner.signingCertificates(),
                partner.encryptionCertificates(),
                partner.destinations(),
                Set.of(annexes));
    }

    static final UUID SARA = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID KAREEM = UUID.fromString("00000000-0000-4000-8000-0000000000a2");

    record Gateway(HikariDataSource pool, TransactionTemplate transactions, QueryAssessor assessor) {
        static Gateway on(TestDatabase database, AnnexCatalogue annexes) {
            HikariDataSource pool = database.pooled(2);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            QueryAssessor assessor = new QueryAssessor(
                    new DecisionEngine(RuleSet.load(Optional.empty()), annexes),
                    new PersonMatcher(new CaseDataRepository(jdbc), new MatchingProperties(0.88, 0.70, 0.05)),
                    new QuotaLedger(jdbc),
                    new Enrichment(),
                    new RulesProperties(null, null, Map.of("USA-USCIS", HumanRightsRisk.NONE)),
                    "CAN",
                    CLOCK);
            return new Gateway(pool, new TransactionTemplate(new DataSourceTransactionManager(pool)), assessor);
        }

        QueryAssessor.Assessment ask(Facts.Query query, SubjectQuery subject) {
            return transactions.execute(status -> assessor.assess(USA, query, subject));
        }
    }

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    static void load(TestDatabase database) {
        try (HikariDataSource pool = database.pooled(1)) {
            new CaseDataRepository(new JdbcTemplate(pool))
                    .insert(List.of(
                            new PersonRecord(
                                    SARA,
                                    List.of(new PersonRecord.Name("Mendoza", "Sara", null)),
                                    PartialDate.parse("1988-02-10"),
                                    "F",
                                    "COL",
                                    Set.of("COL"),
                                    Set.of(),
                                    Set.of(),
                                    List.of(new PersonRecord.Document(
                                            "PASSPORT",
                                            "PA1234567",
                                            "COL",
                                            LocalDate.of(2020, 1, 1),
                                            LocalDate.of(2030, 1, 1),
                                            "VALID")),
                                    Optional.of(new PersonRecord.Status(
                                            "WORKER",
                                            LocalDate.of(2024, 5, 1),
                                            LocalDate.of(2027, 5, 1),
                                            Protection.REFUGEE_CLAIMANT,
                                            "COL")),
                                    List.of(
                                            new PersonRecord.HistoryEvent(
                                                    "APPLICATION", LocalDate.of(2024, 1, 1), "EXAMPLE application"),
                                            new PersonRecord.HistoryEvent(
                                                    "VISA_REFUSED", LocalDate.of(2019, 3, 3), "EXAMPLE visa refused")),
                                    List.of(new PersonRecord.Alert("EX-1", LocalDate.of(2025, 1, 1), "EXAMPLE alert"))),
                            new PersonRecord(
                                    KAREEM,
                                    List.of(new PersonRecord.Name("Nasser", "Kareem", null)),
                                    PartialDate.parse("1979-09-09"),
                                    "M",
                                    "SYR",
                                    Set.of("SYR"),
                                    Set.of(),
                                    Set.of(),
                                    List.of(),
                                    Optional.of(new PersonRecord.Status(
                                            "OTHER", null, null, Protection.PROTECTED_PERSON, "USA")),
                                    List.of(),
                                    List.of())));
        }
    }

    static SubjectQuery sara() {
        return new SubjectQuery(
                List.of(new PersonRecord.Name("MENDOZA", "SARA", null)),
                PartialDate.parse("1988-02-10"),
                "F",
                Set.of("COL"),
                List.of(new SubjectQuery.DocumentReference("PA1234567", "COL")));
    }

    static Facts.Query admissibility(DataElement... requested) {
        return new Facts.Query("ANNEX-1-IDENTITY-CHECKS", Purpose.ADMISSIBILITY_ASSESSMENT, List.of(requested), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void releasesExactlyTheAllowedFieldsAndNeverProtection(TestDatabase database) {
        load(database);
        Gateway gateway = Gateway.on(database, DecisionEngineTest.SHIPPED_ANNEXES);

        QueryAssessor.Assessment answer = gateway.ask(
                admissibility(
                        DataElement.IDENTITY,
                        DataElement.IMMIGRATION_STATUS,
                        DataElement.PRIOR_DECISIONS,
                        DataElement.ALERTS),
                sara());

        assertThat(answer.decision().outcome()).isEqualTo(Decision.Outcome.PARTIAL);
        assertThat(answer.decision().withheld()).containsOnlyKeys(DataElement.ALERTS);
        ReleasedData released = answer.released();
        assertThat(released.identity())
                .hasValueSatisfying(identity -> assertThat(identity.names()).hasSize(1));
        assertThat(released.immigrationStatus()).hasValueSatisfying(status -> {
            assertThat(status.code()).isEqualTo("WORKER");
            assertThat(status.protection()).isEqualTo(Protection.NONE);
            assertThat(status.countryFeared()).isNull();
        });
        assertThat(released.priorDecisions())
                .extracting(PersonRecord.HistoryEvent::kind)
                .containsExactly("VISA_REFUSED");
        assertThat(released.alerts()).isEmpty();
        assertThat(released.documents()).isEmpty();
        gateway.pool().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aProtectedPersonIsAnsweredAsSomeoneWeHoldNoRecordOf(TestDatabase database) {
        load(database);
        Gateway gateway = Gateway.on(database, DecisionEngineTest.SHIPPED_ANNEXES);
        SubjectQuery kareem = new SubjectQuery(
                List.of(new PersonRecord.Name("Nasser", "Kareem", null)),
                PartialDate.parse("1979-09-09"),
                "M",
                Set.of("SYR"),
                List.of());
        SubjectQuery nobody = new SubjectQuery(
                List.of(new PersonRecord.Name("Nasser", "Karima", null)),
                PartialDate.parse("1991-01-01"),
                "F",
                Set.of("SYR"),
                List.of());

        QueryAssessor.Assessment protectedPerson = gateway.ask(admissibility(DataElement.IDENTITY), kareem);
        QueryAssessor.Assessment unknown = gateway.ask(admissibility(DataElement.IDENTITY), nobody);

        assertThat(protectedPerson.decision().answer())
                .isEqualTo(unknown.decision().answer())
                .isEqualTo(ReasonCode.NO_RELEASABLE_RECORD);
        assertThat(protectedPerson.released()).isEqualTo(unknown.released()).isEqualTo(ReleasedData.NOTHING);
        assertThat(protectedPerson.decision().decidingRule()).isEqualTo("PROTECTED-PERSON-FEARED-COUNTRY");
        assertThat(unknown.decision().decidingRule()).isEqualTo("NO-RECORD");

        String protectedResponse = withoutIdsAndTimes(response(protectedPerson));
        assertThat(protectedResponse).isEqualTo(withoutIdsAndTimes(response(unknown)));
        assertThat(protectedResponse)
                .contains("<decision>REFUSE</decision>")
                .contains("<reasonCode>NO_RELEASABLE_RECORD</reasonCode>")
                .doesNotContain("<match>");
        gateway.pool().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPartialAnswerIsAValidResponseDocumentWithItsCaveats(TestDatabase database) {
        load(database);
        Gateway gateway = Gateway.on(database, DecisionEngineTest.SHIPPED_ANNEXES);

        String response = new String(
                response(gateway.ask(admissibility(DataElement.IDENTITY, DataElement.ALERTS), sara())),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(response)
                .contains(
                        "<decision>PARTIAL</decision>",
                        "<match>MATCH</match>",
                        "<familyName>Mendoza</familyName>",
                        "<withheld>ALERTS</withheld>",
                        "code=\"RETENTION_LIMIT\" retainUntil=\"2028-11-23\"")
                .doesNotContain("EXAMPLE alert");
        gateway.pool().close();
    }

    static final org.caseexchange.gateway.protocol.ProtocolCodec CODEC =
            new org.caseexchange.gateway.protocol.ProtocolCodec(
                    new org.caseexchange.gateway.protocol.ProtocolProperties.Limits(16, 16, 4000, 64));

    /** The response document as the gateway would send it, schema-valid (the codec refuses to write anything else). */
    static byte[] response(QueryAssessor.Assessment assessment) {
        var addressing = new org.caseexchange.gateway.exchange.CaseResponseComposer.Addressing(
                UUID.randomUUID(),
                Instant.now(),
                "CAN-IRCC",
                "USA-USCIS",
                UUID.randomUUID().toString(),
                org.caseexchange.gateway.trust.Sha256.hex(
                        UUID.randomUUID().toString().getBytes()));
        return CODEC.encode(new org.caseexchange.gateway.exchange.CaseResponseComposer()
                .compose(addressing, assessment.decision(), assessment.released()));
    }

    static String withoutIdsAndTimes(byte[] document) {
        return new String(document, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("<messageId>[^<]*</messageId>", "<messageId/>")
                .replaceAll("<createdAt>[^<]*</createdAt>", "<createdAt/>")
                .replaceAll("<inResponseTo>[^<]*</inResponseTo>", "<inResponseTo/>")
                .replaceAll("<queryDigest>[^<]*</queryDigest>", "<queryDigest/>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theQuotaIsCountedInTheDatabaseAndSurvivesARestart(TestDatabase database) {
        load(database);
        Annex smallQuota = Annexes.withQuota(
                DecisionEngineTest.SHIPPED_ANNEXES
                        .find("ANNEX-1-IDENTITY-CHECKS")
                        .orElseThrow(),
                new Annex.Quota(2, 100));
        AnnexCatalogue annexes = new AnnexCatalogue(List.of(smallQuota));

        Gateway first = Gateway.on(database, annexes);
        assertThat(first.ask(admissibility(DataElement.IDENTITY), sara())
                        .decision()
                        .outcome())
                .isEqualTo(Decision.Outcome.ALLOW);
        assertThat(first.ask(admissibility(DataElement.IDENTITY), sara())
                        .decision()
                        .outcome())
                .isEqualTo(Decision.Outcome.ALLOW);
        first.pool().close();

        Gateway restarted = Gateway.on(database, annexes);
        Decision third =
                restarted.ask(admissibility(DataElement.IDENTITY), sara()).decision();
        assertThat(third.answer()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        assertThat(third.decidingRule()).isEqualTo("ANNEX-QUOTA");
        restarted.pool().close();
    }
}
