package org.caseexchange.gateway.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for evidence at rest: a fresh 96-bit nonce per content, stored before the ciphertext;
 * the evidence id and the content's role are authenticated with it, so a content cannot be moved to
 * another row or swapped with its sibling without failing to decrypt.
 */
final class EvidenceCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ArchiveKeys keys;
    private final SecureRandom random = new SecureRandom();

    EvidenceCipher(ArchiveKeys keys) {
        this.keys = keys;
    }

    byte[] encrypt(byte[] content, String evidenceId, String role) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.evidenceEncryption(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(evidenceId, role));
            byte[] sealed = cipher.doFinal(content);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("evidence cannot be encrypted", e);
        }
    }

    byte[] decrypt(byte[] stored, String evidenceId, String role) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    keys.evidenceEncryption(),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(evidenceId, role));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "evidence " + evidenceId + " (" + role + ") does not decrypt with the archive key", e);
        }
    }

    private static byte[] associatedData(String evidenceId, String role) {
        return ("urn:caseexchange:evidence:v1\0" + evidenceId + "\0" + role).getBytes(UTF_8);
    }
}
