package org.caseexchange.gateway.envelope;

import static org.caseexchange.gateway.protocol.ReasonCode.CERT_EXPIRED;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_KEY_NOT_ALLOWED;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_KEY_USAGE;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_NOT_YET_VALID;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_REVOCATION_STATUS_UNKNOWN;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_REVOKED;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_SIGNER_UNKNOWN;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_UNTRUSTED;
import static org.caseexchange.gateway.protocol.ReasonCode.CERT_WRONG_PARTNER;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_DECRYPTION_FAILED;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_DETACHED_SIGNATURE;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_MALFORMED;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_NOT_ENCRYPTED;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_NOT_SIGNED;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_RECIPIENT_COUNT;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_RECIPIENT_UNKNOWN;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_SIGNATURE_INVALID;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_SIGNED_ATTRIBUTES_MISSING;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_SIGNER_COUNT;
import static org.caseexchange.gateway.protocol.ReasonCode.ENVELOPE_TOO_LARGE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.caseexchange.gateway.envelope.PartnerMessage.Layering;
import org.caseexchange.gateway.envelope.PartnerMessage.Signer;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;

/**
 * One message per defect, each otherwise a good message from USA-USCIS to CAN-IRCC on the given
 * suite, built now with certificates dated relative to now. Each fixture names the one reason code
 * it must be refused with, and whether refusing it may take a private-key operation (only defects
 * that can be seen after decryption may).
 */
public final class HostileCorpus {

    public record Fixture(String name, byte[] bytes, ReasonCode expected, boolean decrypts, Duration openedLater) {
        @Override
        public String toString() {
            return name;
        }
    }

    final EnvelopeHarness harness;
    public final List<Fixture> fixtures = new ArrayList<>();
    final byte[] good;

    private final TestAgency usa = TestAgency.example("USA-USCIS");
    private final TestAgency can = TestAgency.example("CAN-IRCC");
    private final String kind;
    private final Signer signer;
    private final X509Certificate ours;

