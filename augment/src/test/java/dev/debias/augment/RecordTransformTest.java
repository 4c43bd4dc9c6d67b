package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.Axis;
import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Direction;
import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-mode transforms of one record and the records they write ({@link RecordRewriter}). */
class RecordTransformTest {
    static CounterfactualSwapper swapper;
    static Axis gender;
    static RecordRewriter rewriter;

    @BeforeAll
    static void setUp() {
        swapper = CounterfactualSwapper.builder().build();
        gender = Axis.parse("builtin:gender,builtin:names", false).stream().filter(a -> a.name().equals("gender"))
                .findFirst().orElseThrow();
        rewriter = new RecordRewriter(swapper, gender, List.of("gender"), true);
    }

    private static Record rec(String id, String text, String label, String gender) {
        return new Record(id, text, label, Map.of("gender", gender), Provenance.original("in.jsonl:" + id));
    }

    private static List<String> ids(Outcome o) {
        return o.records().stream().map(Record::id).toList();
    }

    private static String transform(Record r) {
        return r.attributes().get(Transforms.TRANSFORM);
    }

    // ------------------------------------------------------------------ RecordRewriter

    @Test
    void markAddsTheAugmentFieldsAndKeepsAnOriginalsProvenance() {
        Record r = rec("r1", "She runs.", "a", "female");
        Record o = RecordRewriter.original(r);
        assertEquals(r.id(), o.id());
        assertEquals(r.text(), o.text());
        assertEquals(Map.of("gender", "female", Transforms.SOURCE_ID, "r1", Transforms.TRANSFORM, Transforms.ORIGINAL,
                Transforms.SUBSTITUTIONS, ""), o.attributes());
        assertSame(r.provenance(), o.provenance());
        Record w = RecordRewriter.mark(r, "r1", r.text(), Transforms.REWEIGHED, List.of());
        assertSame(r.provenance(), w.provenance(), "reweighing changes no text: still the original");
        Record m = RecordRewriter.mark(r, "r1", "[MASK] runs.", Transforms.MASKED, List.of(new Substitution(0, 3, "She", "[MASK]")));
        assertEquals(Provenance.derived(r, Transforms.MASKED), m.provenance());
        assertEquals("0-3:She>[MASK]", m.attributes().get(Transforms.SUBSTITUTIONS));
    }

