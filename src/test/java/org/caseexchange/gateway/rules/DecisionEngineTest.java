package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.caseexchange.gateway.casedata.MatchOutcome;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.casedata.Protection;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.Decision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per shipped rule and per annex condition: the exact outcome, answer, elements and
 * citations the shipped example rules and annexes give.
 */
class DecisionEngineTest {

    static final AnnexCatalogue SHIPPED_ANNEXES = AnnexCatalogue.load(Optional.empty());
    static final DecisionEngine ENGINE = new DecisionEngine(RuleSet.load(Optional.empty()), withSuspendedAnnex());

    /** The shipped annexes, plus Annex 1 as it would read suspended, under the id ANNEX-9-SUSPENDED. */
    private static AnnexCatalogue withSuspendedAnnex() {
        Annex one = SHIPPED_ANNEXES.find("ANNEX-1-IDENTITY-CHECKS").orElseThrow();
        List<Annex> annexes = new ArrayList<>(SHIPPED_ANNEXES.all());
        annexes.add(new Annex(
                "ANNEX-9-SUSPENDED",
                one.version(),
                one.title(),
                one.sha256(),
                new Annex.InForce(
                        one.partners(), one.inForce().from(), one.inForce().until(), Annex.Status.SUSPENDED),
                one.release(),
                one.conditions(),
                one.clauses()));
        return new AnnexCatalogue(annexes);
    }

    record Row(
            String name,
            UnaryOperator<FactsBuilder> facts,
            Outcome outcome,
            ReasonCode answer,
            String decidingRule,
            Set<DataElement> released,
            Map<DataElement, String> withheld,
            List<String> cited) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Set<DataElement> ASKED = Set.of(DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS);

