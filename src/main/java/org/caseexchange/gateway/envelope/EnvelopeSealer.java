package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.Date;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;

/**
 * Seals a payload for a partner exactly as docs/protocol.md describes and as {@code openssl cms}
 * builds it: SignedData with our signing certificate and a signing-time attribute from our clock,
 * DER-encoded as a ContentInfo, then AuthEnvelopedData (AES-256-GCM, 16-byte tag) to the partner's
 * current encryption certificate, with RSA-OAEP SHA-256 or ephemeral-static ECDH and AES-256 key wrap.
 */
final class EnvelopeSealer {

    private final GatewayIdentity identity;
    private final Clock clock;
    private final Provider provider;
    private final ProviderKeys keys;
    private final SecureRandom random = new SecureRandom();
    private final Counter signatures;

    EnvelopeSealer(GatewayIdentity identity, Clock clock, Provider provider, MeterRegistry meters) {
        this.identity = identity;
        this.clock = clock;
        this.provider = provider;
        this.keys = new ProviderKeys(provider);
        this.signatures = PrivateKeyOperations.counter(meters, "sign");
    }

    SealedMessage seal(byte[] payload, Partner recipient) {
        try {
            byte[] signed = sign(payload, recipient.suite());
            return new SealedMessage(encrypt(signed, recipient), signed);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new EnvelopeException(
                    ReasonCode.ENVELOPE_SEAL_FAILED, e.getClass().getSimpleName());
        }
    }

    private byte[] sign(byte[] payload, AlgorithmSuite suite)
            throws OperatorCreationException, GeneralSecurityException, CMSException, IOException {
        X509Certificate certificate = identity.signingCertificate(suite);
        ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(certificate, suite))
                .setProvider(provider)
                .setSecureRandom(random)
                .build(keys.own(identity.signingKey(suite)));
        AttributeTable signingTime = new AttributeTable(
                new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                        .setProvider(provider)
                        .build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                .build(signer, certificate));
        generator.addCertificate(new JcaX509CertificateHolder(certificate));
        signatures.increment();
        return generator
                .generate(new CMSProcessableByteArray(payload), true)
                .toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    private byte[] encrypt(byte[] signed, Partner recipient)
            throws GeneralSecurityException, CMSException, IOException {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipientInfo(recipient.currentEncryptionCertificate(), recipient.suite()));
        var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(provider)
                .setSecureRandom(random)
                .build();
        return generator
                .generate(new CMSProcessableByteArray(signed), encryptor)
                .toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate certificate, AlgorithmSuite suite)
            throws GeneralSecurityException {
        if (suite == AlgorithmSuite.RSA) {
            var oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(
                            PKCSObjectIdentifiers.id_RSAES_OAEP,
                            new OAEPParameterSpec(
                                    "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            return new JceKeyTransRecipientInfoGenerator(certificate, oaep).setProvider(provider);
        }
        ECPublicKey partnerKey = (ECPublicKey) certificate.getPublicKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(ProviderKeys.curveOf(partnerKey), random);
        KeyPair ephemeral = generator.generateKeyPair();
        boolean p384 = partnerKey.getParams().getOrder().bitLength() > 256;
        return new JceKeyAgreeRecipientInfoGenerator(
                        p384 ? CMSAlgorithm.ECDH_SHA384KDF : CMSAlgorithm.ECDH_SHA256KDF,
                        ephemeral.getPrivate(),
                        ephemeral.getPublic(),
                        CMSAlgorithm.AES256_WRAP)
                .addRecipient(certificate)
                .setProvider(provider)
                .setSecureRandom(random);
    }

    private static String signatureAlgorithm(X509Certificate certificate, AlgorithmSuite suite) {
        if (suite == AlgorithmSuite.RSA) {
            return "SHA256withRSAandMGF1"; // RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt
        }
        boolean p384 = ((ECPublicKey) certificate.getPublicKey())
                        .getParams()
                        .getOrder()
                        .bitLength()
                > 256;
        return p384 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
}
