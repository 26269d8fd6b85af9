package org.caseexchange.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.caseexchange.gateway.support.ExamplePki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

/** The partner directory and our identity load from valid settings and refuse each kind of bad one by key. */
class TrustConfigurationTest {

    /** Not a {@code @Configuration}: check-config's scan of this package, on the test class path, would find it. */
    @EnableConfigurationProperties({
        GatewayIdentityProperties.class,
        PartnerDirectoryProperties.class,
        ExpiryWarningProperties.class
    })
    @Import(TrustConfiguration.class)
    static class TrustOnly {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(TrustOnly.class)
            .withBean(Clock.class, Clock::systemUTC);

    @TempDir
    Path temp;

    @Test
    void loadsTheExamplePartnerDirectoryAndIdentity() {
        run(Map.of(), context -> {
            assertThat(context).hasNotFailed();
            GatewayIdentity identity = context.getBean(GatewayIdentity.class);
            Partner usa =
                    context.getBean(PartnerDirectory.class).find("USA-USCIS").orElseThrow();
            assertThat(identity.agencyCode()).isEqualTo("CAN-IRCC");
            assertThat(identity.suites()).containsExactlyInAnyOrder(AlgorithmSuite.EC, AlgorithmSuite.RSA);
            assertThat(identity.certificatesByAlias())
                    .containsOnlyKeys("signing-ec", "encryption-ec", "signing-rsa", "encryption-rsa", "audit");
            assertThat(usa.suite()).isEqualTo(AlgorithmSuite.EC);
            assertThat(usa.signingCertificates()).hasSize(1);
            assertThat(usa.currentEncryptionCertificate()
                            .getSubjectX500Principal()
                            .getName())
                    .contains("USA-USCIS gateway encryption (EC)");
            assertThat(usa.isConfiguredWith("SMU-CASE-BY-CASE")).isTrue();
            assertThat(usa.isConfiguredWith("ANNEX-9")).isFalse();
        });
    }

    @Test
    void refusesAMissingKeystore() {
        assertRefused(
                Map.of("gateway.identity.keystore", "no/such/keystore.p12"),
                "gateway.identity.keystore: file not found");
    }

    @Test
    void refusesAWrongKeystorePassword() throws Exception {
        Path wrong = Files.writeString(temp.resolve("password"), "not-the-password");
        assertRefused(
                Map.of("gateway.identity.keystore-password-file", wrong.toString()),
                "gateway.identity.keystore: cannot open the PKCS#12 keystore");
    }

    @Test
    void refusesAnUnknownKeyAlias() {
        assertRefused(
                Map.of("gateway.identity.suites.EC.signing-key-alias", "signing-xx"),
                "gateway.identity.suites.EC.signing-key-alias: no private-key entry 'signing-xx'");
    }

    @Test
    void refusesAnEncryptionKeyConfiguredForSigning() {
        assertRefused(
                Map.of(
                        "gateway.identity.suites.EC.signing-key-alias",
                        "encryption-ec",
                        "gateway.identity.suites.EC.encryption-key-aliases[0]",
                        "signing-ec"),
                "gateway.identity.suites.EC.signing-key-alias: certificate lacks the digitalSignature key usage");
    }

    @Test
    void refusesAnRsaKeyInTheEcSuite() {
        assertRefused(
                Map.of(
                        "gateway.identity.suites.EC.signing-key-alias",
                        "signing-rsa",
                        "gateway.identity.suites.RSA.signing-key-alias",
                        "signing-ec"),
                "gateway.identity.suites.EC.signing-key-alias: certificate key is RSA, the partner's suite needs EC");
    }

    @Test
    void refusesTheSameKeyForTwoRoles() {
        assertRefused(
                Map.of("gateway.identity.suites.EC.encryption-key-aliases[0]", "signing-ec"),
                "gateway.identity.suites.EC.encryption-key-aliases[0]: key alias 'signing-ec' is already used for another role");
    }

    @Test
    void refusesTheAuditKeyInTheMessagingKeystore() {
        assertRefused(
                Map.of("gateway.identity.audit-key.keystore", "certs-example/CAN-IRCC/gateway-keystore.p12"),
                "gateway.identity.audit-key.keystore: is the messaging keystore; the audit key must live in a keystore of its own");
    }

    @Test
    void refusesTheMessagingPasswordForTheAuditKeystore() {
        assertRefused(
                Map.of("gateway.identity.audit-key.password-file", "certs-example/CAN-IRCC/keystore.password"),
                "gateway.identity.audit-key.password-file: is the messaging keystore's password file");
    }

    @Test
    void refusesAMessagingKeyCopiedIntoTheAuditKeystore() throws Exception {
        char[] messagingPassword = Files.readString(Path.of("certs-example/CAN-IRCC/keystore.password"))
                .strip()
                .toCharArray();
        KeyStore messaging = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("certs-example/CAN-IRCC/gateway-keystore.p12"))) {
            messaging.load(in, messagingPassword);
        }
        char[] auditPassword = "another-password".toCharArray();
        KeyStore copy = KeyStore.getInstance("PKCS12");
        copy.load(null, null);
        copy.setKeyEntry(
                "audit",
                messaging.getKey("signing-ec", messagingPassword),
                auditPassword,
                messaging.getCertificateChain("signing-ec"));
        Path keystore = temp.resolve("audit.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            copy.store(out, auditPassword);
        }
        Path password = Files.writeString(temp.resolve("audit.password"), new String(auditPassword));