    static Stream<Row> rows() {
        return Stream.of(
                new Row(
                        "clear match, permitted purpose and elements",
                        f -> f,
                        Outcome.ALLOW,
                        null,
                        null,
                        ASKED,
                        Map.of(),
                        List.of()),
                refused(
                        "annex unknown (nothing is releasable under it either)",
                        f -> f.basis("ANNEX-7-NOT-AGREED"),
                        ReasonCode.ANNEX_UNKNOWN,
                        "ANNEX-UNKNOWN",
                        List.of("ANNEX-UNKNOWN", "ELEMENTS-FOR-PURPOSE")),
                refused(
                        "annex not configured with the partner",
                        f -> f.partnerAnnexes("SMU-CASE-BY-CASE"),
                        ReasonCode.ANNEX_UNKNOWN,
                        "ANNEX-UNKNOWN",
                        List.of("ANNEX-UNKNOWN", "ELEMENTS-FOR-PURPOSE")),
                refused(
                        "annex not yet in force",
                        f -> f.on(LocalDate.of(2026, 2, 28)),
                        ReasonCode.ANNEX_NOT_IN_FORCE,
                        "ANNEX-NOT-IN-FORCE"),
                refused(
                        "annex expired",
                        f -> f.on(LocalDate.of(2031, 3, 1)),
                        ReasonCode.ANNEX_NOT_IN_FORCE,
                        "ANNEX-NOT-IN-FORCE"),
                refused(
                        "annex suspended",
                        f -> f.basis("ANNEX-9-SUSPENDED").partnerAnnexes("ANNEX-9-SUSPENDED"),
                        ReasonCode.ANNEX_SUSPENDED,
                        "ANNEX-SUSPENDED"),
                refused(
                        "purpose not permitted by the annex",
                        f -> f.purpose(Purpose.REMOVAL),
                        ReasonCode.PURPOSE_NOT_PERMITTED,
                        "ANNEX-PURPOSE",
                        List.of("ANNEX-PURPOSE", "ELEMENTS-FOR-PURPOSE", "REMOVAL-NON-REFOULEMENT")),
                refused(
                        "case by case without a justification",
                        f -> f.basis("SMU-CASE-BY-CASE"),
                        ReasonCode.JUSTIFICATION_REQUIRED,
                        "ANNEX-MANUAL-JUSTIFICATION",
                        List.of("ANNEX-MANUAL-JUSTIFICATION", "CASE-BY-CASE")),
                new Row(
                        "case by case with a justification",
                        f -> f.basis("SMU-CASE-BY-CASE").justified(),
                        Outcome.REVIEW,
                        null,
                        null,
                        Set.of(),
                        Map.of(),
                        List.of("CASE-BY-CASE")),
                refused("quota exceeded", FactsBuilder::quotaExceeded, ReasonCode.QUOTA_EXCEEDED, "ANNEX-QUOTA"),
                refused(
                        "partner risk cannot be mitigated",
                        f -> f.risk(HumanRightsRisk.UNMITIGABLE),
                        ReasonCode.REFUSED_BY_DOMESTIC_LAW,
                        "HR-RISK-UNMITIGABLE"),
                new Row(
                        "partner risk can be mitigated",
                        f -> f.risk(HumanRightsRisk.MITIGABLE),
                        Outcome.REVIEW,
                        null,
                        null,
                        Set.of(),
                        Map.of(),
                        List.of("HR-RISK-MITIGABLE")),
                refused(
                        "no record of the person",
                        f -> f.match(MatchResult.noMatch(0.41)),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "NO-RECORD"),
                refused(
                        "protected person, asked about by the country they fear",
                        f -> f.protection(Protection.PROTECTED_PERSON, "USA"),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "PROTECTED-PERSON-FEARED-COUNTRY",
                        List.of("PROTECTED-PERSON-FEARED-COUNTRY", "NO-RECORD")),
                refused(
                        "refugee claimant, asked about by the country they fear",
                        f -> f.protection(Protection.REFUGEE_CLAIMANT, "USA"),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "PROTECTED-PERSON-FEARED-COUNTRY",
                        List.of("PROTECTED-PERSON-FEARED-COUNTRY", "NO-RECORD")),
                new Row(
                        "refugee claimant fearing another country",
                        f -> f.protection(Protection.REFUGEE_CLAIMANT, "SYR"),
                        Outcome.ALLOW,
                        null,
                        null,
                        ASKED,
                        Map.of(),
                        List.of()),
                refused(
                        "citizen of our country, answered as nobody",
                        f -> f.citizenOf("CAN", "SYR"),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "CITIZEN",
                        List.of("CITIZEN", "NO-RECORD")),
                refused(
                        "citizen of the partner's country, answered as nobody",
                        f -> f.citizenOf("USA"),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "CITIZEN",
                        List.of("CITIZEN", "NO-RECORD")),
                refused(
                        "permanent resident of either country, answered as nobody",
                        f -> f.permanentResidentOf("USA"),
                        ReasonCode.NO_RELEASABLE_RECORD,
                        "PERMANENT-RESIDENT",
                        List.of("PERMANENT-RESIDENT", "NO-RECORD")),
                refused(
                        "a guarded person is decided as nobody under every other rule too",
                        f -> f.citizenOf("CAN").quotaExceeded().age(12),
                        ReasonCode.QUOTA_EXCEEDED,
                        "ANNEX-QUOTA",
                        List.of("CITIZEN", "ANNEX-QUOTA", "NO-RECORD")),
                new Row(
                        "possible match",
                        f -> f.match(new MatchResult(MatchOutcome.POSSIBLE_MATCH, 0.81, 1, Optional.empty())),
                        Outcome.REVIEW,
                        null,
                        null,
                        Set.of(),
                        Map.of(),
                        List.of("AMBIGUOUS-MATCH")),
                new Row(
                        "two records match",
                        f -> f.match(new MatchResult(MatchOutcome.MATCH, 0.95, 2, Optional.empty())),
                        Outcome.REVIEW,
                        null,
                        null,
                        Set.of(),
                        Map.of(),
                        List.of("AMBIGUOUS-MATCH")),
                new Row("minor", f -> f.age(16), Outcome.REVIEW, null, null, Set.of(), Map.of(), List.of("MINOR")),
                new Row(
                        "two-step annex",
                        f -> f.basis("ANNEX-2-DOCUMENT-VERIFICATION")
                                .purpose(Purpose.DOCUMENT_VERIFICATION)
                                .requested(DataElement.DOCUMENTS),
                        Outcome.REVIEW,
                        null,
                        null,
                        Set.of(),
                        Map.of(),
                        List.of("TWO-STEP")),
                new Row(
                        "asks for more than the purpose allows",
                        f -> f.requested(DataElement.IDENTITY, DataElement.ALERTS, DataElement.DOCUMENTS),
                        Outcome.PARTIAL,
                        null,
                        null,
                        Set.of(DataElement.IDENTITY),
                        Map.of(
                                DataElement.ALERTS,
                                "ELEMENTS-FOR-PURPOSE",
                                DataElement.DOCUMENTS,
                                "ELEMENTS-FOR-PURPOSE"),
                        List.of("ELEMENTS-FOR-PURPOSE")),
                refused(
                        "the first refusal in file order decides; every rule that applied is cited",
                        f -> f.risk(HumanRightsRisk.UNMITIGABLE).quotaExceeded().age(12),
                        ReasonCode.QUOTA_EXCEEDED,
                        "ANNEX-QUOTA",
                        List.of("ANNEX-QUOTA", "HR-RISK-UNMITIGABLE", "MINOR")));
    }

