package org.caseexchange.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import org.caseexchange.gateway.support.ExamplePki;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Health over the example PKI at chosen moments of its life. */
class CertificateExpiryHealthIndicatorTest {

    private static final ExpiryWarningProperties WARNING =
            new ExpiryWarningProperties(Duration.ofDays(30), Duration.ofDays(2));

    private final GatewayIdentity identity = new GatewayIdentity(
            ExamplePki.bind(ExamplePki.SHIPPED, GatewayIdentityProperties.class, "gateway.identity"));
    private final PartnerDirectory directory = new PartnerDirectory(
            ExamplePki.bind(ExamplePki.SHIPPED, PartnerDirectoryProperties.class, "gateway"), identity);
    private final Instant firstExpiry = identity.certificatesByAlias().values().stream()
            .map(X509Certificate::getNotAfter)
            .map(java.util.Date::toInstant)
            .min(Comparator.naturalOrder())
            .orElseThrow();

    @Test
    void isUpWhileEveryCertificateAndCrlIsFarFromExpiry() {
        Health health = healthAt(firstExpiry.minus(Duration.ofDays(365)));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("own.signing-ec", "partner.USA-USCIS.crls[0]");
    }

    @Test
    void warnsWithinThirtyDaysOfACertificateExpiring() {
        Health health = healthAt(firstExpiry.minus(Duration.ofDays(10)));

        assertThat(health.getStatus()).isEqualTo(CertificateExpiryHealthIndicator.WARNING);
    }

    @Test
    void isDownOnceAnyCertificateHasExpired() {
        Health health = healthAt(firstExpiry.plusSeconds(1));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().values())
                .anySatisfy(
                        entry -> assertThat(((Map<?, ?>) entry).get("status")).isEqualTo("DOWN"));
    }

    @Test
    void isDownBeforeOurCertificatesBecomeValid() {
        Instant issued =
                identity.signingCertificate(AlgorithmSuite.EC).getNotBefore().toInstant();

        assertThat(healthAt(issued.minusSeconds(60)).getStatus()).isEqualTo(Status.DOWN);
    }

    private Health healthAt(Instant now) {
        return new CertificateExpiryHealthIndicator(
                        new Expiries(identity, directory, WARNING), Clock.fixed(now, ZoneOffset.UTC))
                .health();
    }
}
