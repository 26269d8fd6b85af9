package org.caseexchange.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolProperties;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A partner with nothing but the {@code openssl} command line can talk to the gateway: the shell
 * blocks of docs/protocol.md sections 1.5 and 3.4, read from the document itself, run against the example
 * PKI with USA-USCIS as the partner and CAN-IRCC as the gateway.
 */
class OpenSslInteroperabilityTest {

    private static final Path PROTOCOL = Path.of("docs/protocol.md");
    private static final byte[] MESSAGE =
            "<caseQuery xmlns=\"urn:example\">EXAMPLE ÉLODIE</caseQuery>\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private final TestAgency usa = TestAgency.example("USA-USCIS");

    @ParameterizedTest
    @EnumSource(AlgorithmSuite.class)
    void aMessageSealedWithOpenSslOpensInTheGateway(AlgorithmSuite suite) throws Exception {
        EnvelopeHarness gateway = gateway(suite);
        Files.write(work.resolve("message.xml"), MESSAGE);

        run(block("seal-" + kind(suite)), partnerSigning(suite));
        OpenedEnvelope opened = gateway.envelope.open(Files.readAllBytes(work.resolve("sealed.der")), gateway.usa);

        assertThat(opened.payload()).isEqualTo(MESSAGE);
        assertThat(opened.sender().agencyCode()).isEqualTo("USA-USCIS");
        assertThat(Duration.between(opened.signingTime(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void everyWorkedExampleSealedWithOpenSslOpensAndDecodesAsItsKind() throws Exception {
        EnvelopeHarness gateway = gateway(AlgorithmSuite.EC);
        Map<String, String> env = partnerSigning(AlgorithmSuite.EC);
        env.put("EXAMPLES", Path.of("schemas/examples").toAbsolutePath().toString());
        ProtocolCodec codec = new ProtocolCodec(new ProtocolProperties.Limits(16, 16, 4000, 64));

        run(block("seal-examples"), env);

        for (MessageKind kind : MessageKind.values()) {
            String example = kind.rootElement().replaceAll("([A-Z])", "-$1").toLowerCase();
            OpenedEnvelope opened =
                    gateway.envelope.open(Files.readAllBytes(work.resolve(example + ".der")), gateway.usa);

            assertThat(opened.payload())
                    .as(example)
                    .isEqualTo(Files.readAllBytes(Path.of("schemas/examples", example + ".xml")));
            assertThat(codec.decode(opened.payload()).kind()).isEqualTo(kind);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AlgorithmSuite.class, names = "RSA")
    void aPkcs1v15SignatureFromOpenSslIsAlsoAccepted(AlgorithmSuite suite) throws Exception {
        EnvelopeHarness gateway = gateway(suite);
        Files.write(work.resolve("message.xml"), MESSAGE);
        String withoutPss = block("seal-rsa").replace("-keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32 ", "");

        run(withoutPss, partnerSigning(suite));

        assertThat(gateway.envelope
                        .open(Files.readAllBytes(work.resolve("sealed.der")), gateway.usa)
                        .payload())
                .isEqualTo(MESSAGE);
    }

    @Test
    void aQueryOfOursOpensWithOpenSslAndGivesTheIdAndDigestTheAnswerMustQuote() throws Exception {
        EnvelopeHarness gateway = gateway(AlgorithmSuite.EC);
        byte[] query = Files.readAllBytes(Path.of("schemas/examples/case-query.xml"));
        Files.write(
                work.resolve("sealed.der"),
                gateway.envelope.seal(query, gateway.usa).sealed());

        run(block("open") + block("answer-fields"), partnerOpening(AlgorithmSuite.EC, "CAN-IRCC"));

        assertThat(Files.readString(work.resolve("in-response-to.txt")).strip())
                .isEqualTo("3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11");
        assertThat(Files.readString(work.resolve("query-digest.txt")).strip())
                .isEqualTo(org.caseexchange.gateway.trust.Sha256.hex(query));
    }

    @ParameterizedTest
    @EnumSource(AlgorithmSuite.class)
    void aMessageSealedByTheGatewayDecryptsAndVerifiesWithOpenSsl(AlgorithmSuite suite) throws Exception {
        EnvelopeHarness gateway = gateway(suite);
        Files.write(
                work.resolve("sealed.der"),
                gateway.envelope.seal(MESSAGE, gateway.usa).sealed());

        run(block("open"), partnerOpening(suite, "CAN-IRCC"));

        assertThat(Files.readAllBytes(work.resolve("message.xml"))).isEqualTo(MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(AlgorithmSuite.class)
    void openSslRefusesTheGatewaysMessageAgainstAnotherAgencysRoot(AlgorithmSuite suite) throws Exception {
        EnvelopeHarness gateway = gateway(suite);
        Files.write(
                work.resolve("sealed.der"),
                gateway.envelope.seal(MESSAGE, gateway.usa).sealed());

        Result result = attempt(block("open"), partnerOpening(suite, "USA-USCIS"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.errors()).contains("Verification failure");
    }

    private EnvelopeHarness gateway(AlgorithmSuite suite) {
        Instant now = Instant.now();
        return EnvelopeHarness.canadaWithUsa(
                suite, work, usa.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));
    }

    private Map<String, String> partnerSigning(AlgorithmSuite suite) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("OUR_SIGNING_CERT", example("USA-USCIS/certs/signing-" + kind(suite) + ".pem"));
        env.put("OUR_SIGNING_KEY", privateKey("signing-" + kind(suite)));
        env.put("GATEWAY_ENCRYPTION_CERT", example("CAN-IRCC/certs/encryption-" + kind(suite) + ".pem"));
        return env;
    }

    /** The partner opening a message from the gateway, trusting {@code gatewayAgency}'s root and CRL. */
    private Map<String, String> partnerOpening(AlgorithmSuite suite, String gatewayAgency) throws IOException {
        Path trust = work.resolve("gateway-trust.pem");
        Files.writeString(
                trust,
                Files.readString(Path.of("certs-example", gatewayAgency, "ca/root-ca.pem"))
                        + Files.readString(Path.of("certs-example", gatewayAgency, "ca/root-ca.crl.pem")));
        Map<String, String> env = new HashMap<>();
        env.put("OUR_ENCRYPTION_CERT", example("USA-USCIS/certs/encryption-" + kind(suite) + ".pem"));
        env.put("OUR_ENCRYPTION_KEY", privateKey("encryption-" + kind(suite)));
        env.put("GATEWAY_TRUST", trust.toString());
        return env;
    }

    private String privateKey(String alias) throws IOException {
        Path file = work.resolve("usa-" + alias + ".key");
        Files.writeString(file, TestAgency.pem("PRIVATE KEY", usa.key(alias).getEncoded()));
        return file.toString();
    }

    private static String example(String file) {
        return Path.of("certs-example", file).toAbsolutePath().toString();
    }

    private static String kind(AlgorithmSuite suite) {
        return suite.name().toLowerCase();
    }

    /** The shell block that follows {@code <!-- openssl:name -->} in docs/protocol.md. */
    static String block(String name) throws IOException {
        Matcher block = Pattern.compile(
                        "<!-- openssl:" + Pattern.quote(name) + " -->\\s*```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(PROTOCOL));
        if (!block.find()) {
            throw new IllegalStateException("docs/protocol.md has no block openssl:" + name);
        }
        return block.group(1);
    }

    private record Result(int exitCode, String errors) {}

    private void run(String script, Map<String, String> env) throws Exception {
        Result result = attempt(script, env);
        assertThat(result.exitCode())
                .as("openssl failed:\n%s\n%s", script, result.errors())
                .isZero();
    }

    private Result attempt(String script, Map<String, String> env) throws Exception {
        ProcessBuilder process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(work.toFile())
                .redirectErrorStream(false);
        process.environment().putAll(env);
        Process running = process.start();
        running.getOutputStream().close();
        String errors = new String(running.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!running.waitFor(60, TimeUnit.SECONDS)) {
            running.destroyForcibly();
            throw new IllegalStateException("openssl did not finish");
        }
        return new Result(running.exitValue(), errors);
    }
}
