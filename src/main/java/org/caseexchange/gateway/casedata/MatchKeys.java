package org.caseexchange.gateway.casedata;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Blocking keys: for each name, the phonetic code of the family name with the month of birth
 * ({@code M:HTT:1987-04}, or {@code Y:HTT:1987} when only the year is known), and with the phonetic
 * code of the first given name ({@code G:HTT:MHMT}); and, when the date of birth is full, the first
 * given name's code with it ({@code D:MHMT:1987-04-12}). A query finds its candidates by the same
 * keys: a transliteration variant shares the code, a query without a date still finds the person by
 * the given name, and a misspelt family name by the date.
 */
final class MatchKeys {

    private MatchKeys() {}

    /**
     * The keys a query looks under: with a year of birth, the year and full-date keys only (the
     * family-and-given key of a common name spans every year, hundreds of persons); without one, the
     * family-and-given key.
     */
    static Set<String> forQuery(Collection<PersonRecord.Name> names, Optional<PartialDate> dateOfBirth) {
        Set<String> keys = new LinkedHashSet<>(of(names, dateOfBirth));
        if (dateOfBirth.isEmpty()) {
            return keys;
        }
        keys.removeIf(key -> key.startsWith("G:"));
        int year = dateOfBirth.get().year();
        for (PersonRecord.Name name : names) {
            String family = Names.phonetic(Names.normalise(name.familyName()));
            if (family.isEmpty()) {
                continue;
            }
            // Records known to the year only are filed by year; a query known only to the year asks every month.
            keys.add("Y:" + family + ":" + year);
            if (dateOfBirth.get().precision() == 1) {
                for (int month = 1; month <= 12; month++) {
                    keys.add("M:" + family + ":" + new PartialDate(year, month, null));
                }
            }
        }
        return keys;
    }

    /** The keys a record is filed under. */
    static Set<String> of(Collection<PersonRecord.Name> names, Optional<PartialDate> dateOfBirth) {
        Set<String> keys = new LinkedHashSet<>();
        for (PersonRecord.Name name : names) {
            String family = Names.phonetic(Names.normalise(name.familyName()));
            String given = Names.phonetic(Names.firstGiven(name.givenNames()));
            if (!given.isEmpty() && dateOfBirth.isPresent() && dateOfBirth.get().full()) {
                keys.add("D:" + given + ":" + dateOfBirth.get());
            }
            if (family.isEmpty()) {
                continue;
            }
            dateOfBirth.ifPresent(date -> keys.add(
                    date.precision() == 1
                            ? "Y:" + family + ":" + date.year()
                            : "M:" + family + ":" + date.truncated(2)));
            if (!given.isEmpty()) {
                keys.add("G:" + family + ":" + given);
            }
        }
        return keys;
    }
}
