package dev.debias.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoBenchmarkTest {
    private static final List<String> ROWS = List.of("jsonl BufferedReader lines", "jsonl read records", "jsonl write",
            "csv BufferedReader lines", "csv read records", "csv write");
    private static final List<String> RATIOS = List.of("jsonl_read_vs_linecount", "jsonl_write_vs_linecount",
            "csv_read_vs_linecount", "csv_write_vs_linecount");

    @TempDir
    Path dir;

    /** Records the progress calls. */
    static final class Recorder implements ProgressListener {
        final List<String> calls = new ArrayList<>();
        long advanced;
        long total;

        @Override
        public void start(String task, long total, String unit) {
            this.total = total;
            calls.add("start " + task + " " + unit);
        }

        @Override
        public void advance(long units) {
            advanced += units;
        }

        @Override
        public void finish() {
            calls.add("finish");
        }
    }

    @Test
    void tinyRunReturnsEveryRowAndRatio() throws Exception {
        Recorder progress = new Recorder();
        BenchResult result = new IoBenchmark(300, 1, dir).run(progress);
        assertEquals("io", result.stage());
        assertEquals(ROWS, result.rows().stream().map(BenchResult.Row::name).toList());
        for (BenchResult.Row r : result.rows()) {
            assertEquals(300, r.items(), r.name());
            assertTrue(r.bytes() > 300 * 50, r.name() + " bytes " + r.bytes());
            assertTrue(r.seconds() > 0 && Double.isFinite(r.seconds()), r.name());
            assertTrue(r.itemsPerSecond() > 0 && Double.isFinite(r.itemsPerSecond()), r.name());
            assertTrue(r.megabytesPerSecond() > 0 && Double.isFinite(r.megabytesPerSecond()), r.name());
        }
        assertEquals(RATIOS, List.copyOf(result.ratios().keySet()));
        for (var e : result.ratios().entrySet()) {
            assertTrue(e.getValue() > 0 && Double.isFinite(e.getValue()), e.getKey() + " = " + e.getValue());
        }
        BenchResult.Row lines = result.rows().get(0);
        BenchResult.Row read = result.rows().get(1);
        assertEquals(read.itemsPerSecond() / lines.itemsPerSecond(), result.ratios().get("jsonl_read_vs_linecount"), 1e-9);
        assertEquals(300, result.facts().get("records"));
        assertEquals(1, result.facts().get("repeats"));
        assertEquals(result.rows().get(0).bytes(), result.facts().get("jsonl_bytes"));
        assertEquals(result.rows().get(3).bytes(), result.facts().get("csv_bytes"));
        // the rows of one format share its file size
        assertEquals(result.rows().get(0).bytes(), result.rows().get(2).bytes());
        assertEquals(result.rows().get(3).bytes(), result.rows().get(5).bytes());

        assertEquals(List.of("start benchmarking corpus I/O runs", "finish"), progress.calls);
        assertEquals(progress.total, progress.advanced);
        assertEquals(12, progress.total);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "temporary corpus files are deleted");
        }
    }

    @Test
    void jsonLineIsOneValidJsonObjectAndTableListsEveryRow() throws Exception {
        BenchResult result = new IoBenchmark(300, 1, dir).run(ProgressListener.NONE);
        String line = result.jsonLine();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("io", json.get("stage").asText());
        assertEquals(ROWS, iterable(json.get("rows").fieldNames()));
        for (BenchResult.Row r : result.rows()) {
            JsonNode row = json.get("rows").get(r.name());
            assertEquals(300, row.get("items").asLong());
            assertEquals(r.seconds(), row.get("seconds").asDouble(), 0.0);
            assertEquals(r.itemsPerSecond(), row.get("items_per_s").asDouble(), 0.0);
            assertEquals(r.megabytesPerSecond(), row.get("mb_per_s").asDouble(), 0.0);
        }
        assertEquals(RATIOS, iterable(json.get("ratios").fieldNames()));
        assertEquals(result.ratios().get("csv_write_vs_linecount"), json.get("ratios").get("csv_write_vs_linecount").asDouble(), 0.0);
        assertEquals(300, json.get("facts").get("records").asInt());

        String table = result.table();
        String[] lines = table.split("\n");
        assertEquals(1 + ROWS.size() + RATIOS.size() + result.facts().size(), lines.length, table);
        assertTrue(lines[0].startsWith("measurement"), lines[0]);
        for (int i = 0; i < ROWS.size(); i++) {
            assertTrue(lines[1 + i].startsWith(ROWS.get(i) + " "), lines[1 + i]);
            assertTrue(lines[1 + i].contains(" 300 "), lines[1 + i]);
        }
        for (int i = 0; i < RATIOS.size(); i++) {
            assertTrue(lines[1 + ROWS.size() + i].startsWith("ratio " + RATIOS.get(i) + " "), lines[1 + ROWS.size() + i]);
        }
        assertTrue(table.contains("records"), table);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void benchResultFormatsKnownValues() throws Exception {
        BenchResult r = new BenchResult("io", List.of(new BenchResult.Row("jsonl write", 1000, 2_000_000, 0.5),
                new BenchResult.Row("count", 10, 0, 2.0)), Map.of("x_vs_y", 1.5), Map.of("records", 1000));
        assertEquals(2000.0, r.rows().get(0).itemsPerSecond());
        assertEquals(4.0, r.rows().get(0).megabytesPerSecond());
        assertEquals(0.0, r.rows().get(1).megabytesPerSecond());
        assertEquals("{\"stage\":\"io\",\"rows\":{\"jsonl write\":{\"items\":1000,\"seconds\":0.5,\"items_per_s\":2000.0,"
                + "\"mb_per_s\":4.0},\"count\":{\"items\":10,\"seconds\":2.0,\"items_per_s\":5.0}},"
                + "\"ratios\":{\"x_vs_y\":1.5},\"facts\":{\"records\":1000}}", r.jsonLine());
        String expected = String.format("%-28s %12s %10s %14s %10s%n", "measurement", "items", "seconds", "items/s", "MB/s")
                + String.format("%-28s %12d %10s %14s %10s%n", "jsonl write", 1000, "0.500", "2000", "4.0")
                + String.format("%-28s %12d %10s %14s %10s%n", "count", 10, "2.000", "5", "0.0")
                + String.format("ratio %-40s %8s%n", "x_vs_y", "1.500")
                + String.format("%-46s %s%n", "records", 1000);
        assertEquals(expected, r.table());
    }

    @Test
    void constructorRejectsNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class, () -> new IoBenchmark(0, 1, dir));
        assertThrows(IllegalArgumentException.class, () -> new IoBenchmark(10, 0, dir));
    }
}
