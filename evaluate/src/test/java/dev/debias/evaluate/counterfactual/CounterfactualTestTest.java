package dev.debias.evaluate.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counterfactual flip test against a hand-written rule model whose every number can be worked out
 * by hand, and once against a fine-tuned tiny BERT.
 */
class CounterfactualTestTest {
    private static final double Z = 1.959963984540054;

    /** The gender swapper with the built-in lexicons, built once (it loads lexicons and POS models). */
    private static final CounterfactualSwapper SWAPPER = CounterfactualSwapper.builder().build();

    @TempDir
    static Path shared;

    private static Path runDir;

    @BeforeAll
    static void trainToyRun() throws IOException {
        TinyBert.Toy toy = TinyBert.toy(shared);
        runDir = shared.resolve("run");
        FineTuner.builder().setConfig(toy.config()).setRunDir(runDir).build().run();
    }

    /**
     * A rule model over labels A and B: p(A) = min(0.9375, 0.25 + 0.625 [the text has the word "she"]
     * + 0.375 [it has "her"]). Every probability is a dyadic fraction, exact in a float, so the changes
     * below are exact. Records every text it is asked about.
     */
    static final class RuleModel implements Classifier {
        final List<String> seen = new ArrayList<>();

        @Override
        public List<String> labels() {
            return List.of("A", "B");
        }

        @Override
        public float[][] predict(List<String> texts) {
            seen.addAll(texts);
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                out[i] = new float[] {pA(texts.get(i)), 1 - pA(texts.get(i))};
            }
            return out;
        }

