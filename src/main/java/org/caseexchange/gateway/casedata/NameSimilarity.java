package org.caseexchange.gateway.casedata;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How alike two normalised names are: Jaro-Winkler similarity of the spellings (Commons Text), raised
 * to {@link #PHONETIC_AGREEMENT} when their Double Metaphone codes (Commons Codec) agree, as they do
 * for Mohammed and Muhammad, Yusuf and Youssef, Dmitri and Dmytro: one code equals the other's
 * primary or alternate code, or contains it (Katerina, Yekaterina).
 *
 * <p>Beider-Morse was measured for this and not used: 1 to 8 ms per name (300 ms for the first), and
 * at its approximate setting it gives Mohammed and Muhammad, or Omar and Omer, no common form.
 */
final class NameSimilarity {

    static final double PHONETIC_AGREEMENT = 0.93;
    private static final int MIN_CONTAINED_CODE = 4;

    private final JaroWinklerSimilarity jaroWinkler = new JaroWinklerSimilarity();
    private final ThreadLocal<DoubleMetaphone> metaphone = ThreadLocal.withInitial(() -> {
        DoubleMetaphone encoder = new DoubleMetaphone();
        encoder.setMaxCodeLen(8);
        return encoder;
    });

    /** Both normalised; 1 for equal, 0 when either is empty. */
    double of(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        double similarity = jaroWinkler.apply(a, b);
        if (similarity < PHONETIC_AGREEMENT && agree(a, b)) {
            return PHONETIC_AGREEMENT;
        }
        return similarity;
    }

    private boolean agree(String a, String b) {
        String[] first = codes(a);
        String[] second = codes(b);
        if (first == null || second == null) {
            return false;
        }
        for (String x : first) {
            for (String y : second) {
                if (x.equals(y)
                        || x.length() >= MIN_CONTAINED_CODE
                                && y.length() >= MIN_CONTAINED_CODE
                                && (x.contains(y) || y.contains(x))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Primary and alternate code, or null for a name in a script Double Metaphone cannot encode. */
    private String[] codes(String name) {
        String latin = name.replace(" ", "");
        if (!latin.chars().allMatch(c -> c < 128)) {
            return null;
        }
        DoubleMetaphone encoder = metaphone.get();
        return new String[] {encoder.doubleMetaphone(latin), encoder.doubleMetaphone(latin, true)};
    }
}
