package dev.debias.report;

import java.util.regex.Pattern;

/**
 * The text cells of every report CSV the tool writes ({@code audit.csv}, {@code metrics.csv},
 * {@code comparison.csv}, {@code agreement.csv}, a recipe's {@code results.csv}), made safe to open in a
 * spreadsheet.
 *
 * <p>A cell that a spreadsheet would run as a formula (it begins with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return) is neutralised as OWASP recommends for CSV injection: a single
 * quote {@code '} goes in front of it, so the spreadsheet shows it as text. A cell that is a plain decimal
 * number ({@code -0.05}, {@code +3}, {@code -1e-5}) is left as it is: a spreadsheet reads it as a number
 * and runs nothing. Numeric columns are not text cells and are not passed through here.
 *
 * <p>Data files (a corpus written by augment or convert) are the user's data, not reports: they are
 * written unchanged and do not use this class.
 */
public final class CsvCells {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private CsvCells() {}

    /**
     * The text, with a leading {@code '} if it begins with {@code = + - @}, a tab or a carriage return
     * and is not a plain decimal number; any other text unchanged. Null reads as the empty cell.
     */
    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char c = text.charAt(0);
        boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        if (!risky || NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    /**
     * The text made {@link #safe} and then quoted as RFC 4180 asks: in double quotes, inner quotes doubled,
     * when it holds a comma, a double quote, a line feed or a carriage return; unquoted otherwise.
     */
    public static String field(String text) {
        String s = safe(text);
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
