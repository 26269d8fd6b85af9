package org.caseexchange.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reason-code table in docs/protocol.md is the enum: code for code, stage, reply and word for word. */
class ReasonCodeDocumentationTest {

    private static final Path PROTOCOL = Path.of("docs/protocol.md");

    @Test
    void theProtocolDocumentListsEveryReasonCodeWithItsStageReplyAndMeaning() throws IOException {
        String document = Files.readString(PROTOCOL);
        String table = document.substring(
                document.indexOf("<!-- reason-codes:begin"), document.indexOf("<!-- reason-codes:end -->"));
        List<String> documented =
                table.lines().filter(line -> line.startsWith("| `")).toList();

        List<String> expected = Arrays.stream(ReasonCode.values())
                .map(ReasonCodeDocumentationTest::row)
                .toList();

        assertThat(documented)
                .as(
                        "the table between the reason-codes markers should read:%n%s",
                        expected.stream().collect(Collectors.joining("\n")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void codesAreDeclaredInTheOrderOfTheirStages() {
        List<ReasonCode.Stage> stages =
                Arrays.stream(ReasonCode.values()).map(ReasonCode::stage).toList();

        assertThat(stages).isSorted();
    }

    @Test
    void nothingRaisedBeforeTheSenderIsAuthenticatedIsAnswered() {
        Arrays.stream(ReasonCode.values())
                .filter(code -> code.stage().compareTo(ReasonCode.Stage.XML) < 0)
                .forEach(code -> assertThat(code.isAnswered()).as(code.name()).isFalse());
    }

    @Test
    void descriptionsAreShortEnoughForAnErrorReplyAndHoldNoPlaceholders() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(code.description()).hasSizeLessThanOrEqualTo(255).doesNotContain("%s", "{}", "|");
            assertThat(code.name()).matches("[A-Z][A-Z0-9_]{2,63}");
        }
    }

    private static String row(ReasonCode code) {
        return "| `" + code.name() + "` | " + code.stage().title() + " | "
                + code.reply().documented() + " | " + code.description() + " |";
    }
}
