package org.medconnect.server.report;

import java.math.BigDecimal;
import org.medconnect.server.report.ReportModel.Row;
import org.medconnect.server.report.ReportModel.Table;

/**
 * A panel as RFC 4180 CSV: fields with a comma, quote or line break are quoted (quotes doubled);
 * a cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe so a spreadsheet
 * shows it as text instead of running it as a formula (OWASP "CSV injection").
 */
public final class Csv {

    private Csv() {}

    /** CSV text and a suggested file name. */
    public record Export(String text, String fileName) {}

    public static String of(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(Csv::cell).toList())).append("\r\n");
        for (Row row : table.rows()) {
            out.append(cell(row.label()));
            for (double v : row.values()) {
                // Numbers are written by us, never by a user: "-12.25" stays a number.
                out.append(',').append(number(v));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** One field, neutralised and quoted as needed. */
    static String cell(String raw) {
        String text = raw == null ? "" : raw;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Numbers as plain decimals (no exponent); a negative number is a number, not a formula, and stays as is. */
    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
