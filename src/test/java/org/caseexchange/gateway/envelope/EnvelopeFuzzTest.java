package org.caseexchange.gateway.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
