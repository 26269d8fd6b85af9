package org.caseexchange.gateway.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever payload a partner signs, {@code decode} returns a message or throws
 * {@link ProtocolException}: no other exception, error or hang, and no connection anywhere. In a
 * normal test run Jazzer replays the seeds (every worked example and every hostile fixture, written
 * out at test time); {@code JAZZER_FUZZ=1} fuzzes from them (docs/performance.md).
 */
class ProtocolFuzzTest {

    private static ConnectionCounter listener;

    @BeforeAll
    static void writeTheExamplesAndTheHostileCorpusAsSeeds() throws IOException, URISyntaxException {
        listener = new ConnectionCounter();
        Path seeds = Path.of(ProtocolFuzzTest.class.getResource("").toURI())
                .resolve("ProtocolFuzzTestInputs/decodeReturnsOrRefusesWithAReason");
        Files.createDirectories(seeds);
        for (Path example : ProtocolExamplesTest.examples()) {
            Files.copy(
                    example, seeds.resolve(example.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (HostileXmlCorpus.Fixture fixture : new HostileXmlCorpus(listener).fixtures) {
            Files.write(seeds.resolve(fixture.name()), fixture.bytes());
        }
    }

    @AfterAll
    static void nothingWasFetched() throws IOException {
        listener.close();
        if (listener.connections() != 0) {
            throw new AssertionError(
                    "the codec connected to " + listener.url("") + " " + listener.connections() + " times");
        }
    }

    @FuzzTest(maxDuration = "10m")
    void decodeReturnsOrRefusesWithAReason(byte[] payload) {
        try {
            ProtocolCodecTest.CODEC.decode(payload);
        } catch (ProtocolException refused) {
            // the one way to refuse
        }
    }
}
