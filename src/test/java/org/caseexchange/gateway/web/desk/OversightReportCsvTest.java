package org.caseexchange.gateway.web.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oversight report's CSV: a cell a spreadsheet would run as a formula is shown as text. */
class OversightReportCsvTest {

    @Test
    void cellsThatAFormulaWouldStartWithAreNeutralisedAndQuotesDoubled() {
        assertThat(OversightReport.cell("=HYPERLINK(\"http://example.invalid\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"");
        assertThat(OversightReport.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(OversightReport.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(OversightReport.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(OversightReport.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(OversightReport.cell("USA-USCIS")).isEqualTo("\"USA-USCIS\"");
        assertThat(OversightReport.cell(null)).isEqualTo("\"\"");
    }

    @Test
    void theCsvHasTheRowsAndTheRefusalsEachUnderItsHeader() {
        OversightReport.Report report = new OversightReport.Report(
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31),
                List.of(new OversightReport.Row("2026-11", "USA-USCIS", "=cmd", "INBOUND_QUERY", 7, 4, 2, 1, 0)),
                List.of(new OversightReport.Refusals(
                        "2026-11", "USA-USCIS", "=cmd", "INBOUND_QUERY", "NO_RELEASABLE_RECORD", 2)),
                List.of(),
                List.of());

        String[] lines = OversightReport.csv(report).split("\r\n");

        assertThat(lines[0]).startsWith("\"month\",\"partner\",\"annex\"");
        assertThat(lines[1])
                .isEqualTo("\"2026-11\",\"USA-USCIS\",\"'=cmd\",\"INBOUND_QUERY\",\"7\",\"4\",\"2\",\"1\",\"0\"");
        assertThat(lines[2]).isEmpty();
        assertThat(lines[3]).contains("\"reason code\"");
        assertThat(lines[4]).contains("\"NO_RELEASABLE_RECORD\",\"2\"");
    }
}
