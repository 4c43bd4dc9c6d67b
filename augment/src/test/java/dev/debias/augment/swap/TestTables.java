package dev.debias.augment.swap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated test tables of this package: blank lines and {@code #} lines are skipped. */
final class TestTables {
    /** A row: its 1-based line and its tab-separated fields. */
    record Line(int number, String[] fields, String text) {}

    private TestTables() {}

    /**
     * {@link #read}, with each directive line ({@code #! SETTING}) given as a line of one field, the setting, in
     * its place among the rows.
     */
    static List<Line> readWithDirectives(String name, int columns, String layout) {
        return lines(name, columns, layout, true);
    }

    /** The rows of resource {@code name}, each with exactly {@code columns} non-empty fields, else an error naming the line. */
    static List<Line> read(String name, int columns, String layout) {
        return lines(name, columns, layout, false);
    }

    private static List<Line> lines(String name, int columns, String layout, boolean directives) {
        List<Line> out = new ArrayList<>();
        try (InputStream in = TestTables.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int line = 0;
            for (String s; (s = r.readLine()) != null; ) {
                line++;
                if (directives && s.startsWith("#!")) {
                    out.add(new Line(line, new String[] {s.substring(2).strip()}, s));
                } else if (!s.isBlank() && !s.startsWith("#")) {
                    out.add(row(name, line, s, columns, layout));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Line row(String name, int line, String s, int columns, String layout) {
        String[] f = s.split("\t", -1);
        boolean empty = false;
        for (String x : f) {
            empty |= x.isEmpty();
        }
        if (f.length != columns || empty) {
            throw new IllegalStateException(name + ":" + line + ": expected " + layout + ", got '" + s + "'");
        }
        return new Line(line, f, s);
    }
}