    @Test
    void markKeepsAnExistingSourceId() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(Transforms.SOURCE_ID, "older");
        Record r = new Record("r2", "He runs.", null, attrs, Provenance.original("x"));
        assertEquals("older", RecordRewriter.original(r).attributes().get(Transforms.SOURCE_ID));
    }

    @Test
    void aCounterfactualSwapsTextGroupFieldsAndASwappableLabel() {
        Record r = rec("r4", "The actress gave her best performance yet.", "actress", "Female");
        Counterfactual cf = swapper.swap(r.text());
        Record c = rewriter.counterfactual(r, cf, "-cf", Transforms.COUNTERFACTUAL);
        assertEquals("r4-cf", c.id());
        assertEquals("The actor gave his best performance yet.", c.text());
        assertEquals("Male", c.attributes().get("gender"), "in the value's own style");
        assertEquals("actor", c.label());
        assertEquals("r4", c.attributes().get(Transforms.SOURCE_ID));
        assertEquals(Substitution.format(cf.substitutions()), c.attributes().get(Transforms.SUBSTITUTIONS));
        assertEquals(Provenance.derived(r, Transforms.COUNTERFACTUAL), c.provenance());

        Record kept = new RecordRewriter(swapper, gender, List.of(), false).counterfactual(r, cf, "-cf",
                Transforms.COUNTERFACTUAL);
        assertEquals("actress", kept.label(), "labels never swap");
        assertEquals("Female", kept.attributes().get("gender"), "not a group field");
    }

    @Test
    void aOneWaySwapFlipsOnlyTheFieldsOfItsSourceGroup() {
        CounterfactualSwapper f2m = CounterfactualSwapper.builder().optDirection(Direction.FEMALE_TO_MALE).build();
        RecordRewriter rw = new RecordRewriter(f2m, gender, List.of("gender"), true);
        Record r = rec("r", "She told him.", "a", "male");
        Record c = rw.counterfactual(r, f2m.swap(r.text()), "-cf", Transforms.COUNTERFACTUAL);
        assertEquals("He told him.", c.text());
        assertEquals("male", c.attributes().get("gender"), "a male value is not flipped by a female-to-male swap");
    }

    // ------------------------------------------------------------------ CopyTransform

    @Test
    void twoSidedCopiesEveryRecordWhoseTextChanges() {
        RecordTransform t = CopyTransform.everyRecord(swapper, rewriter);
        Outcome o = t.apply(rec("r1", "She runs.", "a", "female"), 0);
        assertEquals(List.of("r1", "r1-cf"), ids(o));
        assertEquals("He runs.", o.records().get(1).text());
        assertEquals("male", o.records().get(1).attributes().get("gender"));
        assertEquals(List.of(Transforms.ORIGINAL, Transforms.COUNTERFACTUAL), o.records().stream()
                .map(RecordTransformTest::transform).toList());
        assertTrue(o.primary());
        assertEquals(1, o.copies());
        assertEquals(1, o.changed());
        assertEquals(List.of(new Substitution(0, 3, "She", "He")), o.subs());

        Outcome plain = t.apply(rec("r2", "The lake froze.", "a", ""), 1);
        assertEquals(List.of("r2"), ids(plain));
        assertEquals(0, plain.copies());
        assertEquals(List.of(), plain.subs());
    }

    @Test
    void plannedCopiesAndDropsFollowThePlanByOrdinal() {
        Plan plan = new Plan(new int[] {2, 0, 1, 3}, new boolean[] {false, false, true, true}, new double[0], Map.of(),
                List.of());
        RecordTransform t = CopyTransform.planned(swapper, rewriter, plan);
        Outcome two = t.apply(rec("a", "Her dog barks.", "x", "female"), 0);
        assertEquals(List.of("a", "a-cf", "a-cf2"), ids(two));
        assertEquals(2, two.copies());
        assertEquals(2, two.changed());
        assertEquals(2, two.subs().size(), "each copy's substitutions");
        assertEquals(List.of("b"), ids(t.apply(rec("b", "Her dog barks.", "x", "female"), 1)));
        Outcome dropped = t.apply(rec("c", "His cat sleeps.", "x", "male"), 2);
        assertFalse(dropped.primary());
        assertEquals(List.of("c-cf"), ids(dropped), "a dropped record's copies are still written");
        Outcome nothing = t.apply(rec("d", "The lake froze.", "x", ""), 3);
        assertFalse(nothing.primary());
        assertEquals(List.of(), ids(nothing), "dropped, and nothing to swap");
        assertEquals(List.of("e"), ids(t.apply(rec("e", "She runs.", "x", "female"), 9)), "past the plan: left alone");
    }

    // ------------------------------------------------------------------ SubstituteTransform

    @Test
    void theCoinSeedIsTheSeedXorTheOrdinalTimesTheGoldenGamma() {
        assertEquals(5, SubstituteTransform.coinSeed(5, 0));
        // 3 * 0x9E3779B97F4A7C15 = 0xDAA66D2C7DDF743F (mod 2^64), xor 5
        assertEquals(0xDAA66D2C7DDF743AL, SubstituteTransform.coinSeed(5, 3));
        SubstituteTransform t = new SubstituteTransform(swapper, rewriter, 5, 0.5);
        for (long ordinal = 0; ordinal < 50; ordinal++) {
            assertEquals(new SplittableRandom(SubstituteTransform.coinSeed(5, ordinal)).nextDouble() < 0.5, t.coin(ordinal));
        }
    }

    @Test
    void aboutTheShareAskedForIsSubstitutedAndAnotherSeedPicksOthers() {
        SubstituteTransform a = new SubstituteTransform(swapper, rewriter, 5, 0.3);
        SubstituteTransform b = new SubstituteTransform(swapper, rewriter, 6, 0.3);
        int heads = 0;
        int both = 0;
        for (long i = 0; i < 10_000; i++) {
            heads += a.coin(i) ? 1 : 0;
            both += a.coin(i) && b.coin(i) ? 1 : 0;
        }
        assertEquals(0.3, heads / 10_000.0, 0.02);
        assertEquals(0.09, both / 10_000.0, 0.015, "independent coins: 0.3 * 0.3");
    }

    @Test
    void substituteReplacesTheRecordOrLeavesItOriginal() {
        RecordTransform always = new SubstituteTransform(swapper, rewriter, 1, 1);
        Outcome s = always.apply(rec("r", "She runs.", "a", "female"), 7);
        assertEquals(List.of("r"), ids(s), "in its place, same id");
        assertEquals("He runs.", s.records().get(0).text());
        assertEquals(Transforms.SUBSTITUTED, transform(s.records().get(0)));
        assertEquals("male", s.records().get(0).attributes().get("gender"));
        assertEquals(1, s.changed());
        assertEquals(0, s.copies());
        Outcome plain = always.apply(rec("p", "The lake froze.", "a", ""), 8);
        assertEquals(Transforms.ORIGINAL, transform(plain.records().get(0)), "nothing to swap");
        assertEquals(0, plain.changed());
        Outcome never = new SubstituteTransform(swapper, rewriter, 1, 0).apply(rec("r", "She runs.", "a", "female"), 7);
        assertEquals("She runs.", never.records().get(0).text());
        assertEquals(Transforms.ORIGINAL, transform(never.records().get(0)));
    }

    // ------------------------------------------------------------------ MaskTransform, ReweighTransform

    @Test
    void maskReplacesEveryTermInPlace() {
        RecordTransform t = new MaskTransform(CounterfactualSwapper.builder().optPlaceholder("<X>").build());
        Outcome o = t.apply(rec("m", "She met Mary.", "a", "female"), 0);
        assertEquals("<X> met <X>.", o.records().get(0).text());
        assertEquals(Transforms.MASKED, transform(o.records().get(0)));
        assertEquals("female", o.records().get(0).attributes().get("gender"), "masking flips no field");
        assertEquals(1, o.changed());
        assertEquals(2, o.subs().size());
        Outcome plain = t.apply(rec("p", "The lake froze.", "a", ""), 1);
        assertEquals(Transforms.ORIGINAL, transform(plain.records().get(0)));
        assertEquals(0, plain.changed());
    }

    @Test
    void reweighWritesThePlannedWeightToTheFieldAndChangesNothingElse() {
        Plan plan = new Plan(new int[2], new boolean[2], new double[] {8.0 / 9, 2.5}, Map.of(), List.of());
        RecordTransform t = new ReweighTransform("w", plan);
        Record r = rec("r", "She runs.", "a", "female");
        Outcome o = t.apply(r, 0);
        Record w = o.records().get(0);
        assertEquals(Double.toString(8.0 / 9), w.attributes().get("w"));
        assertEquals("2.5", t.apply(r, 1).records().get(0).attributes().get("w"));
        assertEquals(r.text(), w.text());
        assertEquals(Transforms.REWEIGHED, transform(w));
        assertSame(r.provenance(), w.provenance());
        assertEquals(0, o.changed());
        assertEquals("r", w.attributes().get(Transforms.SOURCE_ID));
    }

    @Test
    void eachModeHasItsTransform() {
        Plan plan = Plan.none();
        for (AugmentMode m : AugmentMode.values()) {
            AugmentConfig c = new AugmentConfig(m, swapper, "builtin:gender", 0.5, 0.5, null, false, 1, 1, "weight", true);
            Class<?> expected = switch (m) {
                case TWO_SIDED, ONE_SIDED, REBALANCE -> CopyTransform.class;
                case SUBSTITUTE -> SubstituteTransform.class;
                case MASK -> MaskTransform.class;
                case REWEIGH -> ReweighTransform.class;
            };
            assertEquals(expected, RecordTransform.forMode(c, rewriter, plan).getClass(), m.id());
        }
    }
}
