package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.caseexchange.gateway.trust.Sha256;

/**
 * A signed statement of the audit log's state: how many entries it held and the hash of the last,
 * when, and by which gateway (docs/audit.md, "Checkpoints"). The file form is plain text that an
 * auditor can read and check with OpenSSL; the signature covers every line above it, exactly.
 *
 * @param logSize the sequence number of the last entry covered (0 for an empty log)
 * @param headHash that entry's hash ({@link EntryHash#GENESIS} for an empty log)
 * @param certificate SHA-256 fingerprint of the audit certificate whose key signed
 * @param algorithm the JCA name of the signature algorithm, one of {@link #ALGORITHMS}
 */
public record Checkpoint(
        String agency,
        long logSize,
        String headHash,
        Instant signedAt,
        String certificate,
        String algorithm,
        byte[] signature) {

    public static final String FORMAT = "urn:caseexchange:audit:checkpoint:v1";

    /** The only algorithms a checkpoint may name: what an EC or RSA audit key signs with. */
    public static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA256withRSA");

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern AGENCY = Pattern.compile("[A-Z0-9-]{1,32}");

    public Checkpoint {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The bytes the signature covers. */
    public byte[] signedText() {
        return signedText(agency, logSize, headHash, signedAt, certificate, algorithm);
    }

    static byte[] signedText(
            String agency, long logSize, String headHash, Instant signedAt, String certificate, String algorithm) {
        return (FORMAT + "\n"
                        + "agency: " + agency + "\n"
                        + "log-size: " + logSize + "\n"
                        + "head: " + headHash + "\n"
                        + "signed-at: " + signedAt + "\n"
                        + "certificate: " + certificate + "\n"
                        + "algorithm: " + algorithm + "\n")
                .getBytes(UTF_8);
    }

    /** The file: the signed text, then the signature in base64 on its own line. */
    public String fileText() {
        return new String(signedText(), UTF_8) + "signature: "
                + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /** Names sort by time: a fixed-width UTC time, then the log size. */
    public String fileName() {
        return "checkpoint-" + FILE_TIME.format(signedAt) + "-" + logSize + ".txt";
    }

    /**
     * Reads a checkpoint file, or nothing when it is not one in canonical form: a file that differs in
     * any way from what the gateway writes is not trusted, whatever its signature.
     */
    public static Optional<Checkpoint> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 9 || !lines[0].equals(FORMAT) || !lines[8].isEmpty()) {
            return Optional.empty();
        }
        try {
            String agency = value(lines[1], "agency");
            long size = Long.parseLong(value(lines[2], "log-size"));
            String head = value(lines[3], "head");
            Instant signedAt = Instant.parse(value(lines[4], "signed-at"));
            String certificate = value(lines[5], "certificate");
            String algorithm = value(lines[6], "algorithm");
            byte[] signature = Base64.getDecoder().decode(value(lines[7], "signature"));
            Checkpoint checkpoint = new Checkpoint(agency, size, head, signedAt, certificate, algorithm, signature);
            boolean wellFormed = AGENCY.matcher(agency).matches()
                    && size >= 0
                    && HEX64.matcher(head).matches()
                    && HEX64.matcher(certificate).matches()
                    && ALGORITHMS.contains(algorithm);
            return wellFormed && checkpoint.fileText().equals(text) ? Optional.of(checkpoint) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String value(String line, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("expected " + name);
        }
        return line.substring(prefix.length());
    }

    /** True when the certificate is the one the checkpoint names and its key made the signature. */
    public boolean isSignedBy(X509Certificate auditCertificate) {
        if (!certificate.equals(Sha256.fingerprint(auditCertificate)) || !ALGORITHMS.contains(algorithm)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(auditCertificate.getPublicKey());
            verifier.update(signedText());
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && fileText().equals(that.fileText());
    }

    @Override
    public int hashCode() {
        return fileText().hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + agency + ", size " + logSize + ", head " + headHash + ", " + signedAt + "]";
    }
}
