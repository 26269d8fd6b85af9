package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rules.md is what operators write rule files from: its variables and shipped rules are the code's. */
class RulesDocumentationTest {

    private static final Path RULES = Path.of("docs/rules.md");

    @Test
    void theDocumentListsEveryVariableARuleMayUse() throws IOException {
        assertThat(firstColumn("rules-variables"))
                .containsExactlyElementsOf(RuleSchema.VARIABLES.stream()
                        .map(RuleSchema.Variable::name)
                        .toList());
    }

    @Test
    void theDocumentListsTheShippedRulesInTheirOrder() throws IOException {
        assertThat(firstColumn("shipped-rules"))
                .containsExactlyElementsOf(RuleSet.load(Optional.empty()).rules().stream()
                        .map(Rule::id)
                        .toList());
    }

    private static List<String> firstColumn(String marker) throws IOException {
        String document = Files.readString(RULES);
        String table = document.substring(
                document.indexOf("<!-- " + marker + ":begin"), document.indexOf("<!-- " + marker + ":end -->"));
        return Pattern.compile("(?m)^\\| `([^`]+)` \\|")
                .matcher(table)
                .results()
                .map(match -> match.group(1))
                .toList();
    }
}
