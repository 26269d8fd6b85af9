package org.caseexchange.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.caseexchange.gateway.envelope.HostileCorpus.Fixture;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every defect of the hostile corpus is refused with exactly its reason code, on both suites. */
class HostileEnvelopeTest {

    private static final Map<AlgorithmSuite, HostileCorpus> CORPORA = new EnumMap<>(AlgorithmSuite.class);

    static synchronized HostileCorpus corpus(AlgorithmSuite suite) {
        return CORPORA.computeIfAbsent(suite, s -> new HostileCorpus(s, ScratchDirectories.create("hostile-" + s)));
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(AlgorithmSuite.values())
                .flatMap(suite -> corpus(suite).fixtures.stream().map(fixture -> Arguments.of(suite, fixture)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixtures")
    void eachDefectIsRefusedWithItsReasonAndOnlyPostDecryptionDefectsReachOurKey(
            AlgorithmSuite suite, Fixture fixture) {
        EnvelopeHarness harness = corpus(suite).harness;
        harness.clock.set(Instant.now().plus(fixture.openedLater()));
        double decryptionsBefore = harness.decryptions();

        assertThatThrownBy(() -> harness.envelope.open(fixture.bytes(), harness.usa))
                .isInstanceOfSatisfying(
                        EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(fixture.expected()));
        assertThat(harness.decryptions() - decryptionsBefore)
                .as("private-key operations while refusing %s", fixture.name())
                .isEqualTo(fixture.decrypts() ? 1.0 : 0.0);
        assertThat(harness.meters
                        .find("gateway.envelope.refused")
                        .tag("reason", fixture.expected().name())
                        .counter())
                .isNotNull();
    }

    @ParameterizedTest
    @EnumSource(AlgorithmSuite.class)
    void theGoodMessageTheDefectsDeriveFromOpens(AlgorithmSuite suite) {
        HostileCorpus corpus = corpus(suite);
        corpus.harness.clock.set(Instant.now());

        OpenedEnvelope opened = corpus.harness.envelope.open(corpus.good, corpus.harness.usa);

        assertThat(opened.sender().agencyCode()).isEqualTo("USA-USCIS");
        assertThat(new String(opened.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("<caseQuery>EXAMPLE</caseQuery>");
        assertThat(opened.recipientKeyId())
                .isEqualTo(Sha256.fingerprint(
                        corpus.harness.identity.encryptionCertificates(suite).get(0)));
        assertThat(opened.signerFingerprint())
                .isEqualTo(Sha256.fingerprint(
                        corpus.harness.usa.signingCertificates().get(0)));
    }

    @Test
    void aSignerPathThatValidatedIsDecidedAfreshOnceItsRevocationListIsDue() {
        HostileCorpus corpus = corpus(AlgorithmSuite.EC);
        Instant nextUpdate = corpus.harness.usa.crls().get(0).getNextUpdate().toInstant();
        // PKIX allows 15 minutes of clock skew past a CRL's next update: 14 minutes past, it still validates.
        corpus.harness.clock.set(nextUpdate.plus(java.time.Duration.ofMinutes(14)));
        assertThat(corpus.harness
                        .envelope
                        .open(corpus.good, corpus.harness.usa)
                        .sender()
                        .agencyCode())
                .isEqualTo("USA-USCIS");

        // Two minutes later, well within the time a validated path is remembered, that is over.
        corpus.harness.clock.set(nextUpdate.plus(java.time.Duration.ofMinutes(16)));
        assertThatThrownBy(() -> corpus.harness.envelope.open(corpus.good, corpus.harness.usa))
                .isInstanceOfSatisfying(
                        EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.CERT_REVOCATION_STATUS_UNKNOWN));
    }

    @Test
    void theRefusalNamesOnlyTheReasonNeverTheContent() {
        HostileCorpus corpus = corpus(AlgorithmSuite.EC);
        for (Fixture fixture : corpus.fixtures) {
            corpus.harness.clock.set(Instant.now().plus(fixture.openedLater()));
            assertThatThrownBy(() -> corpus.harness.envelope.open(fixture.bytes(), corpus.harness.usa))
                    .hasMessageStartingWith(fixture.expected().name())
                    .hasMessageNotContaining("EXAMPLE")
                    .hasNoCause();
        }
    }
}
