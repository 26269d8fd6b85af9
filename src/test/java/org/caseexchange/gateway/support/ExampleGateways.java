package org.caseexchange.gateway.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.caseexchange.gateway.envelope.CmsSecureEnvelope;
import org.caseexchange.gateway.envelope.EnvelopeProperties;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.GatewayIdentityProperties;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties;
import org.springframework.util.unit.DataSize;

/** Canada's gateway and the United States' gateway, each with its own example keys and the other as partner (EC suite). */
public final class ExampleGateways {

    /** One side: its identity, its directory (holding the other side), its envelope. */
    public record Side(
            GatewayIdentity identity, PartnerDirectory directory, Partner partner, CmsSecureEnvelope envelope) {
        static Side of(String self, String selfCountry, String other, Clock clock) {
            return of(self, selfCountry, other, clock, "EC");
        }

        /** @param suite EC or RSA: our keys for it, and the other side's certificates of that suite */
        static Side of(String self, String selfCountry, String other, Clock clock, String suite) {
            String keys = suite.toLowerCase(java.util.Locale.ROOT);
            Map<String, String> settings = new LinkedHashMap<>();
            String own = ExamplePki.SHIPPED.resolve(self) + "/";
            settings.put("gateway.identity.agency-code", self);
            settings.put("gateway.identity.country", selfCountry);
            settings.put("gateway.identity.keystore", own + "gateway-keystore.p12");
            settings.put("gateway.identity.keystore-password-file", own + "keystore.password");
            settings.put("gateway.identity.audit-key.keystore", own + "audit-keystore.p12");
            settings.put("gateway.identity.audit-key.password-file", own + "audit-keystore.password");
            settings.put("gateway.identity.audit-key.alias", "audit");
            settings.put("gateway.identity.tls-key-alias", "tls");
            settings.put("gateway.identity.suites." + suite + ".signing-key-alias", "signing-" + keys);
            settings.put("gateway.identity.suites." + suite + ".encryption-key-aliases[0]", "encryption-" + keys);
            String theirs = ExamplePki.SHIPPED.resolve(other) + "/";
            settings.putAll(ExamplePki.partner(0, other, theirs));
            settings.put("gateway.partners[0].suite", suite);
            settings.put("gateway.partners[0].signing-certificates[0]", theirs + "certs/signing-" + keys + ".pem");
            settings.put(
                    "gateway.partners[0].encryption-certificates[0]", theirs + "certs/encryption-" + keys + ".pem");
            GatewayIdentity identity =
                    new GatewayIdentity(ExamplePki.bind(settings, GatewayIdentityProperties.class, "gateway.identity"));
            PartnerDirectory directory = new PartnerDirectory(
                    ExamplePki.bind(settings, PartnerDirectoryProperties.class, "gateway"), identity);
            CmsSecureEnvelope envelope = new CmsSecureEnvelope(
                    identity,
                    new EnvelopeProperties(DataSize.ofMegabytes(2), Duration.ofDays(30)),
                    clock,
                    new SimpleMeterRegistry());
            return new Side(identity, directory, directory.find(other).orElseThrow(), envelope);
        }
    }

    public static final Path PKI = ExamplePki.SHIPPED;

    private ExampleGateways() {}

    public static Side canada(Clock clock) {
        return Side.of("CAN-IRCC", "CAN", "USA-USCIS", clock);
    }

    public static Side unitedStates(Clock clock) {
        return Side.of("USA-USCIS", "USA", "CAN-IRCC", clock);
    }

    /** A second United States agency, Customs and Border Protection, with Canada (the tests' second partner). */
    public static Side customsAndBorderProtection(Clock clock) {
        return Side.of("USA-CBP", "USA", "CAN-IRCC", clock);
    }

    /** The United States side speaking the given suite (EC or RSA) with Canada. */
    public static Side unitedStates(Clock clock, String suite) {
        return Side.of("USA-USCIS", "USA", "CAN-IRCC", clock, suite);
    }
}
