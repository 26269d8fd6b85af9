package org.caseexchange.gateway.web.desk;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What review bodies ask for: per month, partner, annex (the legal basis) and direction, how many
 * exchanges there were, how many released data (ALLOW or PARTIAL) or were sent (our queries), how
 * many were refused and why, how many an officer reviewed and how many still wait; and the quota each
 * annex has used. Counts only: no exchange id, no person, no officer.
 */
public class OversightReport {

    /** One month, partner, annex and direction. */
    public record Row(
            String month,
            String partner,
            String annex,
            String direction,
            long exchanges,
            long released,
            long refused,
            long reviewed,
            long awaitingReview) {}

    public record Refusals(
            String month, String partner, String annex, String direction, String reasonCode, long count) {}

    public record Quota(String partner, String annex, String period, long used) {}

    /** One month of the chart: exchanges received from partners and sent by us, with bar lengths in per cent. */
    public record Bar(String month, long inbound, long outbound, int inboundPercent, int outboundPercent) {}

    public record Report(
            LocalDate from,
            LocalDate to,
            List<Row> rows,
            List<Refusals> refusals,
            List<Quota> quotas,
            List<Bar> chart) {}

    private final NamedParameterJdbcTemplate jdbc;

    public OversightReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The report for the days from {@code from} to {@code to}, both included. */
    public Report of(LocalDate from, LocalDate to) {
        AuditDesk.checkRange(from, to);
        MapSqlParameterSource range = new MapSqlParameterSource()
                .addValue("from", from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .addValue("to", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        String month = "to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM')";
        List<Row> rows = jdbc.query(
                "SELECT " + month + " AS month, partner_code, COALESCE(legal_basis, '') AS annex, direction,"
                        + " COUNT(*) AS exchanges,"
                        + " COUNT(*) FILTER (WHERE outcome IN ('ALLOW', 'PARTIAL', 'SEND')) AS released,"
                        + " COUNT(*) FILTER (WHERE outcome = 'REFUSE') AS refused,"
                        + " COUNT(*) FILTER (WHERE reviewed_by IS NOT NULL) AS reviewed,"
                        + " COUNT(*) FILTER (WHERE state = 'PENDING_REVIEW') AS awaiting"
                        + " FROM exchange WHERE received_at >= :from AND received_at < :to"
                        + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
                range,
                (rs, n) -> new Row(
                        rs.getString("month"),
                        rs.getString("partner_code"),
                        rs.getString("annex"),
                        rs.getString("direction"),
                        rs.getLong("exchanges"),
                        rs.getLong("released"),
                        rs.getLong("refused"),
                        rs.getLong("reviewed"),
                        rs.getLong("awaiting")));
        List<Refusals> refusals = jdbc.query(
                "SELECT " + month + " AS month, partner_code, COALESCE(legal_basis, '') AS annex, direction,"
                        + " COALESCE(reason_code, '') AS reason_code, COUNT(*) AS refusals"
                        + " FROM exchange WHERE received_at >= :from AND received_at < :to AND outcome = 'REFUSE'"
                        + " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
                range,
                (rs, n) -> new Refusals(
                        rs.getString("month"),
                        rs.getString("partner_code"),
                        rs.getString("annex"),
                        rs.getString("direction"),
                        rs.getString("reason_code"),
                        rs.getLong("refusals")));
        List<Quota> quotas = jdbc.query(
                "SELECT partner_code, annex_id, period_key, used FROM annex_quota_usage ORDER BY 1, 2, 3",
                (rs, n) -> new Quota(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
        return new Report(from, to, rows, refusals, quotas, chart(rows));
    }

    private static List<Bar> chart(List<Row> rows) {
        Map<String, long[]> byMonth = new TreeMap<>();
        for (Row row : rows) {
            long[] counts = byMonth.computeIfAbsent(row.month(), m -> new long[2]);
            counts[row.direction().startsWith("INBOUND") ? 0 : 1] += row.exchanges();
        }
        long most = byMonth.values().stream()
                .flatMapToLong(counts -> java.util.Arrays.stream(counts))
                .max()
                .orElse(0);
        List<Bar> bars = new ArrayList<>();
        byMonth.forEach((month, counts) ->
                bars.add(new Bar(month, counts[0], counts[1], percent(counts[0], most), percent(counts[1], most))));
        return bars;
    }

    private static int percent(long count, long most) {
        return most == 0 ? 0 : (int) Math.max(count == 0 ? 0 : 1, Math.round(100.0 * count / most));
    }

    /** The report as CSV (RFC 4180): the rows, then the refusals by reason, each with a header line. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder();
        line(
                out,
                "month",
                "partner",
                "annex",
                "direction",
                "exchanges",
                "released or sent",
                "refused",
                "reviewed",
                "awaiting review");
        for (Row row : report.rows()) {
            line(
                    out,
                    row.month(),
                    row.partner(),
                    row.annex(),
                    row.direction(),
                    String.valueOf(row.exchanges()),
                    String.valueOf(row.released()),
                    String.valueOf(row.refused()),
                    String.valueOf(row.reviewed()),
                    String.valueOf(row.awaitingReview()));
        }
        out.append("\r\n");
        line(out, "month", "partner", "annex", "direction", "reason code", "refusals");
        for (Refusals refusals : report.refusals()) {
            line(
                    out,
                    refusals.month(),
                    refusals.partner(),
                    refusals.annex(),
                    refusals.direction(),
                    refusals.reasonCode(),
                    String.valueOf(refusals.count()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String... cells) {
        out.append(Stream.of(cells).map(OversightReport::cell).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    /**
     * One CSV cell, quoted, with a leading {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
     * return neutralised by a leading apostrophe, so that a spreadsheet shows the text instead of
     * running it as a formula (OWASP, "CSV injection").
     */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
