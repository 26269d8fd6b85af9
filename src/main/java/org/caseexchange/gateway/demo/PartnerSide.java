package org.caseexchange.gateway.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.caseexchange.gateway.envelope.CmsSecureEnvelope;
import org.caseexchange.gateway.envelope.EnvelopeProperties;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.GatewayIdentityProperties;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The partner agency's own gateway, as far as the demo needs it: its identity from its EXAMPLE keystore,
 * this gateway's agency as its one partner, and its envelope. Configured exactly as a gateway is, so it
 * shares no key or certificate object with the gateway under demonstration.
 */
record PartnerSide(GatewayIdentity identity, Partner counterpart, SecureEnvelope envelope) {

    static PartnerSide of(
            String agencyCode,
            java.nio.file.Path agencyFolder,
            String counterpartCode,
            String counterpartCountry,
            java.nio.file.Path counterpartFolder,
            Clock clock) {
        return of(
                agencyCode, agencyFolder, counterpartCode, counterpartCountry, counterpartFolder, clock, "signing-ec");
    }

    /** @param signingKeyAlias the key of the agency's keystore it signs with (the demo's expired one, for one message) */
    static PartnerSide of(
            String agencyCode,
            java.nio.file.Path agencyFolder,
            String counterpartCode,
            String counterpartCountry,
            java.nio.file.Path counterpartFolder,
            Clock clock,
            String signingKeyAlias) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway.identity.agency-code", agencyCode);
        settings.put("gateway.identity.country", agencyCode.substring(0, 3));
        settings.put(
                "gateway.identity.keystore",
                agencyFolder.resolve("gateway-keystore.p12").toString());
        settings.put(
                "gateway.identity.keystore-password-file",
                agencyFolder.resolve("keystore.password").toString());
        settings.put(
                "gateway.identity.audit-key.keystore",
                agencyFolder.resolve("audit-keystore.p12").toString());
        settings.put(
                "gateway.identity.audit-key.password-file",
                agencyFolder.resolve("audit-keystore.password").toString());
        settings.put("gateway.identity.audit-key.alias", "audit");
        settings.put("gateway.identity.suites.EC.signing-key-alias", signingKeyAlias);
        settings.put("gateway.identity.suites.EC.encryption-key-aliases[0]", "encryption-ec");
        String p = "gateway.partners[0].";
        settings.put(p + "agency-code", counterpartCode);
        settings.put(p + "country", counterpartCountry);
        settings.put(p + "suite", "EC");
        settings.put(
                p + "trust-anchors[0]",
                counterpartFolder.resolve("ca/root-ca.pem").toString());
        settings.put(
                p + "crls[0]", counterpartFolder.resolve("ca/root-ca.crl.pem").toString());
        settings.put(
                p + "signing-certificates[0]",
                counterpartFolder.resolve("certs/signing-ec.pem").toString());
        settings.put(
                p + "encryption-certificates[0]",
                counterpartFolder.resolve("certs/encryption-ec.pem").toString());
        for (String destination :
                new String[] {"requests-in", "responses-out", "queries-out", "answers-in", "disclosures-in"}) {
            settings.put(p + "destinations." + destination, counterpartCode + "." + destination);
        }
        settings.put(p + "annexes[0]", "SMU-CASE-BY-CASE");
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        GatewayIdentity identity = new GatewayIdentity(
                binder.bind("gateway.identity", GatewayIdentityProperties.class).get());
        PartnerDirectory directory = new PartnerDirectory(
                binder.bind("gateway", PartnerDirectoryProperties.class).get(), identity);
        SecureEnvelope envelope = new CmsSecureEnvelope(
                identity,
                new EnvelopeProperties(DataSize.ofMegabytes(2), Duration.ofDays(30)),
                clock,
                new SimpleMeterRegistry());
        return new PartnerSide(identity, directory.find(counterpartCode).orElseThrow(), envelope);
    }
}
