package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Record;
import dev.debias.lexicon.Lexicons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targeted copies, one-sided and substitute copies on the race axis, and mask and reweigh on an axis with no pairs. */
class MultiGroupTransformTest {
    static final CounterfactualSwapper RACE = CounterfactualSwapper.builder().optAxis("race").build();
    static final List<String> GROUPS = RACE.groups();

    @TempDir
    Path dir;

    static RecordRewriter rewriter(CounterfactualSwapper s) {
        return new RecordRewriter(s, MultiGroupAugmentTest.axis("race"), List.of(), true);
    }

    static List<String> ids(Outcome o) {
        return o.records().stream().map(Record::id).toList();
    }

    @Test
    void aTargetedCopyIsTheOwnGroupSwappedWithItsTarget() {
        int black = GROUPS.indexOf("black");
        int white = GROUPS.indexOf("white");
        int asian = GROUPS.indexOf("asian");
        Plan.Targets t = new Plan.Targets(GROUPS, new int[] {black, -1}, new int[][] {{white, asian, asian}, null});
        Plan plan = new Plan(new int[] {3, 0}, new boolean[] {false, false}, new double[0], Map.of(), List.of(), t);
        RecordTransform tr = CopyTransform.planned(RACE, rewriter(RACE), plan);
        Outcome o = tr.apply(Record.of("r1", "An African American nurse spoke.").withLabel("x"), 0);
        assertEquals(List.of("r1", "r1-cf-white", "r1-cf-asian", "r1-cf2-asian"), ids(o));
        assertEquals(List.of("An African American nurse spoke.", "A European American nurse spoke.",
                "An Asian American nurse spoke.", "An Asian American nurse spoke."),
                o.records().stream().map(Record::text).toList());
        assertEquals(List.of("original", "counterfactual:white", "counterfactual:asian", "counterfactual:asian"),
                o.records().stream().map(Support::transform).toList());
        assertEquals(3, o.copies());
        assertTrue(o.primary());
        Outcome none = tr.apply(Record.of("r2", "The lake froze.").withLabel("x"), 1);
        assertEquals(List.of("r2"), ids(none));
    }

    @Test
    void oneSidedWithAPairCopiesTheOverRepresentedGroupOnce() throws IOException {
        List<Record> in = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            in.add(Record.of("b" + i, "The African American nurse met family " + i + ".").withLabel("nurse"));
        }
        in.add(Record.of("w", "The European American nurse met family 9.").withLabel("nurse"));
        in.add(Record.of("a", "The Asian American nurse met family 8.").withLabel("nurse"));
        Path file = Support.write(dir.resolve("in.jsonl"), in);
        CounterfactualSwapper pair = CounterfactualSwapper.builder().optAxis("race").optPair("black", "white").build();
        AugmentSummary s = Support.run(Augmenter.builder().setMode(AugmentMode.ONE_SIDED).optSwapper(pair)
                .optAxisLexicon("builtin:race").optThreads(2), dir, file, Support.READ_LEXICON, dir.resolve("out.jsonl"));
        List<Record> out = MultiGroupAugmentTest.checkAccounting(s, dir.resolve("out.jsonl"));
        assertEquals(4, s.copies(), "one copy of each black record");
        assertEquals("The European American nurse met family 0.", out.get(1).text());
        assertEquals("b0-cf", out.get(1).id());
        // and with a per-group swapper, one copy toward each other group (5)
        AugmentSummary per = Support.run(Augmenter.builder().setMode(AugmentMode.ONE_SIDED).optSwapper(RACE)
                .optAxisLexicon("builtin:race").optThreads(2), dir, file, Support.READ_LEXICON, dir.resolve("per.jsonl"));
        assertEquals(20, per.copies());
        assertTrue(MultiGroupAugmentTest.checkAccounting(per, dir.resolve("per.jsonl")).stream()
                .anyMatch(r -> r.id().equals("b3-cf-native_american")));
    }

    @Test
    void substituteOnAPerGroupSwapperDrawsEachOtherGroupAboutEquallyOften() {
        SubstituteTransform t = new SubstituteTransform(RACE, rewriter(RACE), 1, 1.0);
        Map<String, Integer> byTarget = new TreeMap<>();
        int n = 600;
        for (int i = 0; i < n; i++) {
            Outcome o = t.apply(Record.of("r" + i, "The African American nurse spoke.").withLabel("x"), i);
            assertEquals(1, o.records().size());
            byTarget.merge(Support.transform(o.records().get(0)), 1, Integer::sum);
        }
        assertEquals(5, byTarget.size(), "" + byTarget);
        assertFalse(byTarget.containsKey("substituted:black"));
        // 120 expected each; a binomial(600, 0.2) sd is 9.8: within 4 sd
        byTarget.forEach((k, v) -> assertTrue(Math.abs(v - 120) <= 40, k + " " + v + " in " + byTarget));
    }

    @Test
    void maskAndReweighWorkOnAnAxisWithNoPairs() throws IOException {
        Path terms = Files.writeString(dir.resolve("caste.tsv"), "caste\tupper\tbrahmin\ncaste\tlower\tdalit\n"
                + "caste\tmiddle\tvaishya\n");
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("caste").optTerms(Lexicons.terms(terms.toString()))
                .optNames(null).optRaceNames(null).build();
        assertFalse(s.canSwap());
        List<Record> in = List.of(Record.of("1", "A brahmin priest.").withLabel("a"),
                Record.of("2", "A brahmin cook.").withLabel("a"), Record.of("3", "A dalit cook.").withLabel("b"),
                Record.of("4", "A vaishya trader.").withLabel("b"), Record.of("5", "A cook.").withLabel("b"));
        Path file = Support.write(dir.resolve("caste.jsonl"), in);
        AugmentSummary mask = Support.run(Augmenter.builder().setMode(AugmentMode.MASK).optSwapper(s)
                .optAxisLexicon(terms.toString()).optThreads(2), dir, file, Support.READ_LEXICON, dir.resolve("m.jsonl"));
        List<Record> masked = MultiGroupAugmentTest.checkAccounting(mask, dir.resolve("m.jsonl"));
        assertEquals("A [MASK] priest.", masked.get(0).text());
        assertEquals(4, mask.changed());
        AugmentSummary w = Support.run(Augmenter.builder().setMode(AugmentMode.REWEIGH).optSwapper(s)
                .optAxisLexicon(terms.toString()).optThreads(2), dir, file, Support.READ_LEXICON, dir.resolve("w.jsonl"));
        List<Record> weighted = MultiGroupAugmentTest.checkAccounting(w, dir.resolve("w.jsonl"));
        assertEquals(5, weighted.size());
        // upper: 2 of 4 grouped records, all in a (2 of 4): weight n(g) n(l) / (N n(g, l)) = 2 * 2 / (4 * 2) = 0.5
        assertEquals(0.5, w.weights().get("upper|a"), 1e-12);
        assertEquals("0.5", weighted.get(0).attributes().get(Transforms.WEIGHT));
        assertEquals("1.0", weighted.get(4).attributes().get(Transforms.WEIGHT), "no group: weight 1");
    }
}
