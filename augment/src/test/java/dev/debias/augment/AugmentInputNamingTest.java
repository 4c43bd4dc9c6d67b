package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record the output format refuses is named by the user's input file and line, never by the staging folder. */
class AugmentInputNamingTest {
    @TempDir
    Path dir;

    @Test
    void anIdAttributeReadWithoutTheIdFieldNamesTheInputLineNotTheStagedFile() throws Exception {
        // Read without an id field, each record's id is its line number and 'id' is an attribute, which the
        // output (whose id field is 'id') refuses. The first record (line 1) has no 'id' field, so the
        // first refused record is the second, on line 2, whose id is '2'.
        Path in = dir.resolve("x.jsonl");
        Files.write(in, List.of("{\"text\":\"She is a nurse.\"}", "{\"id\":\"a\",\"text\":\"He is a surgeon.\"}"));
        Path out = dir.resolve("out.jsonl");
        ReadOptions read = ReadOptions.defaults().withFields(FieldMapping.DEFAULT);
        var e = assertThrows(CorpusFormatException.class, () -> Augmenter.builder().setMode(AugmentMode.TWO_SIDED)
                .optThreads(1).build().run(in, read, out, WriteOptions.defaults()));
        assertEquals(in, e.file());
        assertEquals(2, e.line());
        assertEquals(in + ":2: record 2 has an attribute named 'id', which is also the name of the id, text, "
                + "label or provenance field of the output; if that field holds the record ids, read it with "
                + "setting 'id field' id", e.getMessage());
        assertFalse(e.getMessage().contains(".partial"), e.getMessage());
        assertFalse(e.getMessage().contains(Staging.prefix(out)), e.getMessage());
        assertFalse(Files.exists(out), "no output is published");
    }
}
