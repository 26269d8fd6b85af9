package org.caseexchange.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.caseexchange.gateway.envelope.PartnerMessage.Signer;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our encryption key is rotated: a new key becomes current and the old one stays in the keystore
 * as the second alias. Partners still sealing to the old certificate are served for the rollover
 * window after the new certificate's notBefore, and refused after it.
 */
class EncryptionKeyRolloverTest {

    private static final char[] PASSWORD = "rollover-test".toCharArray();

    @TempDir
    Path folder;

    private final TestAgency can = TestAgency.example("CAN-IRCC");
    private final TestAgency usa = TestAgency.example("USA-USCIS");

    @ParameterizedTest
    @EnumSource(AlgorithmSuite.class)
    void thePreviousKeyIsAcceptedInsideTheWindowAndRefusedAfterIt(AlgorithmSuite suite) throws Exception {
        String kind = suite.name().toLowerCase();
        Instant rotatedAt = Instant.now().minus(Duration.ofHours(1));
        KeyPair newKey = suite == AlgorithmSuite.EC ? TestAgency.ecKeyPair("secp256r1") : TestAgency.rsaKeyPair(3072);
        X509Certificate newCertificate = can.issue(
                newKey.getPublic(),
                can.subject("CAN-IRCC", "EXAMPLE CAN-IRCC encryption 2"),
                rotatedAt,
                rotatedAt.plus(Duration.ofDays(365)),
                suite == AlgorithmSuite.EC ? TestAgency.KEY_AGREEMENT : TestAgency.KEY_ENCIPHERMENT);
        Path keystore = keystoreWith("encryption-" + kind + "-2", newKey, newCertificate);
        EnvelopeHarness gateway = EnvelopeHarness.canadaWithUsa(
                suite, folder, usa.crl(rotatedAt, rotatedAt.plus(Duration.ofDays(90))), settings -> {
                    settings.put("gateway.identity.keystore", keystore.toString());
                    settings.put(
                            "gateway.identity.keystore-password-file",
                            write("password", new String(PASSWORD)).toString());
                    settings.put(
                            "gateway.identity.suites." + suite + ".encryption-key-aliases[0]",
                            "encryption-" + kind + "-2");
                    settings.put(
                            "gateway.identity.suites." + suite + ".encryption-key-aliases[1]", "encryption-" + kind);
                });
        Signer usaSigner = new Signer(
                usa.key("signing-" + kind),
                usa.certificate("signing-" + kind),
                HostileCorpus.signatureAlgorithm(suite, "SHA256"));
        X509Certificate previous = can.certificate("encryption-" + kind);
        byte[] toPreviousKey = PartnerMessage.signedBy(usaSigner).to(previous).build();
        byte[] toNewKey = PartnerMessage.signedBy(usaSigner).to(newCertificate).build();

        gateway.clock.set(rotatedAt.plus(EnvelopeHarness.ROLLOVER).minus(Duration.ofMinutes(1)));
        assertThat(gateway.envelope.open(toPreviousKey, gateway.usa).recipientKeyId())
                .isEqualTo(Sha256.fingerprint(previous));

        gateway.clock.set(rotatedAt.plus(EnvelopeHarness.ROLLOVER).plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> gateway.envelope.open(toPreviousKey, gateway.usa))
                .isInstanceOfSatisfying(
                        EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.ENVELOPE_RECIPIENT_UNKNOWN));
        assertThat(gateway.envelope.open(toNewKey, gateway.usa).recipientKeyId())
                .isEqualTo(Sha256.fingerprint(newCertificate));
    }

    /** The example keystore of CAN-IRCC plus one more key entry. */
    private Path keystoreWith(String alias, KeyPair key, X509Certificate certificate) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        for (String existing : new String[] {"signing-ec", "signing-rsa", "encryption-ec", "encryption-rsa"}) {
            keyStore.setKeyEntry(existing, can.key(existing), PASSWORD, new Certificate[] {can.certificate(existing)});
        }
        keyStore.setKeyEntry(alias, key.getPrivate(), PASSWORD, new Certificate[] {certificate});
        Path file = folder.resolve("rotated.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD);
        }
        return file;
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(folder.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
