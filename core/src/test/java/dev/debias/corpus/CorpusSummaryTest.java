package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.options;
import static dev.debias.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.core.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusSummaryTest {
    @TempDir
    Path dir;

    @Test
    void countsLabelsGroupsTheCrossTableAndLengths() throws Exception {
        Path f = write(dir.resolve("in.jsonl"), ""
                + "{\"text\":\"He is a nurse.\",\"label\":\"pos\",\"gender\":\"m\",\"race\":\"a\"}\n"       // 4 tokens, 14 chars
                + "{\"text\":\"She codes\",\"label\":\"neg\",\"gender\":\"f\",\"race\":\"b\"}\n"            // 2 tokens, 9 chars
                + "\n"
                + "{\"text\":\"They  write, well!\",\"label\":\"pos\",\"gender\":\"f\",\"race\":\"a\"}\n"   // 3 tokens, 18 chars
                + "{\"text\":\"no label\",\"gender\":\"f\",\"race\":\"a\"}\n"                            // skipped
                + "{\"text\":\"It's 2024 — naïve café\",\"label\":\"neg\",\"gender\":\"x\",\"race\":\"b\"}\n"); // it s 2024 naïve café: 5 tokens, 22 chars
        FieldMapping m = new FieldMapping("text", "label", List.of("gender", "race"), null);
        List<String> events = new ArrayList<>();
        long[] advanced = {0};
        ProgressListener progress = new ProgressListener() {
            @Override
            public void start(String task, long total, String unit) {
                events.add("start " + task + " " + total + " " + unit);
            }

            @Override
            public void advance(long units) {
                advanced[0] += units;
            }

            @Override
            public void finish() {
                events.add("finish");
            }
        };
        CorpusSummary s;
        try (RecordReader r = CorpusReaders.open(f, options(m).withSkipInvalid(true))) {
            s = CorpusSummary.of(r, m, progress);
        }
        long size = Files.size(f);
        assertEquals(List.of("start reading in.jsonl " + size + " bytes", "finish"), events);
        assertEquals(size, advanced[0]);
        assertEquals(f.toString(), s.source());
        assertEquals(4, s.records());
        assertEquals(1, s.skipped());
        assertEquals(1, s.blankLines());
        assertEquals(Map.of("neg", 2L, "pos", 2L), s.labels());
        assertEquals(List.of("neg", "pos"), s.labelNames());
        assertEquals(List.of("gender", "race"), List.copyOf(s.groups().keySet()));
        assertEquals(Map.of("f", 2L, "m", 1L, "x", 1L), s.groups().get("gender"));
        assertEquals(List.of("f", "m", "x"), List.copyOf(s.groups().get("gender").keySet()));
        assertEquals(Map.of("a", 2L, "b", 2L), s.groups().get("race"));
        assertEquals(Map.of(
                "gender", Map.of("neg", Map.of("f", 1L, "x", 1L), "pos", Map.of("f", 1L, "m", 1L)),
                "race", Map.of("neg", Map.of("b", 2L), "pos", Map.of("a", 2L))), s.labelByGroup());
        assertEquals(14 / 4.0, s.meanTokens(), 1e-12);
        assertEquals(5, s.maxTokens());
        assertEquals(63 / 4.0, s.meanChars(), 1e-12);
        assertThrows(UnsupportedOperationException.class, () -> s.labels().put("z", 1L));
        assertThrows(UnsupportedOperationException.class, () -> s.groups().get("gender").put("z", 1L));
    }

    @Test
    void unlabelledTextHasNoLabelsOrGroups() {
        Path f = write(dir.resolve("in.txt"), "one two three\n\nfour\n");
        CorpusSummary s;
        try (RecordReader r = CorpusReaders.open(f)) {
            s = CorpusSummary.of(r, FieldMapping.DEFAULT, ProgressListener.NONE);
        }
        assertEquals(2, s.records());
        assertEquals(1, s.blankLines());
        assertEquals(0, s.skipped());
        assertEquals(Map.of(), s.labels());
        assertEquals(Map.of(), s.groups());
        assertEquals(Map.of(), s.labelByGroup());
        assertEquals(2.0, s.meanTokens(), 1e-12);
        assertEquals(3, s.maxTokens());
        assertEquals(17 / 2.0, s.meanChars(), 1e-12);
    }
}
