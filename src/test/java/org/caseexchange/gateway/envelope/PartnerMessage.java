package org.caseexchange.gateway.envelope;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A message as a partner (or an attacker) might build it, with every knob of the profile exposed so
 * that each hostile fixture differs from a good message in exactly one defect.
 */
final class PartnerMessage {

    enum Layering {
        SIGN_THEN_ENCRYPT,
        SIGN_ONLY,
        ENCRYPT_ONLY,
        ENCRYPT_THEN_SIGN
    }

    record Signer(PrivateKey key, X509Certificate certificate, String algorithm) {}

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private byte[] payload = "<caseQuery>EXAMPLE</caseQuery>".getBytes(StandardCharsets.UTF_8);
    private List<Signer> signers = new ArrayList<>();
    private List<X509Certificate> recipients = new ArrayList<>();
    private boolean includeSignerCertificates = true;
    private boolean signingTime = true;
    private Instant claimedSigningTime;
    private boolean detached;
    private boolean oaep = true;
    private boolean cbc;
    private Layering layering = Layering.SIGN_THEN_ENCRYPT;
    private UnaryOperator<byte[]> afterSigning = UnaryOperator.identity();
    private UnaryOperator<byte[]> afterSealing = UnaryOperator.identity();

    static PartnerMessage signedBy(Signer signer) {
        PartnerMessage message = new PartnerMessage();
        message.signers.add(signer);
        return message;
    }

    static PartnerMessage unsigned() {
        return new PartnerMessage();
    }

    PartnerMessage to(X509Certificate... recipientCertificates) {
        recipients.addAll(List.of(recipientCertificates));
        return this;
    }

    PartnerMessage payload(byte[] content) {
        payload = content.clone();
        return this;
    }

    PartnerMessage alsoSignedBy(Signer signer) {
        signers.add(signer);
        return this;
    }

    PartnerMessage withoutSignerCertificate() {
        includeSignerCertificates = false;
        return this;
    }

    PartnerMessage withoutSigningTime() {
        signingTime = false;
        return this;
    }

    /** A signing-time attribute of the sender's choosing, as a forger backdating a message would set it. */
    PartnerMessage claimingSigningTime(Instant time) {
        claimedSigningTime = time;
        return this;
    }

    PartnerMessage detached() {
        detached = true;
        return this;
    }

    PartnerMessage pkcs1KeyTransport() {
        oaep = false;
        return this;
    }

    PartnerMessage aesCbc() {
        cbc = true;
        return this;
    }

    PartnerMessage layering(Layering order) {
        layering = order;
        return this;
    }

    PartnerMessage afterSigning(UnaryOperator<byte[]> change) {
        afterSigning = change;
        return this;
    }

    PartnerMessage afterSealing(UnaryOperator<byte[]> change) {
        afterSealing = change;
        return this;
    }

    byte[] build() {
        try {
            byte[] result = switch (layering) {
                case SIGN_THEN_ENCRYPT -> encrypt(afterSigning.apply(sign(payload, CMSObjectIdentifiers.data)));
                case SIGN_ONLY -> afterSigning.apply(sign(payload, CMSObjectIdentifiers.data));
                case ENCRYPT_ONLY -> encrypt(payload);
                case ENCRYPT_THEN_SIGN -> sign(encrypt(payload), CMSObjectIdentifiers.authEnvelopedData);
            };
            return afterSealing.apply(result);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test message", e);
        }
    }

    private byte[] sign(byte[] content, ASN1ObjectIdentifier contentType) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        for (Signer signer : signers) {
            var builder = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build());
            if (!signingTime) {
                CMSAttributeTableGenerator withoutTime = parameters -> new DefaultSignedAttributeTableGenerator()
                        .getAttributes(parameters)
                        .remove(CMSAttributes.signingTime);
                builder.setSignedAttributeGenerator(withoutTime);
            } else if (claimedSigningTime != null) {
                var time = new AttributeTable(
                        new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(claimedSigningTime)))));
                builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(time));
            }
            generator.addSignerInfoGenerator(builder.build(
                    new JcaContentSignerBuilder(signer.algorithm())
                            .setProvider(BC)
                            .build(signer.key()),
                    signer.certificate()));
            if (includeSignerCertificates) {
                generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            }
        }
        return generator
                .generate(new CMSProcessableByteArray(contentType, content), !detached)
                .toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    private byte[] encrypt(byte[] content) throws Exception {
        if (cbc) {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            for (X509Certificate recipient : recipients) {
                generator.addRecipientInfoGenerator(recipientInfo(recipient));
            }
            return generator
                    .generate(
                            new CMSProcessableByteArray(content),
                            new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                                    .setProvider(BC)
                                    .build())
                    .toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        }
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        for (X509Certificate recipient : recipients) {
            generator.addRecipientInfoGenerator(recipientInfo(recipient));
        }
        var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(BC)
                .build();
        return generator
                .generate(new CMSProcessableByteArray(content), encryptor)
                .toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws Exception {
        if (recipient.getPublicKey() instanceof ECPublicKey ec) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(ec.getParams());
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(
                            CMSAlgorithm.ECDH_SHA256KDF,
                            ephemeral.getPrivate(),
                            ephemeral.getPublic(),
                            CMSAlgorithm.AES256_WRAP)
                    .addRecipient(recipient)
                    .setProvider(BC);
        }
        if (!oaep) {
            return new JceKeyTransRecipientInfoGenerator(recipient).setProvider(BC);
        }
        var parameters = new JcaAlgorithmParametersConverter()
                .getAlgorithmIdentifier(
                        PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return new JceKeyTransRecipientInfoGenerator(recipient, parameters).setProvider(BC);
    }
}
