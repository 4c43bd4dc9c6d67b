package dev.debias.evaluate.mlm;

import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the CrowS-Pairs CSV ({@code crows_pairs_anonymized.csv}): RFC 4180 quoting (a value may span
 * lines), a header row naming at least {@code sent_more}, {@code sent_less}, {@code stereo_antistereo}
 * and {@code bias_type}; other columns are ignored. Rows are read in file order.
 */
public final class CrowsPairs {
    /** The columns the reader needs. */
    public static final List<String> COLUMNS = List.of("sent_more", "sent_less", "stereo_antistereo", "bias_type");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get();

    private CrowsPairs() {}

    /**
     * The pairs of {@code file}, at most {@code limit} of them (0 for all).
     *
     * @throws InvalidInputException naming the file and line of a missing column, a row with too few
     *     fields, an empty sentence, a direction other than stereo or antistereo, or broken quoting
     */
    public static List<CrowsPair> read(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file (the CrowS-Pairs CSV)");
        }
        List<CrowsPair> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(FORMAT).get()) {
            Map<String, Integer> header = p.getHeaderMap();
            for (String c : COLUMNS) {
                if (header == null || !header.containsKey(c)) {
                    throw new InvalidInputException(file + ":1: the header lacks the column '" + c + "' (needs "
                            + String.join(", ", COLUMNS) + ")");
                }
            }
            long lastEnd = 1;
            var rows = p.iterator();
            while (limit == 0 || out.size() < limit) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (java.io.UncheckedIOException e) {
                    throw new InvalidInputException(file + ":" + (lastEnd + 1) + ": malformed CSV in the row starting "
                            + "here (" + e.getCause().getMessage() + ")", e);
                }
                long end = p.getCurrentLineNumber();
                long line = end - lineBreaks(row);
                lastEnd = end;
                out.add(pair(file, line, row, header));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no CrowS-Pairs rows after the header");
        }
        return out;
    }

    private static CrowsPair pair(Path file, long line, CSVRecord row, Map<String, Integer> header) {
        String[] v = new String[COLUMNS.size()];
        for (int i = 0; i < v.length; i++) {
            int at = header.get(COLUMNS.get(i));
            if (at >= row.size()) {
                throw new InvalidInputException(file + ":" + line + ": the row has " + row.size() + " fields, so no "
                        + COLUMNS.get(i) + " (column " + (at + 1) + ")");
            }
            v[i] = row.get(at).strip();
        }
        for (int i = 0; i < 2; i++) {
            if (v[i].isEmpty()) {
                throw new InvalidInputException(file + ":" + line + ": " + COLUMNS.get(i) + " is empty");
            }
        }
        CrowsPair.Direction d = switch (v[2].toLowerCase(Locale.ROOT)) {
            case "stereo" -> CrowsPair.Direction.STEREO;
            case "antistereo" -> CrowsPair.Direction.ANTISTEREO;
            default -> throw new InvalidInputException(file + ":" + line + ": stereo_antistereo is '" + v[2]
                    + "', expected stereo or antistereo");
        };
        if (v[3].isEmpty()) {
            throw new InvalidInputException(file + ":" + line + ": bias_type is empty");
        }
        return new CrowsPair(line, v[0], v[1], d, v[3]);
    }

    /** The line breaks inside a row's values: it ends that many lines after it starts. */
    private static long lineBreaks(CSVRecord r) {
        long n = 0;
        for (String s : r.values()) {
            n += s.chars().filter(c -> c == '\n').count();
        }
        return n;
    }
}
