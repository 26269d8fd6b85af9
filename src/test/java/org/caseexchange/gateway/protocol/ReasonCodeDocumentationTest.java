package org.caseexchange.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reason-code table in docs/protocol.md is the enum, code for code and word for word. */
class ReasonCodeDocumentationTest {

    private static final Path PROTOCOL = Path.of("docs/protocol.md");

    @Test
    void theProtocolDocumentListsEveryReasonCodeWithItsMeaning() throws IOException {
        String document = Files.readString(PROTOCOL);
        String table = document.substring(document.indexOf("<!-- reason-codes:begin"), document.indexOf("<!-- reason-codes:end -->"));
        List<String> documented = table.lines().filter(line -> line.startsWith("| `")).toList();

        List<String> expected = Arrays.stream(ReasonCode.values())
                .map(code -> "| `" + code.name() + "` | " + code.description() + " |")
                .toList();

        assertThat(documented).containsExactlyElementsOf(expected);
    }

    @Test
    void descriptionsAreShortEnoughForAnErrorReplyAndHoldNoPlaceholders() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(code.description()).hasSizeLessThanOrEqualTo(255).doesNotContain("%s", "{}");
        }
    }
}
