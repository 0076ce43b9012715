package io.tandem.api;

import java.util.List;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: every cell quoted (quotes doubled), and a cell that a spreadsheet would
 * take as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
public final class Csv {

    private Csv() {}

    public static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    public static String row(List<?> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString();
    }
}