        static float pA(String text) {
            Set<String> words = new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z]+")));
            double p = 0.25 + (words.contains("she") ? 0.625 : 0) + (words.contains("her") ? 0.375 : 0);
            return (float) Math.min(0.9375, p);
        }
    }

    static Record rec(String id, String text) {
        return new Record(id, text, null, Map.of(), Provenance.original(id));
    }

    /*
     * By hand (original p(A) -> prediction; counterfactual; p of the original's prediction on it; change):
     * r1 she         0.875 A  "he likes the apple."             0.25  flip  0.625   female
     * r2 his         0.25  B  "Her dog is happy."                0.375 flip  0.375   male
     * r3 her + he    0.625 A  "His car is red and she is happy." 0.875 same  0.25    mixed (1 female, 1 male)
     * r4 she + he    0.875 A  "He and she eat."                  0.875 same  0       mixed
     * r5, r6: no gender term, not tested
     * r7 man         0.25  B  "The woman has a car."             0.75  same  0       male
     * r8 she + her   0.9375 A "He saw his cat."                  0.25  flip  0.6875  female (2 female)
     */
    static final List<Record> RECORDS = List.of(
            rec("r1", "she likes the apple."),
            rec("r2", "His dog is happy."),
            rec("r3", "Her car is red and he is happy."),
            rec("r4", "She and he eat."),
            rec("r5", "The bird is happy."),
            rec("r6", "They eat a banana."),
            rec("r7", "The man has a car."),
            rec("r8", "She saw her cat."));

    static CounterfactualResult run(Classifier c, List<Record> records, int worst, int bootstrap, long seed) {
        return CounterfactualTest.builder().setClassifier(c).optSwapper(SWAPPER).optWorstExamples(worst)
                .optBootstrap(bootstrap).optSeed(seed).build().run(records.iterator());
    }

    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z * Z;
        double center = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {x == 0 ? 0 : center - half, x == n ? 1 : center + half};
    }

    static void assertRate(long x, long n, Estimate e) {
        assertEquals((double) x / n, e.value(), 1e-12, e.toString());
        double[] ci = wilson(x, n);
        assertEquals(ci[0], e.low(), 1e-9, e.toString());
        assertEquals(ci[1], e.high(), 1e-9, e.toString());
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), "the interval brackets the rate: " + e);
    }

    /*
     * The chance flip rate, by hand from the table above. Tested: r1 r2 r3 r4 r7 r8.
     * Originals: r1 A, r2 B, r3 A, r4 A, r7 B, r8 A -> A 4, B 2.
     * Counterfactuals: r1 B, r2 A (0.625), r3 A, r4 A, r7 B, r8 B       -> A 3, B 3.
     * Shuffling the counterfactual predictions among the 6 records: 1 - (4*3 + 2*3) / 36 = 0.5.
     * female (r1, r8): originals A A, counterfactuals B B: 1 - (2*0 + 0*2) / 4 = 1.
     * male (r2, r7): originals B B, counterfactuals A B: 1 - (0*1 + 2*1) / 4 = 0.5.
     * mixed (r3, r4): originals A A, counterfactuals A A: 1 - 4/4 = 0.
     */
    @Test
    void theChanceFlipRateIsTheFlipRateOfShuffledCounterfactualPredictions() {
        CounterfactualResult r = run(new RuleModel(), RECORDS, 10, 0, 1);
        assertEquals(0.5, r.overall().chanceFlipRate(), 1e-12);
        Map<String, Double> byGroup = new java.util.TreeMap<>();
        r.byGroup().forEach(f -> byGroup.put(f.group(), f.chanceFlipRate()));
        assertEquals(Map.of("female", 1.0, "male", 0.5, "mixed", 0.0), byGroup);
        // and by brute force: the mean flip rate over all 720 orders of the counterfactual predictions
        String[] before = {"A", "B", "A", "A", "B", "A"};
        String[] after = {"B", "A", "A", "A", "B", "B"};
        double[] sum = {0};
        int[] count = {0};
        permute(new int[] {0, 1, 2, 3, 4, 5}, 0, order -> {
            int flips = 0;
            for (int i = 0; i < 6; i++) {
                flips += before[i].equals(after[order[i]]) ? 0 : 1;
            }
            sum[0] += flips / 6.0;
            count[0]++;
        });
        assertEquals(720, count[0]);
        assertEquals(sum[0] / count[0], r.overall().chanceFlipRate(), 1e-12);
    }

    private static void permute(int[] a, int from, java.util.function.Consumer<int[]> each) {
        if (from == a.length) {
            each.accept(a);
            return;
        }
        for (int i = from; i < a.length; i++) {
            int t = a[from];
            a[from] = a[i];
            a[i] = t;
            permute(a, from + 1, each);
            a[i] = a[from];
            a[from] = t;
        }
    }

    /** A rule model over labels A and B: p(A) = {@code high} when {@code says} holds for the lower-cased text, else {@code 1 - high}. */
    record KeywordRule(java.util.function.Predicate<String> says, float high) implements Classifier {
        @Override
        public List<String> labels() {
            return List.of("A", "B");
        }

        @Override
        public float[][] predict(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                float a = says.test(texts.get(i).toLowerCase(Locale.ROOT)) ? high : 1 - high;
                out[i] = new float[] {a, 1 - a};
            }
            return out;
        }
    }

    /** p(A) = 0.75 when the text has the word "black", else 0.25. */
    static final KeywordRule RACE_RULE = new KeywordRule(t -> Arrays.asList(t.split("[^a-z]+")).contains("black"), 0.75f);

    /*
     * By hand, swapper race black<->white (original prediction; counterfactual; flip; direction):
     * q1 "A Black student spoke."   A (0.75)  "A white student spoke."  -> B  flip   black->white
     * q2 "Black voters lined up."   A         "White voters lined up."  -> B  flip   black->white
     * q3 "A white nurse smiled."    B (0.25)  "A Black nurse smiled."   -> A  flip   white->black
     * q4 "White teachers met."      B         "Black teachers met."     -> A  flip   white->black
     * q5 "An Asian man waved."      not tested: asian is neither group of the pair, so nothing changes
     * q6 "A black car passed."      not tested: black modifies no person
     * Flip rates: black->white 2/2, white->black 2/2, pooled 4/4; the change is |0.25 - 0.75| = 0.5 each.
     */
    @Test
    void aMultiGroupAxisReportsEachDirectionApart() {
        CounterfactualSwapper race = CounterfactualSwapper.builder().optAxis("race").optPair("black", "white").build();
        List<Record> records = List.of(rec("q1", "A Black student spoke."), rec("q2", "Black voters lined up."),
                rec("q3", "A white nurse smiled."), rec("q4", "White teachers met."), rec("q5", "An Asian man waved."),
                rec("q6", "A black car passed."));
        CounterfactualResult r = CounterfactualTest.builder().setClassifier(RACE_RULE).optSwapper(race)
                .optBootstrap(100).optSeed(3).build().run(records.iterator());
        assertEquals("race", r.axis());
        assertEquals(6, r.records());
        assertEquals(4, r.overall().tested());
        assertRate(4, 4, r.overall().flipRate());
        assertEquals(List.of("black->white", "white->black"), r.byGroup().stream().map(FlipStatistics::group).toList());
        for (FlipStatistics f : r.byGroup()) {
            assertEquals(2, f.tested(), f.group());
            assertRate(2, 2, f.flipRate());
            assertEquals(0.5, f.meanAbsChange().value(), 1e-6, f.group());
        }
    }

    /*
     * Religion, christian<->muslim, a model that says A when it reads "mosque" or "muslim":
     * m1 "The Muslim family visited the mosque."  A  -> "The Christian family visited the church."  B  flip muslim->christian
     * m2 "Christians filled the church."          B  -> "Muslims filled the mosque."                A  flip christian->muslim
     * m3 "The rabbi read the Torah."              not tested: jewish is not in the pair
     * m4 "Jesus spoke."                           not tested: a protected figure changes nothing
     */
    @Test
    void religionReportsEachDirectionOfItsPair() {
        Classifier mosque = new KeywordRule(t -> t.contains("mosque") || t.contains("muslim"), 0.875f);
        CounterfactualSwapper religion = CounterfactualSwapper.builder().optAxis("religion").optPair("christian", "muslim")
                .build();
        CounterfactualResult r = CounterfactualTest.builder().setClassifier(mosque).optSwapper(religion)
                .optBootstrap(100).optSeed(3).build().run(List.of(rec("m1", "The Muslim family visited the mosque."),
                        rec("m2", "Christians filled the church."), rec("m3", "The rabbi read the Torah."),
                        rec("m4", "Jesus spoke.")).iterator());
        assertEquals(2, r.overall().tested());
        assertRate(2, 2, r.overall().flipRate());
        assertEquals(List.of("christian->muslim", "muslim->christian"),
                r.byGroup().stream().map(FlipStatistics::group).toList());
        assertEquals("The Christian family visited the church.", r.worst().stream()
                .filter(x -> x.id().equals("m1")).findFirst().orElseThrow().counterfactual());
        for (FlipStatistics f : r.byGroup()) {
            assertEquals(0.75, f.meanAbsChange().value(), 1e-6, f.group());
        }
    }

    @Test
    void aMultiGroupAxisNeedsOneMapping() {
        CounterfactualSwapper perGroup = CounterfactualSwapper.builder().optAxis("race").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CounterfactualTest.builder().setClassifier(RACE_RULE).optSwapper(perGroup).build());
        assertTrue(e.getMessage().contains("'race' has 6 groups") && e.getMessage().contains("pair"), e.getMessage());
    }

    @Test
    void theRuleModelBehavesAsDocumented() {
        assertEquals(0.875f, RuleModel.pA("she likes the apple."));
        assertEquals(0.625f, RuleModel.pA("Her car"));
        assertEquals(0.9375f, RuleModel.pA("She saw her cat."));
        assertEquals(0.25f, RuleModel.pA("he has his cat, sheep and herbs."), "whole words only");
    }

    @Test
    void countsFlipsAndChangesByHand() {
        RuleModel model = new RuleModel();
        CounterfactualResult r = run(model, RECORDS, 10, 200, 7);

        assertEquals("gender", r.axis());
        assertEquals(8, r.records());
        assertEquals(200, r.bootstrap());
        assertEquals(7, r.seed());

        FlipStatistics all = r.overall();
        assertEquals(FlipStatistics.ALL, all.group());
        assertEquals(6, all.tested(), "r5 and r6 hold no gender term");
        assertEquals(3, all.flipped());
        assertRate(3, 6, all.flipRate());
        double mean = (0.625 + 0.375 + 0.25 + 0 + 0 + 0.6875) / 6;
        assertEquals(mean, all.meanAbsChange().value(), 1e-12);
        assertNotNull(all.meanAbsChange().low(), "a bootstrap interval");
        assertTrue(all.meanAbsChange().low() <= mean && mean <= all.meanAbsChange().high(), all.meanAbsChange().toString());
        assertTrue(all.meanAbsChange().low() >= 0 && all.meanAbsChange().high() <= 0.6875, all.meanAbsChange().toString());

        // the untested records were never given to the model; the tested ones with their counterfactuals
        assertEquals(12, model.seen.size(), model.seen.toString());
        assertFalse(model.seen.contains("The bird is happy."));
        assertFalse(model.seen.contains("They eat a banana."));
        assertTrue(model.seen.containsAll(List.of("he likes the apple.", "Her dog is happy.",
                "His car is red and she is happy.", "He and she eat.", "The woman has a car.", "He saw his cat.")),
                model.seen.toString());
    }

    @Test
    void groupsAreFemaleMaleAndMixed() {
        CounterfactualResult r = run(new RuleModel(), RECORDS, 10, 200, 7);
        assertEquals(List.of("female", "male", "mixed"), r.byGroup().stream().map(FlipStatistics::group).toList());
        FlipStatistics female = r.byGroup().get(0);
        FlipStatistics male = r.byGroup().get(1);
        FlipStatistics mixed = r.byGroup().get(2);
        assertEquals(List.of(2L, 2L), List.of(female.tested(), female.flipped()));
        assertEquals(List.of(2L, 1L), List.of(male.tested(), male.flipped()));
        assertEquals(List.of(2L, 0L), List.of(mixed.tested(), mixed.flipped()));
        assertRate(2, 2, female.flipRate());
        assertRate(1, 2, male.flipRate());
        assertRate(0, 2, mixed.flipRate());
        assertEquals((0.625 + 0.6875) / 2, female.meanAbsChange().value(), 1e-12);
        assertEquals((0.375 + 0) / 2, male.meanAbsChange().value(), 1e-12);
        assertEquals((0.25 + 0) / 2, mixed.meanAbsChange().value(), 1e-12);
        assertEquals(r.overall().tested(), r.byGroup().stream().mapToLong(FlipStatistics::tested).sum());
        assertEquals(r.overall().flipped(), r.byGroup().stream().mapToLong(FlipStatistics::flipped).sum());
    }

    /*
     * The per-record outcomes, from the table above (signed change = p of the original's prediction on the
     * counterfactual minus on the original): r1 ordinal 0, flip, 0.25 - 0.875 = -0.625, female; r2 1, flip,
     * 0.375 - 0.75 = -0.375, male; r3 2, same, 0.875 - 0.625 = +0.25, mixed; r4 3, same, 0, mixed; r7 6, same,
     * 0.75 - 0.75 = 0, male; r8 7, flip, 0.25 - 0.9375 = -0.6875, female.
     */
    @Test
    void keepsEachTestedRecordsOutcomeInInputOrder(@TempDir Path dir) throws IOException {
        CounterfactualOutcomes o = run(new RuleModel(), RECORDS, 10, 0, 1).outcomes();
        assertEquals(6, o.size());
        List<String> ids = new ArrayList<>();
        List<Long> ordinals = new ArrayList<>();
        List<Boolean> flips = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            ids.add(o.key(i));
            ordinals.add(o.ordinal(i));
            flips.add(o.flipped(i));
            changes.add(o.change(i));
            groups.add(o.group(i));
        }
        assertEquals(List.of("r1", "r2", "r3", "r4", "r7", "r8"), ids);
        assertEquals(List.of(0L, 1L, 2L, 3L, 6L, 7L), ordinals);
        assertEquals(List.of(true, true, false, false, false, true), flips);
        assertEquals(List.of(-0.625, -0.375, 0.25, 0.0, 0.0, -0.6875), changes);
        assertEquals(List.of("female", "male", "mixed", "mixed", "male", "female"), groups);

        Path file = dir.resolve(CounterfactualFile.FILE);
        CounterfactualFile.write(o, file);
        assertEquals(o, CounterfactualFile.read(file), "the file reads back to the same outcomes");
        assertTrue(java.nio.file.Files.readAllLines(file).get(0).contains("\"id\":\"r1\""),
                java.nio.file.Files.readAllLines(file).get(0));
    }

    @Test
    void withoutIdsTheOutcomesNameRecordsByOrdinal() {
        CounterfactualOutcomes o = CounterfactualTest.builder().setClassifier(new RuleModel()).optSwapper(SWAPPER)
                .optRecordIds(false).optBootstrap(0).build().run(RECORDS.iterator()).outcomes();
        // r1, r2, r3, r4, r7, r8 are the 0-based ordinals 0, 1, 2, 3, 6, 7
        assertNull(o.id(0));
        assertEquals(List.of("#0", "#1", "#2", "#3", "#6", "#7"),
                java.util.stream.IntStream.range(0, o.size()).mapToObj(o::key).toList());
    }

    @Test
    void groupOfIsTheMajorityOrMixedOnATie() {
        assertEquals("female", CounterfactualTest.groupOf(Map.of("female", 2, "male", 1)));
        assertEquals("male", CounterfactualTest.groupOf(Map.of("male", 1)));
        assertEquals("mixed", CounterfactualTest.groupOf(Map.of("female", 1, "male", 1)));
        assertEquals("(none)", CounterfactualTest.groupOf(Map.of()));
    }

    @Test
    void worstExamplesAreFlipsFirstThenLargerChange() {
        CounterfactualResult r = run(new RuleModel(), RECORDS, 10, 0, 1);
        // flips by change (r8 0.6875, r1 0.625, r2 0.375), then the rest (r3 0.25; r4 and r7 0, in input order)
        assertEquals(List.of("r8", "r1", "r2", "r3", "r4", "r7"), r.worst().stream().map(CounterfactualExample::id).toList());
        CounterfactualExample r8 = r.worst().get(0);
        assertEquals("She saw her cat.", r8.text());
        assertEquals("He saw his cat.", r8.counterfactual());
        assertEquals("A", r8.prediction());
        assertEquals("B", r8.counterfactualPrediction());
        assertEquals(0.9375, r8.probability(), 0);
        assertEquals(0.25, r8.counterfactualProbability(), 0, "p of the original's label A on the counterfactual");
        assertTrue(r8.flipped());
        assertEquals(0.6875, r8.change(), 0);

        CounterfactualExample r2 = r.worst().get(2);
        assertEquals("B", r2.prediction());
        assertEquals(0.75, r2.probability(), 0);
        assertEquals("A", r2.counterfactualPrediction());
        assertEquals(0.375, r2.counterfactualProbability(), 0, "p of B on the counterfactual");

        CounterfactualExample r3 = r.worst().get(3);
        assertFalse(r3.flipped());
        assertEquals(0.25, r3.change(), 0);
    }

    @Test
    void worstExamplesAreLimited() {
        assertEquals(List.of("r8", "r1", "r2"), run(new RuleModel(), RECORDS, 3, 0, 1).worst().stream()
                .map(CounterfactualExample::id).toList());
        assertEquals(List.of("r8"), run(new RuleModel(), RECORDS, 1, 0, 1).worst().stream()
                .map(CounterfactualExample::id).toList());
        CounterfactualResult none = run(new RuleModel(), RECORDS, 0, 0, 1);
        assertEquals(List.of(), none.worst());
        assertEquals(3, none.overall().flipped(), "keeping no examples changes no statistic");
    }

    @Test
    void manyChunksGiveTheSameAsOne() {
        // 700 records: more than two chunks of 256, with untested records between tested ones
        List<Record> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            for (Record r : RECORDS.subList(0, 7)) {
                many.add(rec(r.id() + "-" + i, r.text()));
            }
        }
        CounterfactualResult r = run(new RuleModel(), many, 4, 0, 1);
        assertEquals(700, r.records());
        assertEquals(500, r.overall().tested());
        assertEquals(200, r.overall().flipped());
        assertRate(200, 500, r.overall().flipRate());
        assertEquals((0.625 + 0.375 + 0.25) / 5, r.overall().meanAbsChange().value(), 1e-9);
        // the two largest flips are r1's (0.625), the earliest copies first; then r2's (0.375)
        assertEquals(List.of("r1-0", "r1-1", "r1-2", "r1-3"), r.worst().stream().map(CounterfactualExample::id).toList());
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        CounterfactualResult a = run(new RuleModel(), RECORDS, 10, 300, 42);
        CounterfactualResult b = run(new RuleModel(), RECORDS, 10, 300, 42);
        assertEquals(a, b);
        CounterfactualResult c = run(new RuleModel(), RECORDS, 10, 300, 43);
        assertEquals(a.overall().meanAbsChange().value(), c.overall().meanAbsChange().value());
        assertEquals(a.overall().flipRate(), c.overall().flipRate(), "the Wilson interval does not depend on the seed");
    }

    @Test
    void bootstrapZeroGivesNoInterval() {
        CounterfactualResult r = run(new RuleModel(), RECORDS, 10, 0, 1);
        Estimate m = r.overall().meanAbsChange();
        assertEquals((0.625 + 0.375 + 0.25 + 0.6875) / 6, m.value(), 1e-12);
        assertNull(m.low());
        assertNull(m.high());
        assertTrue(m.undefined().contains("bootstrap off"), m.undefined());
        for (FlipStatistics g : r.byGroup()) {
            assertNull(g.meanAbsChange().low(), g.group());
        }
        assertNotNull(r.overall().flipRate().low(), "the flip rate keeps its Wilson interval");
    }

    @Test
    void recordsWithoutAnAxisTermLeaveTheFlipRateUndefinedNotZero() {
        RuleModel model = new RuleModel();
        CounterfactualResult r = run(model, List.of(rec("a", "The bird is happy."), rec("b", "They eat a banana."),
                rec("c", "It was a good day.")), 10, 100, 1);
        assertEquals(3, r.records());
        assertEquals(0, r.overall().tested());
        assertEquals(0, r.overall().flipped());
        assertFalse(r.overall().flipRate().isDefined(), r.overall().flipRate().toString());
        assertNull(r.overall().flipRate().value(), "undefined, never 0");
        assertTrue(r.overall().flipRate().undefined().contains("no record held a term"), r.overall().flipRate().undefined());
        assertFalse(r.overall().meanAbsChange().isDefined());
        assertEquals(List.of(), r.byGroup());
        assertEquals(List.of(), r.worst());
        assertEquals(List.of(), model.seen, "nothing to predict");

        CounterfactualResult empty = run(model, List.of(), 10, 100, 1);
        assertEquals(0, empty.records());
        assertFalse(empty.overall().flipRate().isDefined());
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThrows(IllegalArgumentException.class, () -> CounterfactualTest.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> CounterfactualTest.builder().setClassifier(new RuleModel()).optWorstExamples(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> CounterfactualTest.builder().setClassifier(new RuleModel()).optBootstrap(-1).build());
        // the default swapper is the gender one
        CounterfactualResult r = CounterfactualTest.builder().setClassifier(new RuleModel()).optBootstrap(0).build()
                .run(RECORDS.iterator());
        assertEquals("gender", r.axis());
        assertEquals(6, r.overall().tested());
    }

    @Test
    void aFineTunedTinyBertRunsAndGivesSaneValues() throws Exception {
        List<Record> eval = TinyBert.toy("e", 60, 2, 2);
        long withTerm = eval.stream().filter(r -> {
            List<String> words = Arrays.asList(r.text().toLowerCase(Locale.ROOT).replace(".", "").split(" "));
            return words.contains("he") || words.contains("she") || words.contains("his") || words.contains("her");
        }).count();
        assertTrue(withTerm > 5 && withTerm < 60, "the toy corpus has some gendered texts: " + withTerm);

        CounterfactualResult r;
        try (Predictor p = Predictor.load(runDir)) {
            Classifier c = Classifier.of(p);
            assertEquals(List.of("alpha", "beta"), c.labels());
            r = CounterfactualTest.builder().setClassifier(c).optSwapper(SWAPPER).optBootstrap(200).build()
                    .run(eval.iterator());
        }
        assertEquals(60, r.records());
        assertEquals(withTerm, r.overall().tested());
        FlipStatistics all = r.overall();
        assertTrue(all.flipped() >= 0 && all.flipped() <= all.tested());
        assertTrue(all.flipRate().low() <= all.flipRate().value() && all.flipRate().value() <= all.flipRate().high());
        assertTrue(all.meanAbsChange().value() >= 0 && all.meanAbsChange().value() <= 1, all.meanAbsChange().toString());
        assertTrue(all.meanAbsChange().low() <= all.meanAbsChange().value()
                && all.meanAbsChange().value() <= all.meanAbsChange().high(), all.meanAbsChange().toString());
        assertEquals(all.tested(), r.byGroup().stream().mapToLong(FlipStatistics::tested).sum());
        assertEquals(Math.min(10, withTerm), r.worst().size());
        for (CounterfactualExample x : r.worst()) {
            assertNotEquals(x.text(), x.counterfactual());
            assertTrue(Set.of("alpha", "beta").contains(x.prediction()));
            assertTrue(x.probability() >= 0.5 && x.probability() <= 1, "the argmax of two classes: " + x);
        }
        for (int i = 1; i < r.worst().size(); i++) {
            CounterfactualExample a = r.worst().get(i - 1);
            CounterfactualExample b = r.worst().get(i);
            assertTrue(a.flipped() && !b.flipped() || a.flipped() == b.flipped() && a.change() >= b.change(),
                    "flips first, then larger change: " + r.worst());
        }
    }
}
