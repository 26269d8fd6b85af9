package org.caseexchange.gateway.casedata;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date of birth as known: a full date, a year and month, or a year alone (the protocol's
 * PartialDate: 1987-04-12, 1987-04, 1987).
 */
public record PartialDate(int year, Integer month, Integer day) {

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    public PartialDate {
        if (day != null && month == null) {
            throw new IllegalArgumentException("a day needs a month");
        }
        if (day != null) {
            LocalDate.of(year, month, day);
        } else if (month != null && (month < 1 || month > 12)) {
            throw new IllegalArgumentException("month out of range");
        }
    }

    public static PartialDate of(LocalDate date) {
        return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    public static Optional<PartialDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("not a partial date");
        }
        return Optional.of(new PartialDate(
                Integer.parseInt(form.group(1)),
                form.group(2) == null ? null : Integer.parseInt(form.group(2)),
                form.group(3) == null ? null : Integer.parseInt(form.group(3))));
    }

    public boolean full() {
        return day != null;
    }

    /** Only as precise as this date: 1987-04-12 becomes 1987-04 with {@code precision} 2. */
    public PartialDate truncated(int precision) {
        return new PartialDate(year, precision >= 2 ? month : null, precision >= 3 ? day : null);
    }

    public int precision() {
        return day != null ? 3 : month != null ? 2 : 1;
    }

    /**
     * Age in full years on a day. When the date is partial, the youngest the person can be: a rule
     * that protects minors then errs on the side of the minor.
     */
    public OptionalInt ageOn(LocalDate on) {
        LocalDate latestBirth = day != null
                ? LocalDate.of(year, month, day)
                : month != null ? LocalDate.of(year, month, 1).plusMonths(1).minusDays(1) : LocalDate.of(year, 12, 31);
        if (latestBirth.isAfter(on)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(java.time.Period.between(latestBirth, on).getYears());
    }

    @Override
    public String toString() {
        return day != null
                ? String.format("%04d-%02d-%02d", year, month, day)
                : month != null ? String.format("%04d-%02d", year, month) : String.format("%04d", year);
    }
}
