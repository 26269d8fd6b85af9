package org.caseexchange.gateway.casedata;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Blocking keys: for each name, the phonetic code of the family name with the year of birth
 * ({@code Y:HTT:1987}), and with the phonetic code of the first given name ({@code G:HTT:MHMT}); and,
 * when the date of birth is full, the first given name's code with it ({@code D:MHMT:1987-04-12}). A
 * query finds its candidates by the same keys: a transliteration variant shares the code, a query
 * without a year still finds the person by the given name, and a misspelt family name by the date.
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
        if (dateOfBirth.isPresent()) {
            keys.removeIf(key -> key.startsWith("G:"));
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
            dateOfBirth.ifPresent(date -> keys.add("Y:" + family + ":" + date.year()));
            if (!given.isEmpty()) {
                keys.add("G:" + family + ":" + given);
            }
        }
        return keys;
    }
}
