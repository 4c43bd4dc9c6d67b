package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTaggerTest {
    @TempDir
    Path dir;

    static final CorpusFilterTest.WordDetector GENDER = new CorpusFilterTest.WordDetector("gender",
            Map.of("she", "female", "he", "male"));
    static final CorpusFilterTest.WordDetector RACE = new CorpusFilterTest.WordDetector("race", Map.of("black", "black"));

    @Test
    void addsOneFieldPerAxisWithTheGroupsInOrderJoinedByABar() throws IOException {
        Path in = PrepFixtures.texts(dir.resolve("c.jsonl"), "she left", "he and she left", "they left", "black he");
        TagResult r = new CorpusTagger(List.of(GENDER, RACE), "").tag(in, ReadOptions.defaults(), dir.resolve("t.jsonl"),
                WriteOptions.defaults(), ProgressListener.NONE);
        List<Record> out = PrepFixtures.read(dir.resolve("t.jsonl"));
        // groups in the axis' order (female before male) whatever order the text names them in
        assertEquals(List.of("female", "female|male", "", "male"), out.stream().map(x -> x.attributes().get("gender")).toList());
        assertEquals(List.of("", "", "", "black"), out.stream().map(x -> x.attributes().get("race")).toList());
        assertEquals(List.of("gender", "race"), r.fields());
        assertEquals(Map.of("female", 1L, "female|male", 1L, "", 1L, "male", 1L), r.values().get("gender"));
    }

    @Test
    void aPrefixNamesTheFieldsAndAnExistingFieldIsRefused() {
        Record r = Record.of("1", "she left").withAttribute("gender", "f");
        assertEquals("female", new CorpusTagger(List.of(GENDER), "detected_").tag(r, FieldMapping.DEFAULT)
                .attributes().get("detected_gender"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CorpusTagger(List.of(GENDER), "").tag(r, FieldMapping.DEFAULT));
        assertTrue(e.getMessage().contains("already has a field 'gender'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CorpusTagger(List.of(GENDER, GENDER), ""));
    }
}
