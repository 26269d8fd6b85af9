package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/audit.md is what an auditor re-implements the hash from; it must say what the code does. */
class AuditDocumentationTest {

    private static final Path AUDIT = Path.of("docs/audit.md");

    @Test
    void theDocumentListsTheCoveredFieldsInTheirOrder() throws IOException {
        List<String> covered = EntryHash.coveredFields(ChainVerifierTest.chain(1).get(0)).stream().map(EntryHash.Field::name).toList();

        assertThat(codes(between("audit-fields"))).containsExactlyElementsOf(covered);
    }

    @Test
    void theDocumentListsEveryEventType() throws IOException {
        assertThat(codes(between("audit-events"))).containsExactlyElementsOf(Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
    }

    @Test
    void theDocumentedTestVectorIsWhatTheGatewayComputes() throws IOException {
        AuditEntry entry = new AuditEntry(1, Instant.parse("2026-11-23T09:15:00.123456Z"), "RECEIVED",
                UUID.fromString("3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11"), "USA-USCIS", "system", null, "sealed=" + "ab".repeat(32),
                null, null, EntryHash.GENESIS, null);
        Matcher vector = Pattern.compile("<!-- audit-test-vector -->\\s*`([0-9a-f]{64})`").matcher(Files.readString(AUDIT));

        assertThat(vector.find()).isTrue();
        assertThat(EntryHash.compute(entry)).isEqualTo(vector.group(1));
    }

    private static String between(String marker) throws IOException {
        String document = Files.readString(AUDIT);
        return document.substring(document.indexOf("<!-- " + marker + ":begin"), document.indexOf("<!-- " + marker + ":end -->"));
    }

    private static List<String> codes(String text) {
        String body = text.substring(text.indexOf("-->") + 3);
        return Pattern.compile("`([A-Za-z_]+)`").matcher(body).results().map(match -> match.group(1)).toList();
    }
}
