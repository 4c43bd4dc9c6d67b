package dev.debias.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one benchmark run: timed rows and ratios between rows measured in the same run
 * (ratios, not absolute times, are what compare across machines).
 *
 * @param stage the benchmarked stage, e.g. {@code io}
 * @param rows the timed measurements
 * @param ratios named ratios, e.g. {@code jsonl_read_vs_linecount}
 * @param facts other facts of the run (corpus size, checks passed)
 */
public record BenchResult(String stage, List<Row> rows, Map<String, Double> ratios, Map<String, Object> facts) {
    public BenchResult {
        rows = List.copyOf(rows);
        ratios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * One measurement: the best of several repeats.
     *
     * @param name what was timed
     * @param items how many items (records, documents) one repeat processed
     * @param bytes how many bytes one repeat processed, or 0
     * @param seconds the best repeat's wall time
     */
    public record Row(String name, long items, long bytes, double seconds) {
        /** Items per second. */
        public double itemsPerSecond() {
            return items / seconds;
        }

        /** Megabytes (10^6 bytes) per second, or 0 without bytes. */
        public double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** A plain-text table of the rows and ratios. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %12s %10s %14s %10s%n", "measurement", "items", "seconds", "items/s", "MB/s"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-28s %12d %10.3f %14.0f %10.1f%n", r.name(), r.items(), r.seconds(),
                    r.itemsPerSecond(), r.megabytesPerSecond()));
        }
        for (var e : ratios.entrySet()) {
            sb.append(String.format(Locale.ROOT, "ratio %-40s %8.3f%n", e.getKey(), e.getValue()));
        }
        for (var e : facts.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-46s %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** One JSON line with everything, for scripts and tracking over time. */
    public String jsonLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        Map<String, Object> rs = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("items", r.items());
            x.put("seconds", r.seconds());
            x.put("items_per_s", r.itemsPerSecond());
            if (r.bytes() > 0) {
                x.put("mb_per_s", r.megabytesPerSecond());
            }
            rs.put(r.name(), x);
        }
        m.put("rows", rs);
        m.put("ratios", ratios);
        m.put("facts", facts);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
