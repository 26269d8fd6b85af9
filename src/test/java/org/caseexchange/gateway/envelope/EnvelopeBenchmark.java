package org.caseexchange.gateway.envelope;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.caseexchange.gateway.envelope.PartnerMessage.Signer;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the envelope for a 4 KiB payload on each suite, next to the public- and private-key
 * primitives it is made of, measured in the same run so that the cost of the CMS layer shows.
 * {@code seal} is one signature plus one key wrap (RSA: a public-key encryption; EC: a key pair
 * generation and an agreement); {@code open} is one unwrap (RSA: a private-key decryption; EC: an
 * agreement), one signature verification and a PKIX path validation. Run with
 * {@code ./mvnw -q -Pbenchmark test-compile exec:exec} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class EnvelopeBenchmark {

    /** The provider the envelope uses, and the JDK's own, for the primitives. */
    private static final Provider BC = new BouncyCastleProvider();

    @Param({"EC", "RSA"})
    public AlgorithmSuite suite;

    private EnvelopeHarness canada;
    private byte[] payload;
    private byte[] fromUsa;
    private PrivateKey signingKey;
    private PublicKey verifyingKey;
    private PrivateKey decryptionKey;
    private PublicKey encryptionKey;
    private byte[] signature;
    private byte[] wrappedKey;
    private KeyPair ephemeral;
    private final SecureRandom random = new SecureRandom();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Instant now = Instant.now();
        TestAgency usa = TestAgency.example("USA-USCIS");
        TestAgency can = TestAgency.example("CAN-IRCC");
        canada = EnvelopeHarness.canadaWithUsa(
                suite,
                Files.createTempDirectory("benchmark"),
                usa.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));
        payload = new byte[4096];
        random.nextBytes(payload);
        String kind = suite.name().toLowerCase(Locale.ROOT);
        fromUsa = PartnerMessage.signedBy(new Signer(
                        usa.key("signing-" + kind),
                        usa.certificate("signing-" + kind),
                        HostileCorpus.signatureAlgorithm(suite, "SHA256")))
                .to(can.certificate("encryption-" + kind))
                .payload(payload)
                .build();
        signingKey = can.key("signing-" + kind);
        verifyingKey = can.certificate("signing-" + kind).getPublicKey();
        decryptionKey = can.key("encryption-" + kind);
        encryptionKey = can.certificate("encryption-" + kind).getPublicKey();
        signature = sign(BC);
        ephemeral = suite == AlgorithmSuite.EC ? TestAgency.ecKeyPair("secp256r1") : null;
        if (suite == AlgorithmSuite.RSA) {
            Cipher oaep = oaep(BC);
            oaep.init(Cipher.ENCRYPT_MODE, encryptionKey, oaepParameters());
            wrappedKey = oaep.doFinal(new byte[32]);
        }
    }

    @Benchmark
    public byte[] seal() {
        return canada.envelope.seal(payload, canada.usa).sealed();
    }

    @Benchmark
    public OpenedEnvelope open() {
        return canada.envelope.open(fromUsa, canada.usa);
    }

    @Benchmark
    public byte[] primitiveSignBouncyCastle() throws Exception {
        return sign(BC);
    }

    @Benchmark
    public byte[] primitiveSignJdk() throws Exception {
        return sign(null);
    }

    @Benchmark
    public boolean primitiveVerifyBouncyCastle() throws Exception {
        return verify(BC);
    }

    @Benchmark
    public boolean primitiveVerifyJdk() throws Exception {
        return verify(null);
    }

    /** The private-key half of opening: ECDH agreement, or RSA-OAEP decryption of a content key. */
    @Benchmark
    public byte[] primitiveUnwrapBouncyCastle() throws Exception {
        return unwrap(BC);
    }

    @Benchmark
    public byte[] primitiveUnwrapJdk() throws Exception {
        return unwrap(null);
    }

    private byte[] sign(Provider provider) throws Exception {
        Signature signer = signature(provider);
        signer.initSign(signingKey, random);
        signer.update(payload);
        return signer.sign();
    }

    private boolean verify(Provider provider) throws Exception {
        Signature verifier = signature(provider);
        verifier.initVerify(verifyingKey);
        verifier.update(payload);
        return verifier.verify(signature);
    }

    private byte[] unwrap(Provider provider) throws Exception {
        if (suite == AlgorithmSuite.EC) {
            KeyAgreement agreement =
                    provider == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", provider);
            agreement.init(decryptionKey);
            agreement.doPhase(ephemeral.getPublic(), true);
            return agreement.generateSecret();
        }
        Cipher oaep = oaep(provider);
        oaep.init(Cipher.DECRYPT_MODE, decryptionKey, oaepParameters());
        return oaep.doFinal(wrappedKey);
    }

    private Signature signature(Provider provider) throws Exception {
        if (suite == AlgorithmSuite.EC) {
            return provider == null
                    ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
        }
        Signature pss =
                provider == null ? Signature.getInstance("RSASSA-PSS") : Signature.getInstance("RSASSA-PSS", provider);
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return pss;
    }

    private static Cipher oaep(Provider provider) throws Exception {
        return provider == null
                ? Cipher.getInstance("RSA/ECB/OAEPPadding")
                : Cipher.getInstance("RSA/NONE/OAEPPadding", provider);
    }

    private static OAEPParameterSpec oaepParameters() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }

    /** Runs every benchmark on 1 and then 2 threads and prints one table of operations per second. */
    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            var options = new OptionsBuilder()
                    .include(EnvelopeBenchmark.class.getName())
                    .threads(threads);
            for (String arg : args) {
                options.param("suite", arg);
            }
            for (RunResult result : new Runner(options.build()).run()) {
                var score = result.getPrimaryResult();
                rows.add(String.format(
                        Locale.ROOT,
                        "%-30s %-4s %7d %12.1f ± %.1f",
                        result.getParams().getBenchmark().replaceAll(".*\\.", ""),
                        result.getParams().getParam("suite"),
                        threads,
                        score.getScore(),
                        score.getScoreError()));
            }
        }
        System.out.printf(Locale.ROOT, "%n%-30s %-4s %7s %12s%n", "benchmark", "suite", "threads", "ops/s");
        rows.stream().sorted().forEach(System.out::println);
    }
}
