package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.ids;
import static dev.debias.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadOptions#uniqueIds()}: the first repeated id is an error naming the id and both lines. */
class DuplicateIdsTest {
    @TempDir
    Path dir;

    private static final ReadOptions UNIQUE = ReadOptions.defaults()
            .withFields(FieldMapping.DEFAULT.withIdField("id")).withUniqueIds(true);

    private static List<Record> read(Path f, ReadOptions o) {
        List<Record> out = new ArrayList<>();
        try (RecordReader r = CorpusReaders.open(f, o)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void aRepeatedIdInJsonLinesNamesTheIdAndBothLines() {
        Path f = write(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"}\n"
                + "{\"id\":\"c\",\"text\":\"z\"}\n{\"id\":\"b\",\"text\":\"w\"}\n");
        var e = assertFailsAt(CorpusFormatException.class, f, 5, () -> read(f, UNIQUE));
        assertEquals("the id 'b' is also the id of the record on line 3; ids (named by setting 'id field') must be "
                + "unique: give each record its own id", e.reason());
        // not asked for: read as before
        assertEquals(List.of("a", "b", "c", "b"), ids(read(f, UNIQUE.withUniqueIds(false))));
        // skipping invalid records does not skip a duplicate
        assertFailsAt(CorpusFormatException.class, f, 5, () -> read(f, UNIQUE.withSkipInvalid(true)));
    }

    @Test
    void csvNamesTheLineEachRecordStartsOn() {
        Path f = write(dir.resolve("in.csv"), "id,text\na,\"two\nlines\"\nb,y\na,z\n");
        var e = assertFailsAt(CorpusFormatException.class, f, 5, () -> read(f, UNIQUE));
        assertTrue(e.reason().startsWith("the id 'a' is also the id of the record on line 2;"), e.reason());
    }

    @Test
    void uniqueIdsAndLineNumberIdsPass() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            s.append("{\"id\":\"r").append(i).append("\",\"text\":\"t\"}\n");
        }
        Path f = write(dir.resolve("many.jsonl"), s.toString());
        assertEquals(20_000, read(f, UNIQUE).size());
        Path t = write(dir.resolve("t.txt"), "same\nsame\n");
        assertEquals(List.of("1", "2"), ids(read(t, ReadOptions.defaults().withUniqueIds(true))));
    }

    @Test
    void theHashSetGrowsAndSeesARepeat() {
        IdHashes h = new IdHashes();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(h.add("id-" + i));
        }
        assertEquals(100_000, h.size());
        assertFalse(h.add("id-77"));
        assertTrue(h.add("id-100000"));
    }
}
