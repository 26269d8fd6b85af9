package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.caseexchange.gateway.support.ExamplePki;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.GatewayIdentityProperties;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties;
import org.springframework.util.unit.DataSize;

/**
 * Canada's gateway (CAN-IRCC, the example keystore) with USA-USCIS as its one partner on a given
 * suite, built the way start-up builds it, from settings and files; the partner's CRL is issued by
 * the test so that it can list revoked certificates and go stale.
 */
final class EnvelopeHarness {

    static final Duration ROLLOVER = Duration.ofDays(30);
    static final DataSize MAX_MESSAGE_SIZE = DataSize.ofKilobytes(256);
    /** The test CRL's next update: the clock moved past it makes every revocation status unknown. */
    static final Duration CRL_LIFETIME = Duration.ofDays(7);

    final AlgorithmSuite suite;
    final MutableClock clock = new MutableClock(Instant.now());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GatewayIdentity identity;
    final PartnerDirectory directory;
    final Partner usa;
    final CmsSecureEnvelope envelope;

    private EnvelopeHarness(AlgorithmSuite suite, Map<String, String> settings) {
        this.suite = suite;
        this.identity =
                new GatewayIdentity(ExamplePki.bind(settings, GatewayIdentityProperties.class, "gateway.identity"));
        this.directory =
                new PartnerDirectory(ExamplePki.bind(settings, PartnerDirectoryProperties.class, "gateway"), identity);
        this.usa = directory.find("USA-USCIS").orElseThrow();
        this.envelope =
                new CmsSecureEnvelope(identity, new EnvelopeProperties(MAX_MESSAGE_SIZE, ROLLOVER), clock, meters);
    }

    /**
     * @param crl the partner's CRL, issued by the USA example CA
     * @param adjust changes to the settings (another keystore, more partners) before they are bound
     */
    static EnvelopeHarness canadaWithUsa(
            AlgorithmSuite suite, Path folder, X509CRL crl, Consumer<Map<String, String>> adjust) {
        Map<String, String> settings = ExamplePki.settings(ExamplePki.SHIPPED);
        String partner = "gateway.partners[0].";
        String kind = suite.name().toLowerCase();
        settings.put(partner + "suite", suite.name());
        settings.put(partner + "signing-certificates[0]", "certs-example/USA-USCIS/certs/signing-" + kind + ".pem");
        settings.put(
                partner + "encryption-certificates[0]", "certs-example/USA-USCIS/certs/encryption-" + kind + ".pem");
        settings.put(
                partner + "crls[0]", write(folder.resolve("usa-crl.pem"), crl).toString());
        adjust.accept(settings);
        return new EnvelopeHarness(suite, settings);
    }

    static EnvelopeHarness canadaWithUsa(AlgorithmSuite suite, Path folder, X509CRL crl) {
        return canadaWithUsa(suite, folder, crl, settings -> {});
    }

    /** Decryptions with one of our private keys so far. */
    double decryptions() {
        var counter = meters.find(PrivateKeyOperations.METRIC)
                .tag("operation", "decrypt")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Path write(Path file, X509CRL crl) {
        try {
            Files.writeString(file, TestAgency.pem("X509 CRL", crl.getEncoded()));
            return file;
        } catch (IOException | CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
