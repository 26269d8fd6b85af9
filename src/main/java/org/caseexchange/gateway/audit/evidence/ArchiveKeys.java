package org.caseexchange.gateway.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.caseexchange.gateway.InvalidConfigurationException;

/**
 * The keys derived from the archive key file: one encrypts evidence at rest, one keys the person
 * index, and a short id names the archive key in each evidence row so that a later key can be told
 * apart. Derivation is HMAC-SHA256 of the archive key over a purpose label, so no key serves two
 * purposes.
 */
public final class ArchiveKeys {

    private static final String KEY = "gateway.audit.evidence.archive-key-file";

    private final SecretKey evidenceEncryption;
    private final SecretKey personIndex;
    private final String keyId;

    ArchiveKeys(byte[] archiveKey) {
        if (archiveKey.length != 32) {
            throw new IllegalArgumentException("the archive key is 32 bytes");
        }
        this.evidenceEncryption =
                new SecretKeySpec(derive(archiveKey, "urn:caseexchange:archive:evidence-encryption:v1"), "AES");
        this.personIndex =
                new SecretKeySpec(derive(archiveKey, "urn:caseexchange:archive:person-index:v1"), "HmacSHA256");
        this.keyId = HexFormat.of()
                .formatHex(derive(archiveKey, "urn:caseexchange:archive:key-id:v1"))
                .substring(0, 16);
    }

    public static ArchiveKeys load(Path file) {
        String text;
        try {
            text = Files.readString(file, UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    KEY, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!text.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidConfigurationException(
                    KEY, file + " must hold 64 hex digits (32 random bytes, e.g. openssl rand -hex 32)");
        }
        return new ArchiveKeys(HexFormat.of().parseHex(text.toLowerCase()));
    }

    SecretKey evidenceEncryption() {
        return evidenceEncryption;
    }

    SecretKey personIndex() {
        return personIndex;
    }

    String keyId() {
        return keyId;
    }

    private static byte[] derive(byte[] archiveKey, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(archiveKey, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveKeys[" + keyId + "]";
    }
}
