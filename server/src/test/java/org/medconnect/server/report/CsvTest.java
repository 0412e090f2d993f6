package org.medconnect.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medconnect.server.report.ReportModel.Filter;
import org.medconnect.server.report.ReportModel.Panel;
import org.medconnect.server.report.ReportModel.Row;
import org.medconnect.server.report.ReportModel.Table;

/** CSV export: RFC 4180 quoting and no formula ever reaching a spreadsheet. */
class CsvTest {

    @Test
    void quotesAndNeutralisesCells() {
        assertThat(Csv.cell("plain text")).isEqualTo("plain text");
        assertThat(Csv.cell("Smith, Jane")).isEqualTo("\"Smith, Jane\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+1 555")).isEqualTo("'+1 555");
        assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("Dr =Evil")).isEqualTo("Dr =Evil");
        assertThat(Csv.cell("")).isEmpty();
    }

    @Test
    void writesHeaderThenRowsWithCrLfAndPlainNumbers() {
        Filter f = new Filter(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8), Optional.empty(), Optional.empty(), Optional.empty());
        Table t = new Table(Panel.REVENUE_BY_DOCTOR, List.of("Doctor", "Received", "Refunded", "Net"), List.of(
                new Row("=cmd|' /C calc'!A0", List.of(1234567.5, 0.0, -12.25)),
                new Row("Dr O'Hara, MD", List.of(Double.NaN, 100.0, 1e-3))), Optional.of("USD"), f);
        assertThat(Csv.of(t)).isEqualTo("Doctor,Received,Refunded,Net\r\n"
                + "'=cmd|' /C calc'!A0,1234567.5,0,-12.25\r\n"
                + "\"Dr O'Hara, MD\",,100,0.001\r\n");
    }
}
