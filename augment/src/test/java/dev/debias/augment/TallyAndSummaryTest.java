package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Direction;
import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running counts ({@link Tally}) and the summary made of them ({@link AugmentSummaries}). */
class TallyAndSummaryTest {
    @TempDir
    Path dir;

    private static Record out(String id, String transform) {
        return Record.of(id, "t").withAttribute(Transforms.TRANSFORM, transform);
    }

    private static Tally tally() {
        Tally t = new Tally();
        // an original with one copy (She>He), a dropped record with two copies (Her>His twice), a plain original
        t.add(new Outcome(List.of(out("a", Transforms.ORIGINAL), out("a-cf", Transforms.COUNTERFACTUAL)), true, 1, 1,
                List.of(new Substitution(0, 3, "She", "He"))));
        t.add(new Outcome(List.of(out("b-cf", Transforms.COUNTERFACTUAL), out("b-cf2", Transforms.COUNTERFACTUAL)), false,
                2, 2, List.of(new Substitution(0, 3, "Her", "His"), new Substitution(0, 3, "her", "his"))));
        t.add(new Outcome(List.of(out("c", Transforms.ORIGINAL)), true, 0, 0, List.of()));
        return t;
    }

    @Test
    void countsEveryRecordInAndOut() {
        Tally t = tally();
        assertEquals(3, t.in);
        assertEquals(5, t.out);
        assertEquals(2, t.originals);
        assertEquals(1, t.dropped);
        assertEquals(3, t.copies);
        assertEquals(3, t.changed);
        assertEquals(3, t.substitutions);
        assertEquals(List.of(Transforms.ORIGINAL, Transforms.COUNTERFACTUAL), List.copyOf(t.byTransform.keySet()),
                "in order of first appearance");
        assertEquals(Map.of(Transforms.ORIGINAL, 2L, Transforms.COUNTERFACTUAL, 3L), t.byTransform);
        assertEquals(Map.of("she>he", 1L, "her>his", 2L), t.byTerm, "lower-cased");
    }

