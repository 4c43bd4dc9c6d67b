package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.debias.audit.Axis;
import dev.debias.audit.count.Feature;
import dev.debias.augment.AugmenterTest.Support;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where groups come from ({@link GroupInference}), a record's group ({@link GroupDetector}) and the audit's rates ({@link AuditRates}). */
class GroupDetectionTest {
    static Axis gender;

    @TempDir
    Path dir;

    @BeforeAll
    static void axis() {
        gender = Axis.parse("builtin:gender,builtin:names", false).stream().filter(a -> a.name().equals("gender"))
                .findFirst().orElseThrow();
        assertEquals(List.of("female", "male"), gender.groups());
    }

    private static Record rec(String text, Map<String, String> attrs) {
        Record r = Record.of("x", text);
        for (var e : attrs.entrySet()) {
            r = r.withAttribute(e.getKey(), e.getValue());
        }
        return r;
    }

    @Test
    void byTheFieldAValueInAnyStyleStandsForItsGroup() {
        GroupDetector d = new GroupDetector(gender, "gender");
        assertEquals(0, d.group(rec("He runs.", Map.of("gender", "Female"))), "the field, not the text");
        assertEquals(0, d.group(rec("", Map.of("gender", "f"))));
        assertEquals(1, d.group(rec("", Map.of("gender", "M"))));
        assertEquals(1, d.group(rec("", Map.of("gender", "MALE"))));
        assertEquals(-1, d.group(rec("She runs.", Map.of("gender", "x"))));
        assertEquals(-1, d.group(rec("She runs.", Map.of())), "no field: no group");
    }

    @Test
    void byTheLexiconOnlyTextsWithOneGroupHaveOne() {
        GroupDetector d = new GroupDetector(gender, null);
        assertEquals(0, d.group(rec("She runs every day.", Map.of("gender", "male"))), "the text, not the field");
        assertEquals(1, d.group(rec("His brother John runs.", Map.of())));
        assertEquals(-1, d.group(rec("She met him.", Map.of())), "both groups");
        assertEquals(-1, d.group(rec("The lake froze.", Map.of())), "none");
    }

    @Test
    void theFirstGroupFieldWhoseValuesMostlyStandForGroupsIsTaken() throws IOException {
        List<Record> rs = new ArrayList<>();
        String[] sex = {"female", "M", "x", "F"};
        String[] half = {"female", "male", "", "?"};
        for (int i = 0; i < 4; i++) {
            rs.add(Record.of(Integer.toString(i), "Text " + i + ".").withAttribute("role", "staff")
                    .withAttribute("half", half[i]).withAttribute("sex", sex[i]));
        }
        Path in = Support.write(dir.resolve("in.jsonl"), rs);
        // role: no value maps; half: 2 of 4 (not more than half); sex: 3 of 4
        assertEquals("sex", GroupInference.groupField(in, fields("role", "half", "sex"), gender));
        assertEquals("sex", GroupInference.groupField(in, fields("sex", "half"), gender), "the first that qualifies");
        assertNull(GroupInference.groupField(in, fields("role", "half"), gender));
        assertNull(GroupInference.groupField(in, fields(), gender), "no group field: the lexicon");
    }

    @Test
    void onlyTheFirstThousandRecordsAreLookedAt() throws IOException {
        List<Record> rs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rs.add(Record.of(Integer.toString(i), "t").withAttribute("g", i < GroupInference.SAMPLE ? "?" : "female"));
        }
        Path in = Support.write(dir.resolve("late.jsonl"), rs);
        assertNull(GroupInference.groupField(in, fields("g"), gender), "2,000 of 3,000 map, but none of the first 1,000");
    }

    private static ReadOptions fields(String... groupFields) {
        return ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id").withGroupFields(List.of(groupFields)));
    }

    @Test
    void groupFeaturesTakeEveryValueThatStandsForTheGroup() {
        List<Feature> fs = AuditRates.groupFeatures(gender, "sex", List.of("F", "female", "Female", "male", "other", ""));
        assertEquals(List.of(
                new Feature.AnyOf("female", List.of(Feature.FieldValue.attribute("sex", "F"),
                        Feature.FieldValue.attribute("sex", "female"), Feature.FieldValue.attribute("sex", "Female"))),
                new Feature.AnyOf("male", List.of(Feature.FieldValue.attribute("sex", "male")))), fs);
        assertEquals(gender.features(), AuditRates.groupFeatures(gender, null, List.of("female")), "the lexicon's own");
    }

    @Test
    void auditRatesArePerLabelSharesAmongRecordsWithExactlyOneGroup() throws IOException {
        Path in = Support.write(dir.resolve("rates.jsonl"), List.of(
                Support.rec("1", "She sings.", "a", "F"),
                Support.rec("2", "She reads.", "a", "female"),
                Support.rec("3", "He runs.", "a", "M"),
                Support.rec("4", "She met him.", "a", "female"),
                Support.rec("5", "The lake froze.", "b", "")));
        ReadOptions read = Support.READ;
        Map<String, Map<String, Double>> byLexicon = new AuditRates(gender, null, 1).of(in, read, dir.resolve("i1"), null);
        // the lexicon: record 4 has both groups, so a is 2 female of 3; b has no grouped record
        assertEquals(List.of("a", "b"), List.copyOf(byLexicon.keySet()));
        assertEquals(2.0 / 3, byLexicon.get("a").get("female"), 1e-12);
        assertEquals(1.0 / 3, byLexicon.get("a").get("male"), 1e-12);
        assertNull(byLexicon.get("b").get("female"));
        Map<String, Map<String, Double>> byField = new AuditRates(gender, "gender", 1).of(in, read, dir.resolve("i2"), null);
        // the field: F, female and female are female, M male
        assertEquals(0.75, byField.get("a").get("female"), 1e-12);
        assertEquals(0.25, byField.get("a").get("male"), 1e-12);
    }
}
