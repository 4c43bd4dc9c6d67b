package dev.debias.corpus.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.WriteOptions;
import dev.debias.corpus.prep.FilterConfig.FieldCondition;
import dev.debias.corpus.prep.FilterConfig.LexiconCondition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilterTest {
    @TempDir
    Path dir;

    /** A stand-in lexicon: "she" names female, "he" male, "black" black (axis race). */
    static final class WordDetector implements AxisDetector {
        private final String axis;
        private final Map<String, String> words;
        int calls;

        WordDetector(String axis, Map<String, String> words) {
            this.axis = axis;
            this.words = words;
        }

        @Override
        public String axis() {
            return axis;
        }

        @Override
        public List<String> groups() {
            return words.values().stream().distinct().sorted().toList();
        }

        @Override
        public List<String> detect(Record r) {
            calls++;
            List<String> text = List.of(r.text().toLowerCase(java.util.Locale.ROOT).split(" "));
            return groups().stream().filter(g -> words.entrySet().stream()
                    .anyMatch(e -> e.getValue().equals(g) && text.contains(e.getKey()))).toList();
        }
    }

    static final WordDetector GENDER = new WordDetector("gender", Map.of("she", "female", "he", "male"));

    private static Record rec(String text, String label, String gender) {
        return new Record("1", text, label, Map.of("gender", gender), Provenance.original("x.jsonl:1"));
    }

    private static final FieldMapping FIELDS = new FieldMapping("text", "label", List.of(), null);

    private static CorpusFilter filter(List<String> where, List<String> whereNot, List<LexiconCondition> match,
            List<LexiconCondition> noMatch) {
        return new CorpusFilter(new FilterConfig(where.stream().map(FieldCondition::parse).toList(),
                whereNot.stream().map(FieldCondition::parse).toList(), match, noMatch), FIELDS);
    }

    @Test
    void valuesOfOneFieldAreAlternativesAndFieldsMustAllHold() {
        CorpusFilter f = filter(List.of("gender=female", "gender=male", "label=1"), List.of(), List.of(), List.of());
        assertTrue(f.keeps(rec("x", "1", "female")));
        assertTrue(f.keeps(rec("x", "1", "male")));
        assertFalse(f.keeps(rec("x", "0", "female")), "label must be 1");
        assertFalse(f.keeps(rec("x", "1", "")), "gender must be female or male");
    }

    @Test
    void whereNotDropsAndValuesCompareExactly() {
        CorpusFilter f = filter(List.of(), List.of("gender=female"), List.of(), List.of());
        assertFalse(f.keeps(rec("x", "1", "female")));
        assertTrue(f.keeps(rec("x", "1", "Female")), "case counts");
        assertTrue(f.keeps(rec("x", "1", "male")));
    }

    @Test
    void lexiconConditionsKeepAndDropByTheGroupsTheTextNames() {
        CorpusFilter anyGender = filter(List.of(), List.of(), List.of(new LexiconCondition(GENDER, null)), List.of());
        assertTrue(anyGender.keeps(rec("she left", "1", "")));
        assertFalse(anyGender.keeps(rec("they left", "1", "")));
        CorpusFilter femaleOnly = filter(List.of(), List.of(), List.of(new LexiconCondition(GENDER, "female")),
                List.of(new LexiconCondition(GENDER, "male")));
        assertTrue(femaleOnly.keeps(rec("she left", "1", "")));
        assertFalse(femaleOnly.keeps(rec("she and he left", "1", "")), "names male too");
        assertFalse(femaleOnly.keeps(rec("he left", "1", "")));
        CorpusFilter none = filter(List.of(), List.of(), List.of(), List.of(new LexiconCondition(GENDER, null)));
        assertTrue(none.keeps(rec("they left", "1", "")));
        assertFalse(none.keeps(rec("he left", "1", "")));
    }

    @Test
    void anAxisIsMatchedOncePerRecord() {
        WordDetector d = new WordDetector("gender", Map.of("she", "female", "he", "male"));
        CorpusFilter f = filter(List.of(), List.of(), List.of(new LexiconCondition(d, "female")),
                List.of(new LexiconCondition(d, "male")));
        f.keeps(rec("she left", "1", ""));
        assertEquals(1, d.calls);
    }

    @Test
    void refusesUnknownGroupsMissingFieldsAndBadConditions() {
        assertThrows(IllegalArgumentException.class, () -> new LexiconCondition(GENDER, "nonbinary"));
        assertThrows(IllegalArgumentException.class, () -> FieldCondition.parse("gender"));
        assertThrows(IllegalArgumentException.class, () -> new FilterConfig(List.of(), List.of(), List.of(), List.of()));
        CorpusFilter f = filter(List.of("race=black"), List.of(), List.of(), List.of());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.keeps(rec("x", "1", "female")));
        assertTrue(e.getMessage().startsWith("x.jsonl:1: no field 'race'"), e.getMessage());
        assertEquals("", FieldCondition.parse("gender=").value());
    }

    @Test
    void filtersAFileAndCounts() throws IOException {
        Path in = PrepFixtures.twenty(dir.resolve("c.jsonl"), 1, 20);
        Path out = dir.resolve("b.jsonl");
        FilterResult r = new CorpusFilter(new FilterConfig(List.of(FieldCondition.parse("grp=b")), List.of(), List.of(),
                List.of()), FieldMapping.DEFAULT).filter(in, ReadOptions.defaults(), out, WriteOptions.defaults(),
                ProgressListener.NONE);
        assertEquals(20, r.records());
        assertEquals(8, r.kept());
        assertEquals(12, r.dropped());
        List<String> expected = new ArrayList<>();
        for (int k = 13; k <= 20; k++) {
            expected.add(Integer.toString(k));
        }
        assertEquals(expected, PrepFixtures.ids(out));
    }
}
