package dev.debias.upstream;

import dev.debias.finetune.train.SentenceEncoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.ProgressListener;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counterfactual gap and its gradients per head and neuron, on the tiny BERT: the gap matches
 * the one computed from {@code embed}, the gradients match central finite differences of the masks,
 * do not depend on the batch size, and leave the model as it was.
 */
class GapGradientsTest {
    /** 12 texts from the tiny vocabulary and their counterfactuals (he/she, his/her swapped). */
    static final List<String> ORIGINALS = List.of(
            "He likes the dog.",
            "She sees a big house in the city.",
            "His car is red.",
            "The cat eats her book.",
            "He has a small green tree.",
            "Her table is very old.",
            "He was happy today and she was sad.",
            "This is his river.",
            "She makes a good book in the morning.",
            "The bird sees his dog at night.",
            "He really likes her new car.",
            "Today she eats with the cat.");
    static final List<String> COUNTERFACTUALS = ORIGINALS.stream().map(GapGradientsTest::swap).toList();

    @TempDir
    static Path dir;

    private static PretrainedModel pre;

    /**
     * The tiny BERT (seed 5) with its matrices scaled by 10 (standard deviation 0.2 instead of 0.02):
     * at the N(0, 0.02) initialization attention is nearly uniform and the gate gradients are about
     * 1e-5, too small for absolute tolerances of 1e-5 to mean anything; scaled, they are 1e-4 to 1e-2.
     */
    @BeforeAll
    static void load() throws Exception {
        Path m = TinyBert.writeModel(dir.resolve("m"), 5);
        Weights w = new Weights();
        SafeTensors.read(m.resolve("model.safetensors")).all().forEach((k, t) -> {
            float[] d = t.data().clone();
            if (!k.contains("LayerNorm") && !k.endsWith("bias")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 10f;
                }
            }
            w.put(k, t.shape(), d);
        });
        SafeTensors.write(m.resolve("model.safetensors"), w);
        pre = PretrainedModel.load(m.toString());
    }

    /** Swaps he/she and his/her, keeping a leading capital. */
    static String swap(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split(" ")) {
            String core = w.replaceAll("[.,!?]$", "");
            String tail = w.substring(core.length());
            String lower = core.toLowerCase(java.util.Locale.ROOT);
            String s = switch (lower) {
                case "he" -> "she";
                case "she" -> "he";
                case "his" -> "her";
                case "her" -> "his";
                default -> null;
            };
            if (s == null) {
                out.add(w);
            } else {
                boolean cap = Character.isUpperCase(core.charAt(0));
                out.add((cap ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s) + tail);
            }
        }
        return String.join(" ", out);
    }

    /** mean(1 - cos) over the pairs, from the vectors {@code embed} gives, in double. */
    static double gap(SentenceEncoder e, List<String> a, List<String> b) {
        float[][] x = e.embed(a);
        float[][] y = e.embed(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += 1 - cos(x[i], y[i]);
        }
        return sum / x.length;
    }

    static double cos(float[] x, float[] y) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int j = 0; j < x.length; j++) {
            xy += (double) x[j] * y[j];
            xx += (double) x[j] * x[j];
            yy += (double) y[j] * y[j];
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static float[][] ones(int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] r : m) {
            Arrays.fill(r, 1f);
        }
        return m;
    }

    @Test
    void theCounterfactualsDifferOnlyInTheGenderedWords() {
        assertEquals("She likes the dog.", COUNTERFACTUALS.get(0));
        assertEquals("He was happy today and she was sad.", swap("She was happy today and he was sad."));
        assertEquals("The cat eats his book.", COUNTERFACTUALS.get(3));
        assertEquals(12, ORIGINALS.size());
    }

    @Test
    void theGapIsTheOneFromEmbedAndTheGradientsAreFiniteDifferencesOfTheMasks() throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(pre, Pooling.MEAN, 32)) {
            GapGradients g = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 4, ProgressListener.NONE);
            assertEquals(12, g.pairs());
            assertEquals(2, g.heads().length);
            assertEquals(2, g.heads()[0].length);
            assertEquals(2, g.neurons().length);
            assertEquals(64, g.neurons()[0].length);
            double direct = gap(e, ORIGINALS, COUNTERFACTUALS);
            assertTrue(direct > 1e-4, "the pairs differ: gap " + direct);
            assertEquals(direct, g.gap(), 1e-5);

            double eps = 1e-2;
            // every head
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 2; h++) {
                    float[][] mask = ones(2, 2);
                    mask[l][h] = (float) (1 + eps);
                    e.model().setHeadMask(mask);
                    double plus = gap(e, ORIGINALS, COUNTERFACTUALS);
                    mask[l][h] = (float) (1 - eps);
                    e.model().setHeadMask(mask);
                    double minus = gap(e, ORIGINALS, COUNTERFACTUALS);
                    e.model().setHeadMask(null);
                    assertClose((plus - minus) / (2 * eps), g.heads()[l][h], "head " + l + "/" + h);
                }
            }
            // the three neurons of each layer with the largest gradients, and one with a small one
            for (int l = 0; l < 2; l++) {
                float[] row = g.neurons()[l];
                List<Integer> order = IntStream.range(0, row.length).boxed()
                        .sorted(Comparator.comparingDouble(i -> -Math.abs(row[i]))).toList();
                for (int u : List.of(order.get(0), order.get(1), order.get(2), order.get(40))) {
                    float[][] mask = ones(2, 64);
                    mask[l][u] = (float) (1 + eps);
                    e.model().setNeuronMask(mask);
                    double plus = gap(e, ORIGINALS, COUNTERFACTUALS);
                    mask[l][u] = (float) (1 - eps);
                    e.model().setNeuronMask(mask);
                    double minus = gap(e, ORIGINALS, COUNTERFACTUALS);
                    e.model().setNeuronMask(null);
                    assertClose((plus - minus) / (2 * eps), row[u], "neuron " + l + "/" + u);
                }
            }
        }
    }

    /** Within 5% or 1e-6 (the gradients checked are 3e-5 to 6e-3; float32 agrees to about 0.2%). */
    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= Math.max(0.05 * Math.abs(expected), 1e-6),
                what + ": finite difference " + expected + ", gradient " + actual);
    }

    @Test
    void theGradientsDoNotDependOnTheBatchSize() throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(pre, Pooling.MEAN, 32)) {
            GapGradients one = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 1, ProgressListener.NONE);
            GapGradients five = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 5, ProgressListener.NONE);
            GapGradients all = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 12, ProgressListener.NONE);
            GapGradients more = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 100, ProgressListener.NONE);
            for (GapGradients other : List.of(five, all, more)) {
                assertEquals(one.gap(), other.gap(), 1e-5);
                for (int l = 0; l < 2; l++) {
                    assertArrayEquals(one.heads()[l], other.heads()[l], 1e-5f);
                    assertArrayEquals(one.neurons()[l], other.neurons()[l], 1e-5f);
                }
            }
            // the gradients are not all zero (the comparison above could fail)
            double max = 0;
            for (float[] row : one.neurons()) {
                for (float v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            assertTrue(max > 1e-3, "largest neuron gradient " + max);
        }
    }

    @Test
    void theModelIsUnchangedAfterwardsAndItsMasksApply() throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(pre, Pooling.MEAN, 32)) {
            float[][] before = e.embed(ORIGINALS);
            List<long[]> progress = new ArrayList<>();
            GapGradients g = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 5, new ProgressListener() {
                @Override
                public void start(String task, long total, String unit) {
                    progress.add(new long[] {total});
                }

                @Override
                public void advance(long units) {
                    progress.get(progress.size() - 1)[0] -= units;
                }

                @Override
                public void finish() {
                    progress.add(new long[] {-1});
                }
            });
            assertEquals(2, progress.size());
            assertEquals(0, progress.get(0)[0], "3 batches announced, 3 advanced");
            float[][] after = e.embed(ORIGINALS);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "text " + i);
            }
            assertNull(e.model().headMask());
            assertNull(e.model().neuronMask());
            // again: the same result (the gradients were reset)
            GapGradients again = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 5, ProgressListener.NONE);
            assertEquals(g.gap(), again.gap(), 0);
            assertArrayEquals(g.heads()[1], again.heads()[1], 0f);
            assertArrayEquals(g.neurons()[0], again.neurons()[0], 0f);

            // with head (0, 1) switched off, its gate changes nothing: gradient 0; the mask stays in place
            e.model().setHeadMask(new float[][] {{1, 0}, {1, 1}});
            float[][] maskedBefore = e.embed(ORIGINALS);
            GapGradients masked = GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 5, ProgressListener.NONE);
            assertEquals(0f, masked.heads()[0][1]);
            assertTrue(masked.heads()[0][0] != 0f);
            assertEquals(gap(e, ORIGINALS, COUNTERFACTUALS), masked.gap(), 1e-5);
            assertTrue(Math.abs(masked.gap() - g.gap()) > 1e-6, "the mask applied");
            assertTrue(Arrays.deepEquals(new float[][] {{1, 0}, {1, 1}}, e.model().headMask()));
            float[][] maskedAfter = e.embed(ORIGINALS);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(maskedBefore[i], maskedAfter[i], 0f, "text " + i);
            }
        }
    }

    @Test
    void badInputIsRefused() throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(pre, Pooling.MEAN, 32)) {
            assertThrows(IllegalArgumentException.class,
                    () -> GapGradients.of(e, List.of(), List.of(), 4, ProgressListener.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> GapGradients.of(e, ORIGINALS, COUNTERFACTUALS.subList(0, 11), 4, ProgressListener.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> GapGradients.of(e, ORIGINALS.subList(0, 1), List.of(), 4, ProgressListener.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> GapGradients.of(e, ORIGINALS, COUNTERFACTUALS, 0, ProgressListener.NONE));
            // and the encoder still works
            assertEquals(12, e.embed(ORIGINALS).length);
        }
    }
}
