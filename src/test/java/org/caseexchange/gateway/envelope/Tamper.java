package org.caseexchange.gateway.envelope;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Precise damage to a sealed message: one bit in one field, or one parameter rewritten. */
final class Tamper {

    private Tamper() {}

    static byte[] flipBitInCiphertext(byte[] sealed) {
        return flipBitInside(
                sealed,
                envelope(sealed)
                        .getAuthEncryptedContentInfo()
                        .getEncryptedContent()
                        .getOctets());
    }

    static byte[] flipBitInTag(byte[] sealed) {
        return flipBitInside(sealed, envelope(sealed).getMac().getOctets());
    }

    static byte[] flipBitInWrappedKey(byte[] sealed) {
        Object info = RecipientInfo.getInstance(
                        envelope(sealed).getRecipientInfos().getObjectAt(0))
                .getInfo();
        byte[] wrapped = info instanceof KeyTransRecipientInfo keyTransport
                ? keyTransport.getEncryptedKey().getOctets()
                : RecipientEncryptedKey.getInstance(((KeyAgreeRecipientInfo) info)
                                .getRecipientEncryptedKeys()
                                .getObjectAt(0))
                        .getEncryptedKey()
                        .getOctets();
        return flipBitInside(sealed, wrapped);
    }

    /** Declares (and cuts the tag to) a 12-byte GCM tag, which RFC 5084 allows and the profile does not. */
    static byte[] shortenTag(byte[] sealed) {
        AuthEnvelopedData envelope = envelope(sealed);
        EncryptedContentInfo content = envelope.getAuthEncryptedContentInfo();
        GCMParameters gcm = GCMParameters.getInstance(
                content.getContentEncryptionAlgorithm().getParameters());
        var shortened = new EncryptedContentInfo(
                content.getContentType(),
                new AlgorithmIdentifier(
                        content.getContentEncryptionAlgorithm().getAlgorithm(), new GCMParameters(gcm.getNonce(), 12)),
                content.getEncryptedContent());
        var rebuilt = new AuthEnvelopedData(
                envelope.getOriginatorInfo(),
                envelope.getRecipientInfos(),
                shortened,
                envelope.getAuthAttrs(),
                new DEROctetString(Arrays.copyOf(envelope.getMac().getOctets(), 12)),
                envelope.getUnauthAttrs());
        return encode(new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, rebuilt));
    }

    /** Flips one bit in the middle of the first occurrence of {@code field} in {@code message}. */
    static byte[] flipBitInside(byte[] message, byte[] field) {
        int at = indexOf(message, field);
        if (at < 0) {
            throw new IllegalArgumentException("field not found in message");
        }
        byte[] damaged = message.clone();
        damaged[at + field.length / 2] ^= 0x01;
        return damaged;
    }

    private static AuthEnvelopedData envelope(byte[] sealed) {
        try {
            return AuthEnvelopedData.getInstance(
                    ContentInfo.getInstance(ASN1Primitive.fromByteArray(sealed)).getContent());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] encode(ContentInfo contentInfo) {
        try {
            return contentInfo.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