    private static Row refused(String name, UnaryOperator<FactsBuilder> facts, ReasonCode answer, String rule) {
        return refused(name, facts, answer, rule, List.of(rule));
    }

    private static Row refused(
            String name, UnaryOperator<FactsBuilder> facts, ReasonCode answer, String rule, List<String> cited) {
        return new Row(name, facts, Outcome.REFUSE, answer, rule, Set.of(), Map.of(), cited);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesAsTheShippedRulesSay(Row row) {
        Decision decision = ENGINE.decide(row.facts().apply(new FactsBuilder()).build());

        assertThat(decision.outcome()).isEqualTo(row.outcome());
        assertThat(decision.answer()).isEqualTo(row.answer());
        assertThat(decision.decidingRule()).isEqualTo(row.decidingRule());
        assertThat(decision.released()).isEqualTo(row.released());
        assertThat(decision.withheld()).isEqualTo(row.withheld());
        assertThat(decision.citedRuleIds()).containsExactlyElementsOf(row.cited());
        assertThat(decision.ruleSet()).isEqualTo(ENGINE.ruleSet().citation()).startsWith("2026.12-example@");
        assertThat(decision.citations())
                .allSatisfy(citation -> assertThat(citation.source()).isNotBlank());
        if (row.outcome() == Outcome.REFUSE) {
            assertThat(decision.caveats()).isEmpty();
        }
    }

    @Test
    void aReleaseCarriesTheAnnexCaveatsWithTheRetentionDate() {
        Decision decision = ENGINE.decide(new FactsBuilder().build());

        assertThat(decision.annex()).startsWith("ANNEX-1-IDENTITY-CHECKS@2026.2@");
        assertThat(decision.caveats())
                .extracting(Caveat::code)
                .containsExactly(
                        CaveatCode.PURPOSE_LIMITATION,
                        CaveatCode.NO_ONWARD_DISCLOSURE,
                        CaveatCode.RETENTION_LIMIT,
                        CaveatCode.HUMAN_RIGHTS);
        assertThat(decision.caveats().get(2).retainUntil()).isEqualTo(LocalDate.of(2028, 11, 23));
    }

    @Test
    void aCitationNamesTheAnnexClauseBehindTheRule() {
        Decision decision =
                ENGINE.decide(new FactsBuilder().on(LocalDate.of(2026, 2, 1)).build());

        assertThat(decision.citations()).singleElement().satisfies(citation -> {
            assertThat(citation.title()).isEqualTo("The annex must be in force on the day of the decision");
            assertThat(citation.source()).isEqualTo("EXAMPLE SMU, clause 12; EXAMPLE Annex 1, clause 9");
        });
    }

    @Test
    void theProtectedPersonIsAnsweredExactlyAsSomeoneWeDoNotKnow() {
        Decision unknown =
                ENGINE.decide(new FactsBuilder().match(MatchResult.noMatch(0.3)).build());
        Decision protectedPerson = ENGINE.decide(new FactsBuilder()
                .protection(Protection.PROTECTED_PERSON, "USA")
                .build());

        assertThat(protectedPerson.outcome()).isEqualTo(unknown.outcome());
        assertThat(protectedPerson.answer()).isEqualTo(unknown.answer());
        assertThat(protectedPerson.released()).isEqualTo(unknown.released()).isEmpty();
        assertThat(protectedPerson.caveats()).isEqualTo(unknown.caveats()).isEmpty();
        assertThat(protectedPerson.decidingRule()).isEqualTo("PROTECTED-PERSON-FEARED-COUNTRY");
    }

    @Test
    void theSameFactsGiveTheSameDecision() {
        Facts facts = new FactsBuilder()
                .requested(DataElement.IDENTITY, DataElement.ALERTS)
                .build();

        assertThat(ENGINE.decide(facts)).isEqualTo(ENGINE.decide(facts));
    }

    @Test
    void withoutTheAmbiguityRuleTheSafeguardStillStopsARelease() {
        RuleSet onlyElements = RuleSet.parse("test-rules.yaml", """
                version: "t1"
                rules:
                  - id: ELEMENTS
                    title: Elements for the purpose
                    source: test
                    when: "true"
                    effect: WITHHOLD
                    elements: "query.requested.filter(e, !(e in annex.releasable))"
                """.getBytes());
        DecisionEngine engine = new DecisionEngine(onlyElements, SHIPPED_ANNEXES);

        Decision possible = engine.decide(new FactsBuilder()
                .match(new MatchResult(MatchOutcome.POSSIBLE_MATCH, 0.85, 1, Optional.empty()))
                .build());
        Decision noAnnex =
                engine.decide(new FactsBuilder().basis("ANNEX-7-NOT-AGREED").build());

        assertThat(possible.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(possible.citations()).containsExactly(DecisionEngine.SAFEGUARD);
        assertThat(noAnnex.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(noAnnex.citations()).contains(DecisionEngine.ANNEX_SAFEGUARD);
    }

    @Test
    void aCaveatRuleAddsItsConditionToARelease() {
        RuleSet withCaveat = RuleSet.parse("test-rules.yaml", """
                version: "t2"
                rules:
                  - id: ADMISSIBILITY-CAVEAT
                    title: Admissibility answers carry a reminder
                    source: test
                    when: "query.purpose == 'ADMISSIBILITY_ASSESSMENT'"
                    effect: CAVEAT
                    caveat: { code: PURPOSE_LIMITATION, text: "Admissibility only." }
                """.getBytes());

        Decision decision = new DecisionEngine(withCaveat, SHIPPED_ANNEXES).decide(new FactsBuilder().build());

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.caveats())
                .last()
                .isEqualTo(new Caveat(CaveatCode.PURPOSE_LIMITATION, "Admissibility only.", null));
        assertThat(decision.citedRuleIds()).containsExactly("ADMISSIBILITY-CAVEAT");
    }

    @Test
    void aGuardThatCannotBeEvaluatedConcealsThePerson() {
        RuleSet failing = RuleSet.parse("test-rules.yaml", """
                version: "t3"
                rules:
                  - id: GUARD
                    title: A guard on a list that may be empty
                    source: test
                    when: "subject.citizen_of[0] == gateway.country"
                    effect: CONCEAL
                """.getBytes());

        Decision decision = new DecisionEngine(failing, SHIPPED_ANNEXES)
                .decide(new FactsBuilder().citizenOf().build());

        assertThat(decision.citedRuleIds()).first().isEqualTo("GUARD");
        assertThat(decision.released()).isEmpty();
        assertThat(decision.outcome()).isNotIn(Outcome.ALLOW, Outcome.PARTIAL);
    }

    @Test
    void aGuardMayNotDependOnTheQueryOrTheMatch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSet.parse("test-rules.yaml", """
                version: "t4"
                rules:
                  - id: GUARD
                    title: A guard that looks at the match
                    source: test
                    when: "match.outcome == 'MATCH' && subject.protection != 'NONE'"
                    effect: CONCEAL
                """.getBytes()))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("rule GUARD")
                .hasMessageContaining("may use only subject, partner and gateway variables")
                .hasMessageContaining("undeclared reference to 'match'");
    }

