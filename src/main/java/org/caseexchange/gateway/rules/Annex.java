package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One annex of the SMU as its file describes it (docs/rules.md, "Annexes"); the SMU's case-by-case
 * provision is an annex too.
 *
 * @param version the annex's own version, as amended
 * @param sha256 of the file the annex was read from: decisions cite it
 * @param inForceUntil the last day in force, or null when open-ended
 * @param automated false when only case-by-case (manual) exchanges are allowed
 * @param releasable for each permitted purpose, the data elements that may be released
 * @param twoStep details need an officer's approval after an automatic hit/no-hit answer
 * @param clauses the annex clause behind each of its conditions, by condition (purposes, elements, ...)
 */
public record Annex(
        String id,
        String version,
        String title,
        String sha256,
        Set<String> partners,
        LocalDate inForceFrom,
        LocalDate inForceUntil,
        Status status,
        boolean automated,
        Map<Purpose, Set<DataElement>> releasable,
        boolean proactiveDisclosure,
        Quota quota,
        Period retention,
        boolean twoStep,
        List<Caveat> caveats,
        Map<String, String> clauses) {

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    /** Queries a partner may send under the annex, per day and per calendar year (UTC). */
    public record Quota(long perDay, long perYear) {}

    public Annex {
        partners = Set.copyOf(partners);
        EnumMap<Purpose, Set<DataElement>> copy = new EnumMap<>(Purpose.class);
        releasable.forEach((purpose, elements) ->
                copy.put(purpose, elements.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(elements))));
        releasable = java.util.Collections.unmodifiableMap(copy);
        caveats = List.copyOf(caveats);
        clauses = Map.copyOf(clauses);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }

    public boolean permits(Purpose purpose) {
        return releasable.containsKey(purpose);
    }

    public Set<DataElement> releasableFor(Purpose purpose) {
        return releasable.getOrDefault(purpose, Set.of());
    }

    /** The annex's caveats on what is shared today: a retention limit runs from today for the annex's retention. */
    public List<Caveat> caveatsOn(LocalDate today) {
        return caveats.stream()
                .map(caveat -> caveat.code() == CaveatCode.RETENTION_LIMIT
                        ? new Caveat(caveat.code(), caveat.text(), today.plus(retention))
                        : caveat)
                .toList();
    }

    /** How decisions cite it: {@code id@version@sha256}. */
    public String citation() {
        return id + "@" + version + "@" + sha256;
    }
}