    public HostileCorpus(AlgorithmSuite suite, Path folder) {
        kind = suite.name().toLowerCase();
        signer = new Signer(
                usa.key("signing-" + kind), usa.certificate("signing-" + kind), signatureAlgorithm(suite, "SHA256"));
        ours = can.certificate("encryption-" + kind);
        Instant now = Instant.now();
        PublicKey signingKey = signer.certificate().getPublicKey();
        X500Name usaSigner = X500Name.getInstance(
                signer.certificate().getSubjectX500Principal().getEncoded());
        Duration day = Duration.ofDays(1);
        X509Certificate revoked = usa.issue(
                signingKey, usaSigner, now.minus(day), now.plus(day.multipliedBy(365)), TestAgency.DIGITAL_SIGNATURE);
        harness = EnvelopeHarness.canadaWithUsa(
                suite,
                folder,
                usa.crl(now.minus(Duration.ofHours(1)), now.plus(EnvelopeHarness.CRL_LIFETIME), revoked));
        good = valid().build();

        add(
                "not-cms",
                "<caseQuery>not CMS at all</caseQuery>".getBytes(StandardCharsets.UTF_8),
                ENVELOPE_MALFORMED,
                false);
        add("truncated-der", Arrays.copyOf(good, good.length / 2), ENVELOPE_MALFORMED, false);
        add("indefinite-length-ber", indefiniteLength(good), ENVELOPE_MALFORMED, false);
        add("deeply-nested", deeplyNested(5000), ENVELOPE_MALFORMED, false);
        add("trailing-bytes", Arrays.copyOf(good, good.length + 2), ENVELOPE_MALFORMED, false);
        add(
                "oversize",
                valid().payload(new byte[(int) EnvelopeHarness.MAX_MESSAGE_SIZE.toBytes()])
                        .build(),
                ENVELOPE_TOO_LARGE,
                false);
        add("signed-but-not-encrypted", valid().layering(Layering.SIGN_ONLY).build(), ENVELOPE_NOT_ENCRYPTED, false);
        add(
                "encrypted-but-not-signed",
                PartnerMessage.unsigned()
                        .to(ours)
                        .layering(Layering.ENCRYPT_ONLY)
                        .build(),
                ENVELOPE_NOT_SIGNED,
                true);
        add("encrypt-then-sign", valid().layering(Layering.ENCRYPT_THEN_SIGN).build(), ENVELOPE_NOT_ENCRYPTED, false);
        add("detached-signature", valid().detached().build(), ENVELOPE_DETACHED_SIGNATURE, true);
        add(
                "pkcs1-v1_5-key-transport",
                PartnerMessage.signedBy(signer)
                        .to(can.certificate("encryption-rsa"))
                        .pkcs1KeyTransport()
                        .build(),
                ENVELOPE_ALGORITHM_NOT_ALLOWED,
                false);
        add("aes-cbc-content-encryption", valid().aesCbc().build(), ENVELOPE_ALGORITHM_NOT_ALLOWED, false);
        add("short-gcm-tag", Tamper.shortenTag(good), ENVELOPE_ALGORITHM_NOT_ALLOWED, false);
        add("bit-flipped-ciphertext", Tamper.flipBitInCiphertext(good), ENVELOPE_DECRYPTION_FAILED, true);
        add("bit-flipped-tag", Tamper.flipBitInTag(good), ENVELOPE_DECRYPTION_FAILED, true);
        add("bit-flipped-wrapped-key", Tamper.flipBitInWrappedKey(good), ENVELOPE_DECRYPTION_FAILED, true);
        add(
                "wrong-recipient",
                PartnerMessage.signedBy(signer)
                        .to(usa.certificate("encryption-" + kind))
                        .build(),
                ENVELOPE_RECIPIENT_UNKNOWN,
                false);
        add(
                "extra-recipient",
                valid().to(usa.certificate("encryption-" + kind)).build(),
                ENVELOPE_RECIPIENT_COUNT,
                false);
        add("zero-signers", PartnerMessage.unsigned().to(ours).build(), ENVELOPE_SIGNER_COUNT, true);
        add("two-signers", valid().alsoSignedBy(signer).build(), ENVELOPE_SIGNER_COUNT, true);
        add("signing-time-missing", valid().withoutSigningTime().build(), ENVELOPE_SIGNED_ATTRIBUTES_MISSING, true);
        add("unknown-signer", valid().withoutSignerCertificate().build(), CERT_SIGNER_UNKNOWN, true);
        add(
                "content-changed-after-signing",
                valid().afterSigning(
                                signed -> Tamper.flipBitInside(signed, "EXAMPLE".getBytes(StandardCharsets.US_ASCII)))
                        .build(),
                ENVELOPE_SIGNATURE_INVALID,
                true);
        add(
                "sha1-digest",
                signedWith(new Signer(signer.key(), signer.certificate(), signatureAlgorithm(suite, "SHA1"))),
                ENVELOPE_ALGORITHM_NOT_ALLOWED,
                true);
        KeyPair weak = suite == AlgorithmSuite.RSA ? TestAgency.rsaKeyPair(2048) : TestAgency.ecKeyPair("secp224r1");
        add(
                suite == AlgorithmSuite.RSA ? "rsa-2048-signer" : "p-224-signer",
                signedWith(
                        weak,
                        usa.issue(
                                weak.getPublic(),
                                usaSigner,
                                now.minus(day),
                                now.plus(day),
                                TestAgency.DIGITAL_SIGNATURE)),
                CERT_KEY_NOT_ALLOWED,
                true);
        add(
                "expired-signer",
                signedBy(usa.issue(
                        signingKey,
                        usaSigner,
                        now.minus(day.multipliedBy(30)),
                        now.minus(day),
                        TestAgency.DIGITAL_SIGNATURE)),
                CERT_EXPIRED,
                true);
        X509Certificate expired = usa.issue(
                signingKey, usaSigner, now.minus(day.multipliedBy(30)), now.minus(day), TestAgency.DIGITAL_SIGNATURE);
        add(
                "expired-signer-backdated-signing-time",
                PartnerMessage.signedBy(new Signer(signer.key(), expired, signer.algorithm()))
                        .to(ours)
                        .claimingSigningTime(now.minus(day.multipliedBy(10)))
                        .build(),
                CERT_EXPIRED,
                true);
        add(
                "not-yet-valid-signer",
                signedBy(usa.issue(
                        signingKey,
                        usaSigner,
                        now.plus(day),
                        now.plus(day.multipliedBy(30)),
                        TestAgency.DIGITAL_SIGNATURE)),
                CERT_NOT_YET_VALID,
                true);
        add("revoked-signer", signedBy(revoked), CERT_REVOKED, true);
        fixtures.add(new Fixture(
                "crl-stale", good, CERT_REVOCATION_STATUS_UNKNOWN, true, EnvelopeHarness.CRL_LIFETIME.plus(day)));
        TestAgency lookalikeCa = TestAgency.newAuthority(
                X500Name.getInstance(usa.root().getSubjectX500Principal().getEncoded()));
        add(
                "lookalike-certificate-from-another-ca",
                signedBy(lookalikeCa.issue(
                        signingKey, usaSigner, now.minus(day), now.plus(day), TestAgency.DIGITAL_SIGNATURE)),
                CERT_UNTRUSTED,
                true);
        add(
                "same-ca-another-agency",
                signedBy(usa.issue(
                        signingKey,
                        usa.subject("USA-CBP", "EXAMPLE USA-CBP gateway signing"),
                        now.minus(day),
                        now.plus(day),
                        TestAgency.DIGITAL_SIGNATURE)),
                CERT_WRONG_PARTNER,
                true);
        add(
                "signer-without-digital-signature",
                signedBy(usa.issue(
                        signingKey,
                        usaSigner,
                        now.minus(day),
                        now.plus(day),
                        org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation)),
                CERT_KEY_USAGE,
                true);
        add(
                "signed-with-the-partners-tls-client-certificate",
                signedBy(usa.issue(
                        signingKey,
                        usaSigner,
                        now.minus(day),
                        now.plus(day),
                        org.bouncycastle.asn1.x509.KeyUsage.digitalSignature,
                        org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth,
                        org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)),
                CERT_KEY_USAGE,
                true);
        add(
                "signed-with-a-certificate-of-no-extended-key-usage",
                signedBy(usa.issue(
                        signingKey,
                        usaSigner,
                        now.minus(day),
                        now.plus(day),
                        TestAgency.DIGITAL_SIGNATURE,
                        new org.bouncycastle.asn1.x509.KeyPurposeId[0])),
                CERT_KEY_USAGE,
                true);
    }

