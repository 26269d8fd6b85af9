package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caseexchange.gateway.support.ExamplePki;
import org.caseexchange.gateway.trust.CertificateFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit key on a PKCS#11 token: SoftHSM, a real software token behind the same interface as a
 * hardware security module, set up with the commands docs/audit.md gives an operator. The token then
 * signs checkpoints that verify with the audit certificate, and a wrong PIN stops the start.
 */
class AuditKeyOnTokenTest {

    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Path CAN = Path.of("certs-example/CAN-IRCC").toAbsolutePath();
    private static final String PIN = "314159";

    @TempDir
    Path work;

    private Map<String, String> environment;

    @BeforeEach
    void initialiseAToken() throws Exception {
        assertThat(LIBRARY)
                .as("SoftHSM's PKCS#11 library (.ci/run installs Debian's softhsm2)")
                .isRegularFile();
        Files.createDirectories(work.resolve("tokens"));
        Files.writeString(
                work.resolve("softhsm2.conf"),
                "directories.tokendir = " + work.resolve("tokens")
                        + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Files.writeString(work.resolve("token.pin"), PIN + "\n");
        environment = Map.of(
                "SOFTHSM2_CONF", work.resolve("softhsm2.conf").toString(),
                "PKCS11_LIBRARY", LIBRARY.toString(),
                "AUDIT_KEYSTORE", CAN.resolve("audit-keystore.p12").toString(),
                "AUDIT_PASSWORD", CAN.resolve("audit-keystore.password").toString(),
                "TOKEN_PIN", work.resolve("token.pin").toString());
        // What the token's vendor does: a token with a user PIN.
        assertThat(run(List.of(
                                "softhsm2-util",
                                "--init-token",
                                "--free",
                                "--label",
                                "gateway-audit",
                                "--pin",
                                PIN,
                                "--so-pin",
                                "27182818"))
                        .exitCode())
                .isZero();
        // What the operator does, as docs/audit.md says.
        Result moved = run(List.of("bash", "-euo", "pipefail", "-c", documentedBlock()));
        assertThat(moved.exitCode()).as(moved.output()).isZero();
    }

    @Test
    void theTokenSignsCheckpointsThatVerifyWithTheAuditCertificate() throws Exception {
        Result signed = signWith(work.resolve("token.pin"));

        assertThat(signed.exitCode()).as(signed.output()).isZero();
        Checkpoint checkpoint = Checkpoint.parse(signed.output()).orElseThrow();
        X509Certificate auditCertificate = CertificateFiles.readCertificate("audit", CAN.resolve("certs/audit.pem"));
        assertThat(checkpoint.isSignedBy(auditCertificate)).isTrue();
        assertThat(checkpoint.logSize()).isEqualTo(42);
    }

    @Test
    void aWrongPinStopsTheStartAndNamesTheSetting() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong.pin"), "000000\n");

        Result refused = signWith(wrong);

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output())
                .contains("gateway.identity.audit-key.password-file: cannot log in to the PKCS#11 token");
    }

    private Result signWith(Path pin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                SignOneCheckpoint.class.getName()));
        Map<String, String> settings = ExamplePki.settings(ExamplePki.SHIPPED.toAbsolutePath());
        settings.remove("gateway.identity.audit-key.keystore");
        settings.put("gateway.identity.audit-key.type", "PKCS11");
        settings.put(
                "gateway.identity.audit-key.pkcs11-config",
                work.resolve("audit-token.cfg").toString());
        settings.put("gateway.identity.audit-key.password-file", pin.toString());
        settings.forEach((key, value) -> command.add(key + "=" + value));
        return run(command);
    }

    /** The operator's block of docs/audit.md that moves the audit key onto a token. */
    private static String documentedBlock() throws IOException {
        Matcher block = Pattern.compile("<!-- pkcs11:move-audit-key[^>]*-->\\s*```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs/audit.md")));
        assertThat(block.find()).as("the documented block").isTrue();
        return block.group(1);
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** The test's class path without surefire's empty last entry. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
