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
 * provision is an annex too. Its terms come in three parts: when and with whom it is in force, what it
 * releases, and the conditions on what is shared.
 *
 * @param version the annex's own version, as amended
 * @param sha256 of the file the annex was read from: decisions cite it
 * @param clauses the annex clause behind each of its conditions, by condition (purposes, elements, ...)
 */
public record Annex(
        String id,
        String version,
        String title,
        String sha256,
        InForce inForce,
        Release release,
        Conditions conditions,
        Map<String, String> clauses) {

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    /**
     * With whom and when the annex is in force.
     *
     * @param until the last day in force, or null when open-ended
     */
    public record InForce(Set<String> partners, LocalDate from, LocalDate until, Status status) {

        public InForce {
            partners = Set.copyOf(partners);
            if (until != null && until.isBefore(from)) {
                throw new IllegalArgumentException("in force until a day before it is in force from");
            }
        }

        public boolean on(LocalDate day) {
            return !day.isBefore(from) && (until == null || !day.isAfter(until));
        }
    }

    /**
     * What the annex lets the gateway release, and how.
     *
     * @param automated false when only case-by-case (manual) exchanges are allowed
     * @param releasable for each permitted purpose, the data elements that may be released
     * @param twoStep details need an officer's approval after an automatic hit/no-hit answer
     * @param proactiveDisclosure whether either side may disclose without being asked
     */
    public record Release(
            boolean automated,
            Map<Purpose, Set<DataElement>> releasable,
            boolean twoStep,
            boolean proactiveDisclosure) {

        public Release {
            EnumMap<Purpose, Set<DataElement>> copy = new EnumMap<>(Purpose.class);
            releasable.forEach((purpose, elements) ->
                    copy.put(purpose, elements.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(elements))));
            releasable = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * The conditions on what is shared under the annex.
     *
     * @param quota queries a partner may send, per day and per year
     * @param retention how long shared data and its evidence are kept
     * @param caveats the handling caveats every answer carries
     */
    public record Conditions(Quota quota, Period retention, List<Caveat> caveats) {

        public Conditions {
            caveats = List.copyOf(caveats);
        }
    }

    /** Queries a partner may send under the annex, per day and per calendar year (UTC). */
    public record Quota(long perDay, long perYear) {}

    public Annex {
        clauses = Map.copyOf(clauses);
    }

    public Set<String> partners() {
        return inForce.partners();
    }

    public Status status() {
        return inForce.status();
    }

    public boolean inForceOn(LocalDate day) {
        return inForce.on(day);
    }

    public boolean permits(Purpose purpose) {
        return release.releasable().containsKey(purpose);
    }

    public Set<DataElement> releasableFor(Purpose purpose) {
        return release.releasable().getOrDefault(purpose, Set.of());
    }

    /** The annex's caveats on what is shared today: a retention limit runs from today for the annex's retention. */
    public List<Caveat> caveatsOn(LocalDate today) {
        return conditions.caveats().stream()
                .map(caveat -> caveat.code() == CaveatCode.RETENTION_LIMIT
                        ? new Caveat(caveat.code(), caveat.text(), today.plus(conditions.retention()))
                        : caveat)
                .toList();
    }

    /** How decisions cite it: {@code id@version@sha256}. */
    public String citation() {
        return id + "@" + version + "@" + sha256;
    }
}