    /** A good message from USA-USCIS to us, to which one defect is added. */
    PartnerMessage valid() {
        return PartnerMessage.signedBy(signer).to(ours);
    }

    Signer signer() {
        return signer;
    }

    /** Signed with USA-USCIS's real key, under another certificate for it. */
    private byte[] signedBy(X509Certificate certificate) {
        return signedWith(new Signer(signer.key(), certificate, signer.algorithm()));
    }

    private byte[] signedWith(KeyPair key, X509Certificate certificate) {
        return signedWith(new Signer(key.getPrivate(), certificate, signer.algorithm()));
    }

    private byte[] signedWith(Signer other) {
        return PartnerMessage.signedBy(other).to(ours).build();
    }

    /** The good message's content wrapped in an indefinite-length SEQUENCE, as a BER streaming encoder would. */
    private static byte[] indefiniteLength(byte[] der) {
        int headerLength = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
        byte[] ber = new byte[der.length - headerLength + 4];
        ber[0] = 0x30;
        ber[1] = (byte) 0x80;
        System.arraycopy(der, headerLength, ber, 2, der.length - headerLength);
        return ber; // ends with the two zero bytes of end-of-contents
    }

    /** SEQUENCEs inside SEQUENCEs, deeper than any recursive parser's stack should be trusted with. */
    private static byte[] deeplyNested(int depth) {
        byte[] nested = {0x05, 0x00};
        for (int i = 0; i < depth; i++) {
            int length = nested.length;
            byte[] header = length < 0x80
                    ? new byte[] {0x30, (byte) length}
                    : length < 0x100
                            ? new byte[] {0x30, (byte) 0x81, (byte) length}
                            : length < 0x10000
                                    ? new byte[] {0x30, (byte) 0x82, (byte) (length >> 8), (byte) length}
                                    : new byte[] {
                                        0x30, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length
                                    };
            byte[] outer = Arrays.copyOf(header, header.length + length);
            System.arraycopy(nested, 0, outer, header.length, length);
            nested = outer;
        }
        return nested;
    }

    private void add(String name, byte[] bytes, ReasonCode expected, boolean decrypts) {
        fixtures.add(new Fixture(name, bytes, expected, decrypts, Duration.ZERO));
    }

    static String signatureAlgorithm(AlgorithmSuite suite, String digest) {
        return suite == AlgorithmSuite.EC
                ? digest + "withECDSA"
                : digest.equals("SHA1") ? "SHA1withRSA" : digest + "withRSAandMGF1";
    }
}
