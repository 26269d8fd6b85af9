package org.caseexchange.gateway.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A rule or annex file the gateway cannot apply exactly stops start-up, naming the file, the rule or annex, and the problem. */
class PolicyFilesTest {

    private static final String RULE = """
            version: "t"
            rules:
              - id: R-1
                title: A rule
                source: test
                when: "%s"
                effect: %s
            %s""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "misspelt variable       | subject.agee < 18             | REVIEW |                         | rule R-1: 'when' does not compile: ERROR: <input>:1:1: undeclared reference to 'subject'",
                "wrong type              | subject.age < 'eighteen'      | REVIEW |                         | rule R-1: 'when' does not compile: ERROR: <input>:1:13: found no matching overload for '_<_' applied to '(int, string)'",
                "not a condition         | subject.age                   | REVIEW |                         | rule R-1: 'when' does not compile",
                "unknown effect          | true                          | DENY   |                         | rule R-1: 'effect' is 'DENY', not one of [REFUSE, CONCEAL, REVIEW, WITHHOLD, CAVEAT]",
                "refusal without answer  | true                          | REFUSE |                         | rule R-1: 'answer' is required",
                "answer not a refusal    | true                          | REFUSE | '    answer: XML_MALFORMED' | rule R-1: 'answer' must be a business-rule refusal code",
                "answer on a review      | true                          | REVIEW | '    answer: QUOTA_EXCEEDED' | rule R-1: 'answer' belongs to REFUSE rules only",
                "elements not a list     | true                          | WITHHOLD | '    elements: \"query.purpose\"' | rule R-1: 'elements' does not compile",
                "unknown key             | true                          | REVIEW | '    because: reasons'   | rules[1]: unknown key 'because'",
            })
    void aBrokenRuleStopsStartUpWithTheFileTheRuleAndTheProblem(
            String name, String when, String effect, String extra, String message) {
        String file = RULE.formatted(when, effect, extra == null ? "" : extra + "\n");

        assertThatThrownBy(() -> RuleSet.parse("ops/rules.yaml", file.getBytes(UTF_8)))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageStartingWith("ops/rules.yaml: ")
                .hasMessageContaining(message.strip());
    }

    @Test
    void aRuleIdIsUsedOnce() {
        String twice = RULE.formatted("true", "REVIEW", "") + """
                  - id: R-1
                    title: Again
                    source: test
                    when: "true"
                    effect: REVIEW
                """;

        assertThatThrownBy(() -> RuleSet.parse("ops/rules.yaml", twice.getBytes(UTF_8)))
                .hasMessage("ops/rules.yaml: rule R-1: the id is used twice");
    }

    @Test
    void theRuleSetIsCitedByVersionAndContentHash() {
        RuleSet one =
                RuleSet.parse("a.yaml", RULE.formatted("true", "REVIEW", "").getBytes(UTF_8));
        RuleSet changed =
                RuleSet.parse("a.yaml", RULE.formatted("false", "REVIEW", "").getBytes(UTF_8));

        assertThat(one.citation()).matches("t@[0-9a-f]{64}");
        assertThat(changed.citation()).isNotEqualTo(one.citation());
        assertThat(RuleSet.load(Optional.empty()).label()).contains("EXAMPLE").contains("not legal advice");
    }

    @Test
    void theShippedAnnexesLoadAndAnOperatorFileReplacesOneAndAddsAnother(@TempDir Path folder) throws IOException {
        String suspended = new String(
                        getClass()
                                .getResourceAsStream("/annexes/ANNEX-1-IDENTITY-CHECKS.yaml")
                                .readAllBytes(),
                        UTF_8)
                .replace("status: ACTIVE", "status: SUSPENDED");
        Files.writeString(folder.resolve("annex-1.yaml"), suspended);
        Files.writeString(
                folder.resolve("annex-3.yaml"),
                suspended.replace("id: ANNEX-1-IDENTITY-CHECKS", "id: ANNEX-3-REMOVALS"));

        AnnexCatalogue shipped = AnnexCatalogue.load(Optional.empty());
        AnnexCatalogue operators = AnnexCatalogue.load(Optional.of(folder));

        assertThat(shipped.all())
                .extracting(Annex::id)
                .containsExactly("ANNEX-1-IDENTITY-CHECKS", "ANNEX-2-DOCUMENT-VERIFICATION", "SMU-CASE-BY-CASE");
        assertThat(operators.find("ANNEX-1-IDENTITY-CHECKS").orElseThrow().status())
                .isEqualTo(Annex.Status.SUSPENDED);
        assertThat(operators.find("ANNEX-3-REMOVALS")).isPresent();
        assertThat(operators.find("ANNEX-1-IDENTITY-CHECKS").orElseThrow().sha256())
                .isNotEqualTo(
                        shipped.find("ANNEX-1-IDENTITY-CHECKS").orElseThrow().sha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown purpose   | 'IDENTITY_VERIFICATION: [IDENTITY]' | 'TOURISM: [IDENTITY]'          | annex ANNEX-1-IDENTITY-CHECKS.purposes: purpose is 'TOURISM'",
                "unknown element   | 'IDENTITY_VERIFICATION: [IDENTITY]' | 'IDENTITY_VERIFICATION: [DNA]' | annex ANNEX-1-IDENTITY-CHECKS.purposes: data element is 'DNA'",
                "bad period        | 'retention: P2Y'                    | 'retention: two years'         | annex ANNEX-1-IDENTITY-CHECKS: 'retention' must be an ISO 8601 period",
                "ends before start | 'until: 2031-02-28'                 | 'until: 2025-02-28'            | annex ANNEX-1-IDENTITY-CHECKS: 'in-force.until' is before 'in-force.from'",
                "missing quota     | 'quota: { per-day: 5000, per-year: 1000000 }' | 'quota: { per-day: 5000 }' | 'per-year' must be a whole number",
                "unknown key       | 'two-step: false'                   | 'two-step: false\nauto-approve: true' | unknown key 'auto-approve'",
                "not yaml          | 'id: ANNEX'                         | 'id: [ANNEX'                   | is not valid YAML",
            })
    void aBrokenAnnexStopsStartUpWithTheFileAndTheProblem(String name, String from, String to, String message)
            throws IOException {
        String annex = new String(
                getClass()
                        .getResourceAsStream("/annexes/ANNEX-1-IDENTITY-CHECKS.yaml")
                        .readAllBytes(),
                UTF_8);
        String broken = annex.replace(from, to.replace("\\n", "\n"));
        assertThat(broken).isNotEqualTo(annex);

        assertThatThrownBy(() -> AnnexCatalogue.parse("ops/annex-1.yaml", broken.getBytes(UTF_8)))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageStartingWith("ops/annex-1.yaml: ")
                .hasMessageContaining(message);
    }
}
