package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentence vectors from the tiny BERT: shape, batch independence, reproducibility, run settings, projection. */
class SentenceEncoderTest {
    private static final String SHORT = "He likes the dog.";
    private static final List<String> LONGER = List.of(
            "She sees a very big red house in the city and the old tree by the river today.",
            "The cat eats and the bird sees the small green book on the table.");

    @Test
    void vectorsHaveTheHiddenWidthAndComeInInputOrder(@TempDir Path dir) throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 5);
        try (SentenceEncoder e = SentenceEncoder.load(model.toString())) {
            assertEquals(32, e.dimension());
            assertEquals(model.toString(), e.source());
            assertEquals(Pooling.MEAN, e.pooling());
            float[][] v = e.embed(List.of(SHORT, LONGER.get(0)));
            assertEquals(2, v.length);
            assertEquals(32, v[0].length);
            assertFalse(java.util.Arrays.equals(v[0], v[1]), "different texts, different vectors");
            assertEquals(0, e.embed(List.of()).length);
            assertEquals(0, e.truncated());
        }
    }

    @Test
    void aVectorDoesNotDependOnItsBatch(@TempDir Path dir) throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 5);
        try (SentenceEncoder e = SentenceEncoder.load(model.toString())) {
            float[] alone = e.embed(List.of(SHORT))[0];
            List<String> mixed = new ArrayList<>(LONGER);
            mixed.add(1, SHORT);
            float[][] together = e.embed(mixed);
            assertArrayEquals(alone, together[1], 1e-5f);
            // across a batch boundary too: 40 texts, the short one last (second batch of 32)
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 39; i++) {
                many.add(LONGER.get(i % 2));
            }
            many.add(SHORT);
            float[][] v = e.embed(many);
            assertArrayEquals(alone, v[39], 1e-5f);
            assertArrayEquals(together[0], v[0], 1e-5f);
            assertArrayEquals(together[2], v[1], 1e-5f);
        }
    }

    @Test
    void twoLoadsGiveTheSameVectors(@TempDir Path dir) throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("m"), 5);
        float[][] a;
        float[][] b;
        try (SentenceEncoder e = SentenceEncoder.load(model.toString())) {
            a = e.embed(LONGER);
        }
        try (SentenceEncoder e = SentenceEncoder.load(model.toString())) {
            b = e.embed(LONGER);
        }
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
    }

    @Test
    void aRunDirectoryKeepsItsPoolingAndMaxLength(@TempDir Path dir) throws Exception {
        Path run = TinyBert.writeModel(dir.resolve("run"), 5);
        Files.writeString(run.resolve("run.json"), "{\"config\": {\"pooling\": \"cls\", \"max_length\": \"6\"}}");
        try (SentenceEncoder e = SentenceEncoder.load(run.toString())) {
            assertEquals(Pooling.CLS, e.pooling());
            e.embed(List.of("He likes the dog.", "The dog."));
            // "[CLS] he likes the dog . [SEP]" is 7 word pieces > 6; "[CLS] the dog . [SEP]" is 5
            assertEquals(1, e.truncated());
        }
        Files.writeString(run.resolve("run.json"), "{\"config\": {}}");
        InvalidInputException x = assertThrows(InvalidInputException.class, () -> SentenceEncoder.load(run.toString()));
        assertTrue(x.getMessage().contains("run.json") && x.getMessage().contains("max_length"), x.getMessage());
    }

    @Test
    void maxLengthIsCappedByThePositionTable(@TempDir Path dir) throws Exception {
        PretrainedModel pre = PretrainedModel.load(TinyBert.writeModel(dir.resolve("m"), 5).toString());
        // 128 by default, but the tiny model has 64 positions: a text of 100 word pieces is truncated, not an error
        try (SentenceEncoder e = SentenceEncoder.load(pre.source())) {
            e.embed(List.of("the ".repeat(100)));
            assertEquals(1, e.truncated());
        }
        assertThrows(IllegalArgumentException.class, () -> SentenceEncoder.of(pre, Pooling.MEAN, 65));
    }

    @Test
    void aProjectionRemovesItsDirection(@TempDir Path dir) throws Exception {
        PretrainedModel pre = PretrainedModel.load(TinyBert.writeModel(dir.resolve("m"), 5).toString());
        try (SentenceEncoder e = SentenceEncoder.of(pre, Pooling.MEAN, 64)) {
            float[][] before = e.embed(LONGER);
            // unit vector v = (3/5, 4/5, 0, ..., 0); P = I - v v^T
            int h = 32;
            double[] v = new double[h];
            v[0] = 0.6;
            v[1] = 0.8;
            float[] p = new float[h * h];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    p[i * h + j] = (float) ((i == j ? 1 : 0) - v[i] * v[j]);
                }
            }
            e.model().setProjection(p);
            float[][] after = e.embed(LONGER);
            for (int r = 0; r < before.length; r++) {
                double along = 0.6 * before[r][0] + 0.8 * before[r][1];
                assertTrue(Math.abs(along) > 1e-3, "the direction was present before: " + along);
                assertEquals(0, 0.6 * after[r][0] + 0.8 * after[r][1], 1e-5);
                // x P = x - (x . v) v
                assertEquals(before[r][0] - along * 0.6, after[r][0], 1e-5);
                assertEquals(before[r][1] - along * 0.8, after[r][1], 1e-5);
                for (int j = 2; j < h; j++) {
                    assertEquals(before[r][j], after[r][j], 1e-5);
                }
            }
            e.model().setProjection(null);
            assertArrayEquals(before[0], e.embed(LONGER)[0], 0f);
        }
    }

    @Test
    void aMissingModelIsAnInputError(@TempDir Path dir) {
        InvalidInputException x = assertThrows(InvalidInputException.class,
                () -> SentenceEncoder.load(dir.resolve("nope").toString()));
        assertTrue(x.getMessage().contains("nope"), x.getMessage());
    }
}
