package org.caseexchange.gateway.envelope;

import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.SignerInformation;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;

/**
 * The algorithms of the envelope profile (docs/protocol.md, "Envelope"), decided from the
 * AlgorithmIdentifiers alone. The outer checks run before any private-key operation, so a message
 * with a weak or unexpected algorithm never reaches our keys; the inner checks run before any
 * signature verification. Everything not listed is refused: there is no negotiation.
 */
final class EnvelopeProfile {

    static final int GCM_NONCE_BYTES = 12;
    static final int GCM_TAG_BYTES = 16;

    private static final Set<ASN1ObjectIdentifier> KEY_AGREEMENTS =
            Set.of(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.ECDH_SHA384KDF);

    private EnvelopeProfile() {}

    /**
     * Checks the outer layer and tells which suite its single recipient info belongs to.
     *
     * @throws EnvelopeException ENVELOPE_RECIPIENT_COUNT or ENVELOPE_ALGORITHM_NOT_ALLOWED
     */
    static AlgorithmSuite checkOuter(AuthEnvelopedData envelope) {
        if (envelope.getRecipientInfos().size() != 1) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_RECIPIENT_COUNT);
        }
        checkContentEncryption(envelope);
        ASN1Encodable info = RecipientInfo.getInstance(
                        envelope.getRecipientInfos().getObjectAt(0))
                .getInfo();
        if (info instanceof KeyTransRecipientInfo keyTransport) {
            requireOaepSha256(keyTransport.getKeyEncryptionAlgorithm());
            return AlgorithmSuite.RSA;
        }
        if (info instanceof KeyAgreeRecipientInfo keyAgreement) {
            requireEcdhWithAesWrap(keyAgreement);
            return AlgorithmSuite.EC;
        }
        throw refused("recipient info type"); // KEK, password and other recipient infos are not in the profile
    }

    /** The signer's digest and signature algorithms, and that they belong to the suite. */
    static void checkSigner(SignerInformation signer, AlgorithmSuite suite) {
        ASN1ObjectIdentifier digest = signer.getDigestAlgorithmID().getAlgorithm();
        ASN1ObjectIdentifier signature = new ASN1ObjectIdentifier(signer.getEncryptionAlgOID());
        if (!NISTObjectIdentifiers.id_sha256.equals(digest) && !NISTObjectIdentifiers.id_sha384.equals(digest)) {
            throw refused("digest");
        }
        boolean allowed = switch (suite) {
            case EC ->
                signature.equals(
                        digest.equals(NISTObjectIdentifiers.id_sha256)
                                ? X9ObjectIdentifiers.ecdsa_with_SHA256
                                : X9ObjectIdentifiers.ecdsa_with_SHA384);
            case RSA ->
                digest.equals(NISTObjectIdentifiers.id_sha256)
                        && (signature.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)
                                || signature.equals(PKCSObjectIdentifiers.rsaEncryption)
                                || isPssSha256(signature, signer.getEncryptionAlgParams()));
        };
        if (!allowed) {
            throw refused("signature");
        }
    }

    private static boolean isPssSha256(ASN1ObjectIdentifier signature, byte[] encodedParameters) {
        if (!PKCSObjectIdentifiers.id_RSASSA_PSS.equals(signature) || encodedParameters == null) {
            return false;
        }
        RSASSAPSSparams parameters = RSASSAPSSparams.getInstance(encodedParameters);
        return parameters.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
                && isMgf1Sha256(parameters.getMaskGenAlgorithm())
                && parameters.getSaltLength().intValueExact() >= 32
                && parameters.getTrailerField().intValueExact() == 1;
    }

    private static void checkContentEncryption(AuthEnvelopedData envelope) {
        EncryptedContentInfo content = envelope.getAuthEncryptedContentInfo();
        AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
        if (!CMSAlgorithm.AES256_GCM.equals(algorithm.getAlgorithm()) || algorithm.getParameters() == null) {
            throw refused("content encryption");
        }
        GCMParameters gcm = GCMParameters.getInstance(algorithm.getParameters());
        if (gcm.getNonce().length != GCM_NONCE_BYTES
                || gcm.getIcvLen() != GCM_TAG_BYTES
                || envelope.getMac().getOctets().length != GCM_TAG_BYTES) {
            throw refused("GCM parameters");
        }
        if (!CMSObjectIdentifiers.data.equals(content.getContentType()) || content.getEncryptedContent() == null) {
            throw refused("encrypted content type");
        }
    }

    private static void requireOaepSha256(AlgorithmIdentifier keyEncryption) {
        if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(keyEncryption.getAlgorithm())
                || keyEncryption.getParameters() == null) {
            throw refused("key transport");
        }
        RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(keyEncryption.getParameters());
        boolean defaultLabel = oaep.getPSourceAlgorithm().equals(RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM);
        if (!oaep.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
                || !isMgf1Sha256(oaep.getMaskGenAlgorithm())
                || !defaultLabel) {
            throw refused("OAEP parameters");
        }
    }

    private static boolean isMgf1Sha256(AlgorithmIdentifier maskGeneration) {
        return PKCSObjectIdentifiers.id_mgf1.equals(maskGeneration.getAlgorithm())
                && AlgorithmIdentifier.getInstance(maskGeneration.getParameters())
                        .getAlgorithm()
                        .equals(NISTObjectIdentifiers.id_sha256);
    }

    private static void requireEcdhWithAesWrap(KeyAgreeRecipientInfo keyAgreement) {
        AlgorithmIdentifier keyEncryption = keyAgreement.getKeyEncryptionAlgorithm();
        if (!KEY_AGREEMENTS.contains(keyEncryption.getAlgorithm()) || keyEncryption.getParameters() == null) {
            throw refused("key agreement");
        }
        AlgorithmIdentifier wrap = AlgorithmIdentifier.getInstance(keyEncryption.getParameters());
        boolean absentParameters = wrap.getParameters() == null || DERNull.INSTANCE.equals(wrap.getParameters());
        if (!CMSAlgorithm.AES256_WRAP.equals(wrap.getAlgorithm()) || !absentParameters) {
            throw refused("key wrap");
        }
        OriginatorPublicKey originator = Optional.ofNullable(
                        keyAgreement.getOriginator().getOriginatorKey())
                .orElseThrow(() -> refused("originator must be an ephemeral public key"));
        ASN1ObjectIdentifier keyType = originator.getAlgorithm().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(keyType)) {
            throw refused("originator key type");
        }
        if (keyAgreement.getRecipientEncryptedKeys().size() != 1) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_RECIPIENT_COUNT);
        }
    }

    private static EnvelopeException refused(String what) {
        return new EnvelopeException(ReasonCode.ENVELOPE_ALGORITHM_NOT_ALLOWED, what);
    }
}