    static final Set<DataElement> PROPOSED = Set.of(DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS);

    @Test
    void anApprovalReleasesWhatTheOfficerApprovedAndTheRulesStillAllow() {
        Decision decision = ENGINE.approvedOnReview(new FactsBuilder().build(), PROPOSED, Set.of(DataElement.IDENTITY));

        assertThat(decision.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(decision.released()).containsExactly(DataElement.IDENTITY);
        assertThat(decision.withheld()).isEqualTo(Map.of(DataElement.IMMIGRATION_STATUS, "OFFICER-REVIEW"));
        assertThat(decision.citedRuleIds()).last().isEqualTo("OFFICER-REVIEW");
        assertThat(decision.caveats()).extracting(Caveat::code).contains(CaveatCode.RETENTION_LIMIT);
    }

    @Test
    void anApprovalOfAPersonWhoBecameACitizenSinceIsAnsweredAsNobody() {
        Decision decision =
                ENGINE.approvedOnReview(new FactsBuilder().citizenOf("CAN").build(), PROPOSED, PROPOSED);

        assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
        assertThat(decision.answer()).isEqualTo(ReasonCode.NO_RELEASABLE_RECORD);
        assertThat(decision.decidingRule()).isEqualTo("CITIZEN");
        assertThat(decision.released()).isEmpty();
    }

    @Test
    void anApprovalOfAPersonWhoClaimedProtectionSinceIsAnsweredAsNobody() {
        Decision decision = ENGINE.approvedOnReview(
                new FactsBuilder()
                        .protection(Protection.REFUGEE_CLAIMANT, "USA")
                        .build(),
                PROPOSED,
                PROPOSED);

        assertThat(decision.answer()).isEqualTo(ReasonCode.NO_RELEASABLE_RECORD);
        assertThat(decision.decidingRule()).isEqualTo("PROTECTED-PERSON-FEARED-COUNTRY");
    }

    @Test
    void anApprovalAfterTheAnnexLapsedIsRefused() {
        Decision decision = ENGINE.approvedOnReview(
                new FactsBuilder().on(LocalDate.of(2031, 3, 1)).build(), PROPOSED, PROPOSED);

        assertThat(decision.answer()).isEqualTo(ReasonCode.ANNEX_NOT_IN_FORCE);
        assertThat(decision.released()).isEmpty();
    }

    @Test
    void anApprovedElementTheRulesNoLongerReleaseIsWithheldByThatRule() {
        Decision decision = ENGINE.approvedOnReview(
                new FactsBuilder()
                        .requested(DataElement.IDENTITY, DataElement.ALERTS)
                        .build(),
                Set.of(DataElement.IDENTITY, DataElement.ALERTS),
                Set.of(DataElement.IDENTITY, DataElement.ALERTS));

        assertThat(decision.released()).containsExactly(DataElement.IDENTITY);
        assertThat(decision.withheld()).isEqualTo(Map.of(DataElement.ALERTS, "ELEMENTS-FOR-PURPOSE"));
    }
}
