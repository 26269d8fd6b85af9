package org.caseexchange.gateway.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.caseexchange.gateway.envelope.PartnerMessage.Layering;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever bytes arrive, {@code open} returns an opened message or throws {@link EnvelopeException}:
 * no other exception, error or hang. In a normal test run Jazzer replays the seed corpus, which is
 * the hostile corpus written out at test time; {@code JAZZER_FUZZ=1} fuzzes from it (see
 * docs/performance.md for the command).
 */
class EnvelopeFuzzTest {

    private static EnvelopeHarness harness;
    private static X509Certificate ourEncryptionCertificate;

    /** Jazzer looks for seeds in the resource folder {@code EnvelopeFuzzTestInputs/<method>} next to this class. */
    @BeforeAll
    static void writeTheHostileCorpusAsSeeds() throws IOException, URISyntaxException {
        HostileCorpus corpus = HostileEnvelopeTest.corpus(AlgorithmSuite.EC);
        harness = corpus.harness;
        harness.clock.set(Instant.now());
        Path seeds = Path.of(EnvelopeFuzzTest.class.getResource("").toURI())
                .resolve("EnvelopeFuzzTestInputs/openReturnsOrRefusesWithAReason");
        Files.createDirectories(seeds);
        Files.write(seeds.resolve("good"), corpus.good);
        for (HostileCorpus.Fixture fixture : corpus.fixtures) {
            Files.write(seeds.resolve(fixture.name()), fixture.bytes());
        }
        ourEncryptionCertificate =
                harness.identity.encryptionCertificates(AlgorithmSuite.EC).get(0);
        Path signedSeeds = seeds.resolveSibling("openReachesTheSignedLayerOnlyToRefuseOrAccept");
        Files.createDirectories(signedSeeds);
        Files.write(
                signedSeeds.resolve("good"),
                corpus.valid().layering(Layering.SIGN_ONLY).build());
        Files.write(
                signedSeeds.resolve("detached"),
                corpus.valid().layering(Layering.SIGN_ONLY).detached().build());
        Files.write(
                signedSeeds.resolve("two-signers"),
                corpus.valid()
                        .layering(Layering.SIGN_ONLY)
                        .alsoSignedBy(corpus.signer())
                        .build());
        Files.write(
                signedSeeds.resolve("no-signing-time"),
                corpus.valid().layering(Layering.SIGN_ONLY).withoutSigningTime().build());
        Files.write(
                signedSeeds.resolve("no-certificate"),
                corpus.valid()
                        .layering(Layering.SIGN_ONLY)
                        .withoutSignerCertificate()
                        .build());
    }

    /**
     * Anyone holding our public certificate can make the gateway decrypt, so what lies inside the
     * encryption is as exposed as the outer layer. Here the input is encrypted to us properly, so
     * the fuzzer reaches the SignedData parser and the signer checks behind the authentication tag.
     */
    @FuzzTest(maxDuration = "10m")
    void openReachesTheSignedLayerOnlyToRefuseOrAccept(byte[] signedLayer) {
        byte[] sealed = PartnerMessage.unsigned()
                .to(ourEncryptionCertificate)
                .layering(Layering.ENCRYPT_ONLY)
                .payload(signedLayer)
                .build();
        openReturnsOrRefusesWithAReason(sealed);
    }

    @FuzzTest(maxDuration = "10m")
    void openReturnsOrRefusesWithAReason(byte[] input) {
        try {
            harness.envelope.open(input, harness.usa);
        } catch (EnvelopeException refused) {
            // the one way to refuse
        }
    }
}
