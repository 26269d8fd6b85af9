package org.caseexchange.gateway.exchange;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily volume one partner's refused messages may make us keep as evidence
 * ({@code gateway.exchange.refused-evidence-per-day}). A refused message is kept whole while its
 * partner's day is under the bound; past it, only its digest and size are recorded, so that a
 * partner sending valid signatures on refused payloads cannot fill our disk. Counted in the caller's
 * transaction, on the database, so the bound holds across instances and restarts.
 */
public class RefusedEvidence {

    /** A partner's day so far. */
    public record Usage(String partner, LocalDate day, long keptBytes, long notKeptMessages, long notKeptBytes) {}

    private final JdbcTemplate jdbc;
    private final long bytesPerDay;

    public RefusedEvidence(JdbcTemplate jdbc, long bytesPerDay) {
        this.jdbc = jdbc;
        this.bytesPerDay = bytesPerDay;
    }

    /**
     * Counts a refused message of {@code bytes} against the partner's day.
     *
     * @return true when it is kept whole; false when the day's bound is reached and only its digest
     *     and size are recorded (counted as not kept)
     */
    public boolean tryKeep(String partner, LocalDate day, long bytes) {
        jdbc.update(
                "INSERT INTO refused_evidence_usage (partner_code, day) VALUES (?, ?)"
                        + " ON CONFLICT (partner_code, day) DO NOTHING",
                partner,
                day);
        if (jdbc.update(
                        "UPDATE refused_evidence_usage SET kept_bytes = kept_bytes + ?"
                                + " WHERE partner_code = ? AND day = ? AND kept_bytes + ? <= ?",
                        bytes,
                        partner,
                        day,
                        bytes,
                        bytesPerDay)
                == 1) {
            return true;
        }
        jdbc.update(
                "UPDATE refused_evidence_usage SET not_kept_messages = not_kept_messages + 1,"
                        + " not_kept_bytes = not_kept_bytes + ? WHERE partner_code = ? AND day = ?",
                bytes,
                partner,
                day);
        return false;
    }

    /** The partners whose refused messages of that day were past the bound, with their counts. */
    public java.util.List<Usage> reached(LocalDate day) {
        return jdbc.query(
                "SELECT * FROM refused_evidence_usage WHERE day = ? AND not_kept_messages > 0 ORDER BY partner_code",
                (rs, n) -> new Usage(
                        rs.getString("partner_code"),
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("kept_bytes"),
                        rs.getLong("not_kept_messages"),
                        rs.getLong("not_kept_bytes")),
                day);
    }

    public long bytesPerDay() {
        return bytesPerDay;
    }
}
