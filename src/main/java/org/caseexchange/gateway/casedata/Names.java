package org.caseexchange.gateway.casedata;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * How names and identifiers are compared: normalised (compatibility decomposition, accents removed,
 * upper case, letters and digits of any script, single spaces), and keyed phonetically for blocking.
 */
public final class Names {

    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
        DoubleMetaphone encoder = new DoubleMetaphone();
        encoder.setMaxCodeLen(6);
        return encoder;
    });

    private Names() {}

    /** "Müller-Lüdenscheidt " and "MULLER LUDENSCHEIDT" are one; null is empty. */
    public static String normalise(String value) {
        if (value == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }

    /** A document number as issued, whatever separators it was typed with. */
    public static String documentNumber(String value) {
        return normalise(value).replace(" ", "");
    }

    /** The first word of the given names, normalised. */
    static String firstGiven(String givenNames) {
        String normalised = normalise(givenNames);
        int space = normalised.indexOf(' ');
        return space < 0 ? normalised : normalised.substring(0, space);
    }

    /**
     * A phonetic code for blocking (Double Metaphone, primary code, of the name without spaces):
     * Mohammed, Muhammad and Mohamed share one. Empty for a name in a script it cannot encode.
     */
    static String phonetic(String normalisedName) {
        String latin = normalisedName.replace(" ", "");
        if (latin.isEmpty() || !latin.chars().allMatch(c -> c < 128)) {
            return "";
        }
        String code = METAPHONE.get().doubleMetaphone(latin);
        return code == null ? "" : code;
    }
}
