package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.caseexchange.gateway.trust.Sha256;

/**
 * The hash of an audit entry: SHA-256 over a domain tag and the covered fields in a canonical,
 * unambiguous encoding (docs/audit.md, "Entry hash"). Each field is its name, a zero byte, and then
 * either {@code 0xFF} for an absent value or {@code 0x01}, the value's UTF-8 length as four bytes
 * big-endian, and the bytes; so no two different entries encode alike, and an absent field differs
 * from an empty one.
 */
public final class EntryHash {

    /** Domain separation: this hash cannot be mistaken for any other SHA-256 the gateway computes. */
    public static final String DOMAIN = "urn:caseexchange:audit:entry:v1";

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** A covered field: its name in the encoding and its value, null when absent. */
    public record Field(String name, String value) {}

    private EntryHash() {}

    /** Exactly the fields the hash covers, in the order they are encoded. Everything but the hash itself. */
    public static List<Field> coveredFields(AuditEntry entry) {
        return List.of(
                new Field("seq", Long.toString(entry.seq())),
                new Field("recordedAt", entry.recordedAt().toString()),
                new Field("event", entry.event()),
                new Field(
                        "exchangeId",
                        entry.exchangeId() == null ? null : entry.exchangeId().toString()),
                new Field("partner", entry.partner()),
                new Field("actor", entry.actor()),
                new Field("reasonCode", entry.reasonCode()),
                new Field("digests", entry.digests()),
                new Field("decision", entry.decision()),
                new Field("evidence", entry.evidence()),
                new Field("previousHash", entry.previousHash()));
    }

    public static String compute(AuditEntry entry) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(DOMAIN.getBytes(UTF_8));
        sha256.update((byte) 0);
        for (Field field : coveredFields(entry)) {
            sha256.update(field.name().getBytes(UTF_8));
            sha256.update((byte) 0);
            if (field.value() == null) {
                sha256.update((byte) 0xFF);
            } else {
                byte[] value = field.value().getBytes(UTF_8);
                sha256.update((byte) 0x01);
                sha256.update(ByteBuffer.allocate(4).putInt(value.length).array());
                sha256.update(value);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
