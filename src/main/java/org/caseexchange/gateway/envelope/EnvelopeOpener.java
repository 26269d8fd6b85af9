package org.caseexchange.gateway.envelope;

import java.io.IOException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.MessageSigning;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.Sha256;

/**
 * Opens a sealed message, step by step in the order of docs/protocol.md ("Opening a message"):
 * size and shape, outer structure and algorithms, recipient, decryption, inner structure and
 * algorithms, signer identity, key, signature, key usage, certificate path. The first failing step
 * decides the reason code.
 */
final class EnvelopeOpener {

    private static final List<ASN1ObjectIdentifier> REQUIRED_SIGNED_ATTRIBUTES =
            List.of(CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.signingTime);

    private final long maxMessageBytes;
    private final RecipientKeys recipientKeys;
    private final SignerCertificateValidator certificateValidator;
    private final Provider provider;

    EnvelopeOpener(
            long maxMessageBytes,
            RecipientKeys recipientKeys,
            SignerCertificateValidator certificateValidator,
            Provider provider) {
        this.maxMessageBytes = maxMessageBytes;
        this.recipientKeys = recipientKeys;
        this.certificateValidator = certificateValidator;
        this.provider = provider;
    }

    /** @param expected the partner whose queue the message came from, which must have signed it */
    OpenedEnvelope open(byte[] sealed, Partner expected) {
        if (sealed.length > maxMessageBytes) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_TOO_LARGE);
        }
        Outer outer = structure(() -> outer(sealed), ReasonCode.ENVELOPE_MALFORMED);
        if (expected.suite() != outer.suite()) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED, "not the partner's suite");
        }
        X509Certificate addressee = structure(
                () -> recipientKeys.addressee(outer.recipient(), outer.suite()), ReasonCode.ENVELOPE_MALFORMED);
        byte[] plaintext = recipientKeys.decrypt(outer.recipient(), outer.suite(), addressee);

        Inner inner = structure(() -> inner(plaintext, outer.suite()), ReasonCode.ENVELOPE_MALFORMED);
        Partner sender = sender(inner.agencyCode(), expected);
        if (sender.suite() != outer.suite()) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED, "not the signer's suite");
        }
        if (!outer.suite().permits(inner.signerKey())) {
            throw new EnvelopeException(ReasonCode.CERT_KEY_NOT_ALLOWED);
        }
        verifySignature(inner.signer(), inner.signerKey());
        requireMessageSigning(inner.signerCertificate());
        certificateValidator.validate(inner.signerCertificate(), inner.bundled(), sender);
        return new OpenedEnvelope(
                sender,
                Sha256.fingerprint(inner.signerCertificate()),
                Sha256.fingerprint(addressee),
                inner.signingTime(),
                inner.payload(),
                plaintext);
    }

    /**
     * Verifies SignedData kept as evidence: structure and algorithms of whichever suite it was signed
     * in, the signature, and the signer's path against the given anchors and CRLs at the given time.
     */
    static SignedDataVerifier.Verified verifyKept(
            byte[] signedData, List<X509Certificate> anchors, List<X509CRL> crls, Instant at, Provider provider) {
        EnvelopeOpener opener = new EnvelopeOpener(Long.MAX_VALUE, null, null, provider);
        EnvelopeException refusal = new EnvelopeException(ReasonCode.ENVELOPE_NOT_SIGNED);
        for (AlgorithmSuite suite : AlgorithmSuite.values()) {
            try {
                Inner inner = structure(() -> opener.inner(signedData, suite), ReasonCode.ENVELOPE_MALFORMED);
                if (!suite.permits(inner.signerKey())) {
                    throw new EnvelopeException(ReasonCode.CERT_KEY_NOT_ALLOWED);
                }
                opener.verifySignature(inner.signer(), inner.signerKey());
                requireMessageSigning(inner.signerCertificate());
                SignerCertificateValidator.validate(inner.signerCertificate(), inner.bundled(), anchors, crls, at);
                return new SignedDataVerifier.Verified(
                        inner.payload(),
                        Sha256.fingerprint(inner.signerCertificate()),
                        inner.agencyCode().orElse(null),
                        inner.signingTime());
            } catch (EnvelopeException e) {
                if (e.reason() != ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED) {
                    throw e;
                }
                refusal = e;
            }
        }
        throw refusal;
    }

    /** A certificate for another purpose than signing messages (TLS, audit checkpoints) signs none. */
    private static void requireMessageSigning(X509Certificate certificate) {
        if (!MessageSigning.permits(certificate)) {
            throw new EnvelopeException(ReasonCode.CERT_KEY_USAGE);
        }
    }

    /** The outer layer as far as it can be judged without a private key. */
    private record Outer(AlgorithmSuite suite, RecipientInformation recipient) {}

    /** The signed layer, parsed and checked for structure and algorithms, not yet for trust. */
    private record Inner(
            SignerInformation signer,
            Instant signingTime,
            X509Certificate signerCertificate,
            PublicKey signerKey,
            Optional<String> agencyCode,
            List<X509Certificate> bundled,
            byte[] payload) {}

    private static Outer outer(byte[] sealed) throws CMSException {
        ContentInfo outer = contentInfo(sealed, ReasonCode.ENVELOPE_MALFORMED);
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(outer.getContentType())) {
            throw new EnvelopeException(outerRefusal(outer.getContentType()));
        }
        AlgorithmSuite suite = EnvelopeProfile.checkOuter(AuthEnvelopedData.getInstance(outer.getContent()));
        return new Outer(
                suite,
                new CMSAuthEnvelopedData(outer)
                        .getRecipientInfos()
                        .getRecipients()
                        .iterator()
                        .next());
    }

    private Inner inner(byte[] plaintext, AlgorithmSuite suite) throws CMSException {
        ContentInfo inner = contentInfo(plaintext, ReasonCode.ENVELOPE_NOT_SIGNED);
        if (!CMSObjectIdentifiers.signedData.equals(inner.getContentType())) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_NOT_SIGNED);
        }
        CMSSignedData signed = structure(() -> new CMSSignedData(inner), ReasonCode.ENVELOPE_NOT_SIGNED);
        if (signed.getSignedContent() == null) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_DETACHED_SIGNATURE);
        }
        if (!CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID())) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_MALFORMED, "encapsulated content type");
        }
        if (signed.getSignerInfos().size() != 1) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_SIGNER_COUNT);
        }
        SignerInformation signer = signed.getSignerInfos().iterator().next();
        Instant signingTime = requireSignedAttributes(signer);
        EnvelopeProfile.checkSigner(signer, suite);
        X509Certificate signerCertificate = signerCertificate(signed, signer);
        return new Inner(
                signer,
                signingTime,
                signerCertificate,
                signerCertificate.getPublicKey(),
                agencyCode(signerCertificate),
                certificates(signed),
                (byte[]) signed.getSignedContent().getContent());
    }

    /** Signed only, or encrypted then signed, is "not encrypted"; classic EnvelopedData carries no AEAD cipher. */
    private static ReasonCode outerRefusal(ASN1ObjectIdentifier contentType) {
        if (CMSObjectIdentifiers.signedData.equals(contentType)) {
            return ReasonCode.ENVELOPE_NOT_ENCRYPTED;
        }
        if (CMSObjectIdentifiers.envelopedData.equals(contentType)) {
            return ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED;
        }
        return ReasonCode.ENVELOPE_MALFORMED;
    }

    private static ContentInfo contentInfo(byte[] bytes, ReasonCode reason) {
        if (!DerShape.isWellFormed(bytes)) {
            throw new EnvelopeException(reason, "not one definite-length DER element");
        }
        return structure(() -> ContentInfo.getInstance(ASN1Primitive.fromByteArray(bytes)), reason);
    }

    private static Instant requireSignedAttributes(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_SIGNED_ATTRIBUTES_MISSING);
        }
        for (ASN1ObjectIdentifier required : REQUIRED_SIGNED_ATTRIBUTES) {
            if (attributes.getAll(required).size() != 1) {
                throw new EnvelopeException(ReasonCode.ENVELOPE_SIGNED_ATTRIBUTES_MISSING);
            }
        }
        Attribute signingTime = attributes.get(CMSAttributes.signingTime);
        return structure(
                () -> Time.getInstance(signingTime.getAttrValues().getObjectAt(0))
                        .getDate()
                        .toInstant(),
                ReasonCode.ENVELOPE_SIGNED_ATTRIBUTES_MISSING);
    }

    private X509Certificate signerCertificate(CMSSignedData signed, SignerInformation signer) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.size() != 1) {
            throw new EnvelopeException(ReasonCode.CERT_SIGNER_UNKNOWN);
        }
        return convert(matches.iterator().next());
    }

    private List<X509Certificate> certificates(CMSSignedData signed) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            certificates.add(convert(holder));
        }
        return certificates;
    }

    private X509Certificate convert(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(provider).getCertificate(holder);
        } catch (CertificateException e) {
            throw new EnvelopeException(ReasonCode.CERT_SIGNER_UNKNOWN, "certificate cannot be decoded");
        }
    }

    /**
     * The partner the signer certificate names, which must be the expected one. A code other than the
     * expected partner's is CERT_WRONG_PARTNER (a message signed by one agency and forwarded by
     * another); no code is CERT_SIGNER_UNKNOWN.
     */
    private static Partner sender(Optional<String> agencyCode, Partner expected) {
        String code = agencyCode.orElseThrow(() -> new EnvelopeException(ReasonCode.CERT_SIGNER_UNKNOWN));
        if (!expected.agencyCode().equals(code)) {
            throw new EnvelopeException(ReasonCode.CERT_WRONG_PARTNER);
        }
        return expected;
    }

    /** The partner is named by the signer certificate's one organizationIdentifier, compared exactly. */
    private static Optional<String> agencyCode(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.ORGANIZATION_IDENTIFIER);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return Optional.of(value.toString());
    }

    /** The key alone: BouncyCastle's certificate-based verifier would judge validity at the claimed signing time. */
    private void verifySignature(SignerInformation signer, PublicKey key) {
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(provider)
                    .build(key))) {
                throw new EnvelopeException(ReasonCode.ENVELOPE_SIGNATURE_INVALID);
            }
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            if (e instanceof EnvelopeException refusal) {
                throw refusal;
            }
            throw new EnvelopeException(ReasonCode.ENVELOPE_SIGNATURE_INVALID);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get() throws IOException, CMSException;
    }

    /** Runs a BouncyCastle parse of untrusted bytes; whatever it throws becomes the given reason. */
    private static <T> T structure(Parse<T> parse, ReasonCode reason) {
        try {
            return parse.get();
        } catch (IOException | CMSException | RuntimeException e) {
            if (e instanceof EnvelopeException refusal) {
                throw refusal;
            }
            throw new EnvelopeException(reason, "structure");
        }
    }
}
