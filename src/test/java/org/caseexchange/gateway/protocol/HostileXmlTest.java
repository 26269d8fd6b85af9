package org.caseexchange.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile or broken payload is refused with exactly its code, names no content in its detail,
 * and makes the gateway contact nothing: the listener its references point at sees no connection.
 */
class HostileXmlTest {

    private static ConnectionCounter listener;
    private static HostileXmlCorpus corpus;

    @BeforeAll
    static void listen() throws IOException {
        listener = new ConnectionCounter();
        corpus = new HostileXmlCorpus(listener);
    }

    @AfterAll
    static void stop() throws IOException {
        listener.close();
    }

    static List<HostileXmlCorpus.Fixture> fixtures() throws IOException {
        if (corpus == null) {
            listen();
        }
        return corpus.fixtures;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void refusesWithItsReasonAndFetchesNothing(HostileXmlCorpus.Fixture fixture) {
        ProtocolException refused =
                catchThrowableOfType(() -> ProtocolCodecTest.CODEC.decode(fixture.bytes()), ProtocolException.class);

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(fixture.expected());
        assertThat(refused.detail())
                .hasSizeLessThanOrEqualTo(255)
                .matches("[A-Za-z0-9 .,:'_/-]+")
                .doesNotContain(
                        "passwd", "lol", "EXAMPLE", "CURIOSITY", "favouriteColour", "porpose", "PDF", "127.0.0.1");
        assertThat(listener.connections()).as("connections to the listener").isZero();
    }

    @Test
    void theListenerCountsAConnectionEvenWithoutARequest() throws Exception {
        try (ConnectionCounter probe = new ConnectionCounter();
                Socket ignored = new Socket(InetAddress.getLoopbackAddress(), probe.port())) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (probe.connections() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(probe.connections()).isEqualTo(1);
        }
    }

    @Test
    void theCorpusHasAFixtureForEveryDefectTheProtocolNames() throws IOException {
        assertThat(fixtures())
                .extracting(HostileXmlCorpus.Fixture::name)
                .contains(
                        "xxe-local-file",
                        "xxe-local-listener",
                        "billion-laughs",
                        "quadratic-blowup",
                        "nesting-10000-deep",
                        "attributes-100000",
                        "oversized-text-node",
                        "schema-location-to-listener",
                        "unknown-element",
                        "missing-required-element",
                        "wrong-enum",
                        "bad-date",
                        "over-length-string",
                        "xsi-type-substitution",
                        "wrong-root-namespace",
                        "invalid-utf8",
                        "byte-order-mark",
                        "next-major-version");
    }
}
