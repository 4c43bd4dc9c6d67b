package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.stats.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeededSplitTest {
    private static final FieldMapping FIELDS = new FieldMapping("t", "y", List.of("g"), "id");

    private static Path corpus(Path dir, int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"id\":\"r").append(i).append("\",\"t\":\"text ").append(i).append("\",\"y\":\"")
                    .append(i % 2 == 0 ? "a" : "b").append('"').append(",\"g\":\"").append(i % 3 == 0 ? "" : "f").append('"')
                    .append(",\"extra\":\"x\"}\n");
        }
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, b);
        return f;
    }

    private static List<Record> read(Path f) throws IOException {
        List<Record> out = new ArrayList<>();
        try (RecordReader r = CorpusReaders.open(f, ReadOptions.defaults()
                .withFields(new FieldMapping("text", "label", List.of("g"), "id")))) {
            while (r.hasNext()) {
                out.add(r.next());
            }
        }
        return out;
    }

    @Test
    void eachRecordGoesWhereItsSeededUnitSays(@TempDir Path dir) throws IOException {
        Path in = corpus(dir, 200);
        SeededSplit split = new SeededSplit(in, null, FIELDS, 0.2, 0.1, null, null, 4);
        Map<String, Long> counts = split.run(dir, ProgressListener.NONE);
        long test = 0;
        long dev = 0;
        for (long i = 0; i < 200; i++) {
            double u = Seeds.unit(4, i);
            SeededSplit.Part want = u < 0.2 ? SeededSplit.Part.TEST : u < 0.3 ? SeededSplit.Part.DEV : SeededSplit.Part.TRAIN;
            assertEquals(want, split.part(i), "record " + i);
            test += want == SeededSplit.Part.TEST ? 1 : 0;
            dev += want == SeededSplit.Part.DEV ? 1 : 0;
        }
        assertEquals(200, counts.get("read"));
        assertEquals(test, counts.get("test"));
        assertEquals(dev, counts.get("dev"));
        assertEquals(200 - test - dev, counts.get("train"));
        assertFalse(counts.containsKey("over_cap"));
        // records keep id, text, label and the group field only
        List<Record> all = new ArrayList<>();
        for (String f : List.of("train.jsonl", "dev.jsonl", "test.jsonl")) {
            all.addAll(read(dir.resolve(f)));
        }
        assertEquals(200, all.size());
        Record r0 = all.stream().filter(r -> r.id().equals("r0")).findFirst().orElseThrow();
        assertEquals("text 0", r0.text());
        assertEquals("a", r0.label());
        assertEquals(Map.of("g", ""), r0.attributes());
        Record r1 = all.stream().filter(r -> r.id().equals("r1")).findFirst().orElseThrow();
        assertEquals(Map.of("g", "f"), r1.attributes());
    }

    @Test
    void capsDropAndCountTheRecordsPastThem(@TempDir Path dir) throws IOException {
        Path in = corpus(dir, 200);
        Map<String, Long> free = new SeededSplit(in, null, FIELDS, 0.2, 0.1, null, null, 4)
                .run(Files.createDirectory(dir.resolve("free")), ProgressListener.NONE);
        Map<String, Long> capped = new SeededSplit(in, null, FIELDS, 0.2, 0.1, 50, 10, 4)
                .run(Files.createDirectory(dir.resolve("capped")), ProgressListener.NONE);
        assertEquals(50, capped.get("train"));
        assertEquals(10, capped.get("test"));
        assertEquals(free.get("dev"), capped.get("dev"));
        assertEquals(free.get("train") - 50 + free.get("test") - 10, capped.get("over_cap"));
    }

    @Test
    void aSeparateTestFileIsCopiedAndTheFileGivesTrainAndDev(@TempDir Path dir) throws IOException {
        Path in = corpus(dir, 60);
        Path testFile = dir.resolve("test-in.jsonl");
        Files.writeString(testFile, "{\"id\":\"t1\",\"t\":\"x\",\"y\":\"a\",\"g\":\"m\"}\n{\"id\":\"t2\",\"t\":\"y\",\"y\":\"b\",\"g\":\"f\"}\n");
        Path out = Files.createDirectory(dir.resolve("out"));
        Map<String, Long> c = new SeededSplit(in, testFile, FIELDS, 0.5, 0.25, null, null, 2).run(out, ProgressListener.NONE);
        assertEquals(2, c.get("test"));
        assertEquals(60, c.get("train") + c.get("dev"));
        assertEquals(List.of("t1", "t2"), read(out.resolve("test.jsonl")).stream().map(Record::id).toList());
    }

    @Test
    void anEmptyPartIsBadInputAndNothingIsPublished(@TempDir Path dir) throws IOException {
        Path in = corpus(dir, 20);
        Path out = Files.createDirectory(dir.resolve("out"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SeededSplit(in, null, FIELDS, 0.0, 0.1, null, null, 1).run(out, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("the test split is empty (20 records read)"), e.getMessage());
        assertFalse(Files.exists(out.resolve("train.jsonl")));
    }

    @Test
    void aRecordWithoutALabelIsBadInput(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"t\":\"x\"}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SeededSplit(in, null, FIELDS, 0.2, 0.1, null, null, 1).run(dir, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith(in + ":1:"), e.getMessage());
    }
}