    @Test
    void everySkippedRecordIsCountedAndTheFirstTwentyListed() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sb.append("{not json\n");
        }
        sb.append("{\"text\":\"fine\"}\n");
        Path in = Files.writeString(dir.resolve("bad.jsonl"), sb.toString());
        Tally t = new Tally();
        try (RecordReader r = CorpusReaders.open(in, ReadOptions.defaults().withSkipInvalid(true))) {
            while (r.hasNext()) {
                r.next();
            }
            t.skipped(r.report());
        }
        assertEquals(25, t.skipped);
        assertEquals(Tally.SKIPPED_LISTED, t.skippedRecords.size());
        assertTrue(t.skippedRecords.get(0).contains("bad.jsonl:1: "), t.skippedRecords.get(0));
        assertTrue(t.skippedRecords.get(19).contains("bad.jsonl:20: "), t.skippedRecords.get(19));
    }

    private static AugmentConfig config(AugmentMode mode, String targetGroup) {
        CounterfactualSwapper swapper = CounterfactualSwapper.builder().optDirection(Direction.MALE_TO_FEMALE).build();
        return new AugmentConfig(mode, swapper, "builtin:gender", 0.25, 0.4, targetGroup, mode == AugmentMode.REBALANCE,
                7, 3, "w", false);
    }

    @Test
    void theConfigHoldsEverySettingAndAModesOwnOnlyForIt() {
        assertEquals(List.of("mode", "axis", "axis_lexicon", "direction", "groups", "seed", "target_rate", "target_group", "allow_drop",
                "swap_labels", "groups_from"), List.copyOf(AugmentSummaries.config(config(AugmentMode.REBALANCE, null), null)
                .keySet()));
        Map<String, String> rebalance = AugmentSummaries.config(config(AugmentMode.REBALANCE, "male"), "gender");
        assertEquals("rebalance", rebalance.get("mode"));
        assertEquals("gender", rebalance.get("axis"));
        assertEquals("builtin:gender", rebalance.get("axis_lexicon"));
        assertEquals(Direction.MALE_TO_FEMALE.toString(), rebalance.get("direction"));
        assertEquals("7", rebalance.get("seed"));
        assertEquals("0.4", rebalance.get("target_rate"));
        assertEquals("male", rebalance.get("target_group"));
        assertEquals("true", rebalance.get("allow_drop"));
        assertEquals("never", rebalance.get("swap_labels"));
        assertEquals("field:gender", rebalance.get("groups_from"));
        assertEquals("", AugmentSummaries.config(config(AugmentMode.REBALANCE, null), null).get("target_group"));

        Map<String, String> substitute = AugmentSummaries.config(config(AugmentMode.SUBSTITUTE, null), null);
        assertEquals(List.of("mode", "axis", "axis_lexicon", "direction", "groups", "seed", "p", "swap_labels", "groups_from"),
                List.copyOf(substitute.keySet()));
        assertEquals("0.25", substitute.get("p"));
        assertEquals("lexicon", substitute.get("groups_from"));
        Map<String, String> reweigh = AugmentSummaries.config(config(AugmentMode.REWEIGH, null), null);
        assertEquals("w", reweigh.get("weight_field"));
        assertFalse(reweigh.containsKey("p") || reweigh.containsKey("target_rate"));
        assertEquals(List.of("mode", "axis", "axis_lexicon", "direction", "groups", "seed", "swap_labels", "groups_from"),
                List.copyOf(AugmentSummaries.config(config(AugmentMode.MASK, null), null).keySet()));
    }

    @Test
    void theRateDefinitionSaysWhereGroupsCameFrom() {
        assertEquals("per label, the share of each group among the label's records that hold exactly one group (detected "
                + "with the builtin:gender lexicon), counted by the audit module",
                AugmentSummaries.rateDefinition(config(AugmentMode.TWO_SIDED, null), null));
        assertEquals("per label, the share of each group among the label's records that hold exactly one group (by the "
                + "field sex), counted by the audit module; after: weighted",
                AugmentSummaries.rateDefinition(config(AugmentMode.REWEIGH, null), "sex"));
    }

    @Test
    void termsComeMostFrequentFirstThenByTerm() {
        Map<String, Long> sorted = AugmentSummaries.mostFrequentFirst(new java.util.TreeMap<>(
                Map.of("b>a", 2L, "c>d", 5L, "a>b", 2L, "z>y", 1L)));
        assertEquals(List.of("c>d", "a>b", "b>a", "z>y"), List.copyOf(sorted.keySet()));
    }

    @Test
    void theSummaryAccountsForEveryRecord() {
        Tally t = tally();
        AugmentSummary s = AugmentSummaries.summary(config(AugmentMode.REBALANCE, null), "in.jsonl", "abc", "out.jsonl", t,
                null, GroupValueMap.NONE, Map.of(), Map.of(), Map.of(), List.of("a warning"));
        assertEquals(AugmentSummary.SCHEMA, s.schema());
        assertEquals("rebalance", s.mode());
        assertEquals(3, s.recordsIn());
        assertEquals(5, s.recordsOut());
        assertEquals(2, s.originalsOut());
        assertEquals(1, s.dropped());
        assertTrue(s.countsBalance(), "3 in = 2 in place + 1 dropped");
        assertEquals(List.of("her>his", "she>he"), List.copyOf(s.substitutionsByTerm().keySet()));
        assertEquals(List.of("a warning"), s.warnings());
        t.in++;
        assertFalse(AugmentSummaries.summary(config(AugmentMode.REBALANCE, null), "in.jsonl", "abc", "out.jsonl", t, null,
                GroupValueMap.NONE, Map.of(), Map.of(), Map.of(), List.of()).countsBalance());
    }
}
