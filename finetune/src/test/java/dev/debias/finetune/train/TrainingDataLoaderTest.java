package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a run's corpora: the label vocabulary, encoding, weights, class balancing, truncation, refusals. */
class TrainingDataLoaderTest {
    private static final byte[] TOKENIZER = TinyBert.tokenizerJson().getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static Record rec(String id, String text, String label, String weight) {
        return TinyBert.record(id, text, label, weight == null ? Map.of() : Map.of("w", weight));
    }

    private DataOptions data(List<Record> train, List<Record> eval, String weightField) throws Exception {
        return new DataOptions("unused", TinyBert.write(dir.resolve("train.jsonl"), train),
                TinyBert.write(dir.resolve("eval.jsonl"), eval), TinyBert.FIELDS, weightField);
    }

    private static long[] ids(String... tokens) {
        long[] out = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = TinyBert.id(tokens[i]);
        }
        return out;
    }

    @Test
    void labelsAreTheSortedTrainingLabelsAndExamplesKeepFileOrder() throws Exception {
        DataOptions d = data(List.of(rec("a", "the dog", "zeta", null), rec("b", "a cat", "alpha", null),
                rec("c", "the bird sees the dog in the house", "zeta", null)),
                List.of(rec("x", "the cat", "alpha", null), rec("y", "the dog sees the cat in the city", "zeta", null)),
                null);
        TrainingData t = TrainingDataLoader.load(d, false, TOKENIZER, 6);
        assertEquals(List.of("alpha", "zeta"), t.labels());
        assertEquals(List.of("a", "b", "c"), t.train().stream().map(Example::id).toList());
        assertEquals(List.of(1, 0, 1), t.train().stream().map(Example::label).toList());
        assertArrayEquals(ids("[CLS]", "the", "dog", "[SEP]"), t.train().get(0).ids());
        assertEquals(List.of(1f, 1f, 1f), t.train().stream().map(Example::weight).toList());
        // "[CLS] the bird sees the dog in the house [SEP]" is 10 > 6 word pieces; one text of each corpus
        assertEquals(6, t.train().get(2).length());
        assertEquals(1, t.truncatedTrain());
        assertEquals(1, t.truncatedEval());
        assertEquals(List.of(0, 1), t.eval().stream().map(Example::label).toList());
    }

    @Test
    void theWeightFieldWeighsTrainingRecordsOnly() throws Exception {
        DataOptions d = data(List.of(rec("a", "the dog", "x", "0.25"), rec("b", "the cat", "y", "0"),
                rec("c", "a bird", "x", "3")), List.of(rec("e", "the dog", "x", null)), "w");
        TrainingData t = TrainingDataLoader.load(d, false, TOKENIZER, 32);
        assertEquals(List.of(0.25f, 0f, 3f), t.train().stream().map(Example::weight).toList());
        assertEquals(1f, t.eval().get(0).weight(), "evaluation records need no weight");
    }

    @Test
    void classBalancingMultipliesByNOverClassesTimesCount() throws Exception {
        // 3 x, 1 y: N / (2 x 3) = 2/3 for x, N / (2 x 1) = 2 for y; times the record weights
        DataOptions d = data(List.of(rec("a", "the dog", "x", "1"), rec("b", "the cat", "x", "2"),
                rec("c", "a bird", "x", "1"), rec("d", "a car", "y", "0.5")), List.of(rec("e", "the dog", "y", null)), "w");
        TrainingData t = TrainingDataLoader.load(d, true, TOKENIZER, 32);
        float third = 4f / (2 * 3f);
        assertEquals(List.of(third, 2 * third, third, 0.5f * 2f), t.train().stream().map(Example::weight).toList());
        // balanced classes: every factor is exactly 1
        List<Example> even = TrainingDataLoader.balance(List.of(new Example("p", new long[] {2, 3}, new long[2], 0, 0.5f),
                new Example("q", new long[] {2, 3}, new long[2], 1, 2f)), 2);
        assertEquals(List.of(0.5f, 2f), even.stream().map(Example::weight).toList());
    }

    @Test
    void whatCannotTrainIsRefusedNamingFileAndRecord() throws Exception {
        String m = assertThrows(InvalidInputException.class, () -> TrainingDataLoader.load(data(
                List.of(rec("a", "the dog", "x", null), rec("b", "the cat", "x", null)),
                List.of(rec("e", "the dog", "x", null)), null), false, TOKENIZER, 32)).getMessage();
        assertTrue(m.endsWith("train.jsonl: the labels [x] are fewer than two classes"), m);
        m = assertThrows(InvalidInputException.class, () -> TrainingDataLoader.load(data(
                List.of(rec("a", "the dog", "x", null), rec("b", "the cat", "y", null)),
                List.of(rec("e", "the dog", "z", null)), null), false, TOKENIZER, 32)).getMessage();
        assertTrue(m.contains("eval.jsonl: record e has the label 'z', which the training data does not have "
                + "(labels: [x, y])"), m);
        m = assertThrows(InvalidInputException.class, () -> TrainingDataLoader.load(data(
                List.of(rec("a", "the dog", "x", "1"), rec("b", "the cat", "y", "-1")),
                List.of(rec("e", "the dog", "x", null)), "w"), false, TOKENIZER, 32)).getMessage();
        assertTrue(m.contains("train.jsonl: record b has the weight '-1'; weights are finite numbers >= 0"), m);
        m = assertThrows(InvalidInputException.class, () -> TrainingDataLoader.load(data(
                List.of(rec("a", "the dog", "x", "1"), rec("b", "the cat", "y", null)),
                List.of(rec("e", "the dog", "x", null)), "w"), false, TOKENIZER, 32)).getMessage();
        assertTrue(m.contains("record b has no weight field 'w'"), m);
        m = assertThrows(InvalidInputException.class, () -> TrainingDataLoader.load(data(
                List.of(rec("a", "the dog", "x", "NaN"), rec("b", "the cat", "y", "1")),
                List.of(rec("e", "the dog", "x", null)), "w"), false, TOKENIZER, 32)).getMessage();
        assertTrue(m.contains("record a has the weight 'NaN'"), m);
    }
}
