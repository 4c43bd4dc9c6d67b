package dev.debias.evaluate.mlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudoLogLikelihoodTest {
    @TempDir
    Path dir;

    private static final List<String> TEXTS = List.of("The dog is happy.", "She likes the red car very much today.",
            "A cat.", "He sees a big tree and a river in the city.");

    @Test
    void batchedEqualsOneMaskPerPass() throws Exception {
        Path model = TinyMlm.write(dir.resolve("m"), 5, false);
        double[] batched;
        double[] single;
        try (PseudoLogLikelihood pll = PseudoLogLikelihood.load(model.toString(), 64)) {
            List<PseudoLogLikelihood.Query> q = new ArrayList<>();
            for (String t : TEXTS) {
                q.add(PseudoLogLikelihood.Query.allOf(pll.tokenize(t)));
            }
            batched = pll.score(q);
        }
        try (PseudoLogLikelihood pll = PseudoLogLikelihood.load(model.toString(), 1)) {
            single = new double[TEXTS.size()];
            for (int i = 0; i < TEXTS.size(); i++) {
                single[i] = pll.score(TEXTS.get(i));
            }
        }
        assertArrayEquals(single, batched, 1e-5);
        for (double s : batched) {
            assertTrue(s < 0, "a log-likelihood below 0: " + s);
        }
    }

    @Test
    void uniformLogitsGiveMinusNLogV() throws Exception {
        Path model = TinyMlm.write(dir.resolve("u"), 5, true);
        try (PseudoLogLikelihood pll = PseudoLogLikelihood.load(model.toString(), 7)) {
            // "the dog is happy ." -> 5 word pieces between [CLS] and [SEP], each with probability 1/V
            assertEquals(7, pll.tokenize("The dog is happy.").ids().length);
            assertEquals(-5 * Math.log(TinyBert.VOCAB.size()), pll.score("The dog is happy."), 1e-4);
            // only positions 1 and 2 scored
            long[] ids = pll.tokenize("The dog is happy.").ids();
            assertEquals(-2 * Math.log(TinyBert.VOCAB.size()),
                    pll.score(List.of(new PseudoLogLikelihood.Query(ids, new int[] {1, 2})))[0], 1e-4);
            assertEquals(TinyBert.id("[MASK]"), pll.maskId());
        }
    }

    @Test
    void modelWithoutHeadIsBadInput() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("plain"), 3);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PseudoLogLikelihood.load(model.toString(), 8));
        assertEquals(model + " has no masked-LM head (cls.predictions.* or lm_head.*); the embedded builtin:minilm "
                + "is a sentence encoder without one", e.getMessage());
    }
}
