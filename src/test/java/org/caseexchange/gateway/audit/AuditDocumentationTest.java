package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/audit.md is what an auditor re-implements the hash from; it must say what the code does. */
class AuditDocumentationTest {

    private static final Path AUDIT = Path.of("docs/audit.md");

    @Test
    void theDocumentListsTheCoveredFieldsInTheirOrder() throws IOException {
        List<String> covered = EntryHash.coveredFields(
                        ChainVerifierTest.chain(1).get(0))
                .stream()
                .map(EntryHash.Field::name)
                .toList();

        assertThat(codes(between("audit-fields"))).containsExactlyElementsOf(covered);
    }

    @Test
    void theDocumentListsEveryEventType() throws IOException {
        assertThat(codes(between("audit-events")))
                .containsExactlyElementsOf(
                        Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
    }

    @Test
    void theDocumentedTestVectorIsWhatTheGatewayComputes() throws IOException {
        AuditEntry entry = new AuditEntry(
                1,
                Instant.parse("2026-11-23T09:15:00.123456Z"),
                "RECEIVED",
                UUID.fromString("3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11"),
                "USA-USCIS",
                "system",
                null,
                "sealed=" + "ab".repeat(32),
                null,
                null,
                EntryHash.GENESIS,
                null);
        Matcher vector = Pattern.compile("<!-- audit-test-vector -->\\s*`([0-9a-f]{64})`")
                .matcher(Files.readString(AUDIT));

        assertThat(vector.find()).isTrue();
        assertThat(EntryHash.compute(entry)).isEqualTo(vector.group(1));
    }

    @Test
    void theDocumentedOpenSslCommandsVerifyACheckpointAndRefuseAChangedOne(@TempDir Path work) throws Exception {
        Matcher block = Pattern.compile("<!-- openssl:verify-checkpoint[^>]*-->\\s*```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(AUDIT));
        assertThat(block.find()).isTrue();
        Checkpoint checkpoint = new CheckpointSigner(AuditStack.IDENTITY).sign(1042, "5d".repeat(32), Instant.now());
        Path file = work.resolve(checkpoint.fileName());
        Files.writeString(file, checkpoint.fileText());

        assertThat(openssl(block.group(1), work, file)).isEqualTo("Verified OK");

        Files.writeString(file, checkpoint.fileText().replace("log-size: 1042", "log-size: 1041"));
        assertThat(openssl(block.group(1), work, file)).isEqualTo("Verification failure");
    }

    private static String openssl(String script, Path work, Path checkpoint) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-uo", "pipefail", "-c", script)
                .directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHECKPOINT", checkpoint.toString());
        builder.environment()
                .put(
                        "AUDIT_CERTIFICATE",
                        Path.of("certs-example/CAN-IRCC/certs/audit.pem")
                                .toAbsolutePath()
                                .toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines()
                .filter(line -> line.startsWith("Verifi"))
                .findFirst()
                .orElse(output);
    }

    private static String between(String marker) throws IOException {
        String document = Files.readString(AUDIT);
        return document.substring(
                document.indexOf("<!-- " + marker + ":begin"), document.indexOf("<!-- " + marker + ":end -->"));
    }

    private static List<String> codes(String text) {
        String body = text.substring(text.indexOf("-->") + 3);
        return Pattern.compile("`([A-Za-z_]+)`")
                .matcher(body)
                .results()
                .map(match -> match.group(1))
                .toList();
    }
}