        assertRefused(
                Map.of(
                        "gateway.identity.audit-key.keystore",
                        keystore.toString(),
                        "gateway.identity.audit-key.password-file",
                        password.toString()),
                "gateway.identity.audit-key.alias: the audit key is also the messaging key 'signing-ec'");
    }

    @Test
    void refusesAMissingAuditKeystore() {
        assertRefused(
                Map.of("gateway.identity.audit-key.keystore", ABSENT),
                "gateway.identity.audit-key.keystore: required when the type is PKCS12");
    }

    @Test
    void refusesATokenWithoutItsConfiguration() {
        assertRefused(
                Map.of("gateway.identity.audit-key.type", "PKCS11"),
                "gateway.identity.audit-key.pkcs11-config: required when the type is PKCS11");
    }

    @Test
    void refusesAPartnerCertificateIssuedByAnotherCa() {
        assertRefused(
                Map.of("gateway.partners[0].signing-certificates[0]", "certs-example/CAN-IRCC/certs/signing-ec.pem"),
                "gateway.partners[0].signing-certificates[0]: certificate does not chain to the configured trust anchors");
    }

    @Test
    void refusesAPartnerSigningCertificateWithoutDigitalSignature() {
        assertRefused(
                Map.of(
                        "gateway.partners[0].signing-certificates[0]",
                        "certs-example/USA-USCIS/certs/encryption-ec.pem"),
                "gateway.partners[0].signing-certificates[0]: certificate lacks the digitalSignature key usage");
    }

    @Test
    void refusesAPartnerCertificateForAnotherPurposeThanSigningMessages() {
        assertRefused(
                Map.of("gateway.partners[0].signing-certificates[0]", "certs-example/USA-USCIS/certs/tls.pem"),
                "gateway.partners[0].signing-certificates[0]: certificate lacks the emailProtection extended key usage that message signing needs");
        assertRefused(
                Map.of("gateway.partners[0].signing-certificates[0]", "certs-example/USA-USCIS/certs/audit.pem"),
                "gateway.partners[0].signing-certificates[0]: certificate lacks the emailProtection extended key usage that message signing needs");
    }

    @Test
    void refusesACrlFromAnotherCa() {
        assertRefused(
                Map.of("gateway.partners[0].crls[0]", "certs-example/CAN-IRCC/ca/root-ca.crl.pem"),
                "gateway.partners[0].crls[0]: CRL issuer is none of the configured trust anchors");
    }

    @Test
    void refusesAMissingTrustAnchorFile() {
        assertRefused(
                Map.of("gateway.partners[0].trust-anchors[0]", "certs-example/USA-USCIS/ca/missing.pem"),
                "gateway.partners[0].trust-anchors[0]: file not found");
    }

    @Test
    void refusesAFileThatIsNotACertificate() {
        assertRefused(
                Map.of("gateway.partners[0].encryption-certificates[0]", "certs-example/USA-USCIS/keystore.password"),
                "gateway.partners[0].encryption-certificates[0]: not a readable X.509 certificate file");
    }

    @Test
    void refusesAMalformedAgencyCode() {
        assertRefused(
                Map.of("gateway.partners[0].agency-code", "usa uscis"),
                "field 'partners[0].agencyCode': rejected value [usa uscis]");
    }

    @Test
    void refusesAPartnerWithOurOwnAgencyCode() {
        assertRefused(
                Map.of("gateway.partners[0].agency-code", "CAN-IRCC"),
                "gateway.partners[0].agency-code: a partner cannot be this gateway's own agency");
    }

    @Test
    void refusesAPartnerConfiguredTwice() {
        assertRefused(
                ExamplePki.partner(1, "USA-USCIS", "certs-example/USA-USCIS/"),
                "gateway.partners[1].agency-code: partner USA-USCIS is configured twice");
    }

    @Test
    void refusesOneQueueForTwoPurposes() {
        assertRefused(
                Map.of("gateway.partners[0].destinations.responses-out", "USA-USCIS.requests-in.0"),
                "gateway.partners[0].destinations: each destination must be a different queue");
    }

    @Test
    void refusesADestinationWithBrokerWildcards() {
        assertRefused(
                Map.of("gateway.partners[0].destinations.responses-out", "USA-USCIS.>"),
                "field 'partners[0].destinations.responsesOut': rejected value [USA-USCIS.>]");
    }

    @Test
    void refusesAPartnerSuiteWeHoldNoKeysFor() {
        Map<String, String> rsaPartner = Map.of(
                "gateway.partners[0].suite", "RSA",
                "gateway.partners[0].signing-certificates[0]", "certs-example/USA-USCIS/certs/signing-rsa.pem",
                "gateway.partners[0].encryption-certificates[0]", "certs-example/USA-USCIS/certs/encryption-rsa.pem",
                "gateway.identity.suites.RSA.signing-key-alias", ABSENT,
                "gateway.identity.suites.RSA.encryption-key-aliases[0]", ABSENT);
        assertRefused(rsaPartner, "gateway.partners[0].suite: suite RSA needs keys under gateway.identity.suites.RSA");
    }

    private static final String ABSENT = "<absent>";

    private void assertRefused(Map<String, String> overrides, String expectedMessage) {
        run(overrides, context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(expectedMessage);
        });
    }

    private void run(
            Map<String, String> overrides,
            Consumer<org.springframework.boot.test.context.assertj.AssertableApplicationContext> check) {
        Map<String, String> settings = ExamplePki.settings(ExamplePki.SHIPPED);
        settings.put("gateway.health.expiry-warning.certificates", "30d");
        settings.put("gateway.health.expiry-warning.crls", "2d");
        settings.putAll(overrides);
        settings.values().removeIf(ABSENT::equals);
        String[] pairs = settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        runner.withPropertyValues(pairs).run(check::accept);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
