package org.caseexchange.gateway.envelope;

/**
 * A single pass over the tag-length-value structure of untrusted bytes before any ASN.1 parser sees
 * them: exactly one element, definite lengths only (DER on the wire), every element inside its
 * parent, and nesting no deeper than the profile needs. This keeps hostile input (indefinite
 * lengths, length bombs, deep nesting that would exhaust a recursive parser's stack) away from
 * BouncyCastle.
 */
final class DerShape {

    /** The deepest nesting a CMS message of the profile reaches is about 12; a margin, not a limit to tune. */
    static final int MAX_DEPTH = 40;

    private DerShape() {}

    /** Whether {@code bytes} is one definite-length element with sound nesting. */
    static boolean isWellFormed(byte[] bytes) {
        int[] ends = new int[MAX_DEPTH + 1];
        int depth = 0;
        ends[0] = bytes.length;
        int position = 0;
        boolean first = true;
        while (position < bytes.length) {
            while (depth > 0 && position == ends[depth]) {
                depth--;
            }
            if (depth == 0 && !first) {
                return false; // trailing data after the one top-level element
            }
            first = false;
            int identifier = bytes[position++] & 0xff;
            boolean constructed = (identifier & 0x20) != 0;
            if ((identifier & 0x1f) == 0x1f) { // high tag number form
                int tagBytes = 0;
                do {
                    if (position >= ends[depth] || ++tagBytes > 4) {
                        return false;
                    }
                } while ((bytes[position++] & 0x80) != 0);
            }
            if (position >= ends[depth]) {
                return false;
            }
            int lengthByte = bytes[position++] & 0xff;
            long length;
            if (lengthByte < 0x80) {
                length = lengthByte;
            } else {
                int count = lengthByte & 0x7f;
                if (count == 0 || count > 4) {
                    return false; // indefinite length, or longer than any message we accept
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    if (position >= ends[depth]) {
                        return false;
                    }
                    length = (length << 8) | (bytes[position++] & 0xff);
                }
            }
            long end = position + length;
            if (end > ends[depth]) {
                return false;
            }
            if (constructed && length > 0) {
                if (depth == MAX_DEPTH) {
                    return false;
                }
                ends[++depth] = (int) end;
            } else {
                position = (int) end;
            }
        }
        return !first;
    }
}
