package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.train.SentenceEncoder;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SEAT on the real all-MiniLM-L6-v2 (builtin:minilm); prints the effect size of every built-in test. */
class SeatMiniLmTest {
    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() throws Exception {
        encoder = SentenceEncoder.load(PretrainedModel.MINILM);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double cos(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void sentencesWithTheSameMeaningAreClose() {
        float[][] v = encoder.embed(List.of("He is a doctor.", "She is a doctor.", "The river froze in winter."));
        assertEquals(384, encoder.dimension());
        assertEquals(384, v[0].length);
        double same = cos(v[0], v[1]);
        double other = cos(v[0], v[2]);
        assertTrue(same > other + 0.3, "cos(he, she doctor) " + same + ", cos(doctor, river) " + other);
    }

    @Test
    void careerFamilyWords() {
        SeatResult r = Seat.run(encoder, SeatTests.builtin("gender-career-family-words"), WeatOptions.defaults());
        assertEquals("gender-career-family-words", r.test());
        assertEquals(PretrainedModel.MINILM, r.encoder());
        assertEquals("MaleNames", r.targ1());
        assertEquals("Family", r.attr2());
        WeatResult w = r.weat();
        assertNotNull(w.effectSize(), w.undefined());
        assertTrue(Double.isFinite(w.effectSize()) && Math.abs(w.effectSize()) <= 2, "effect " + w.effectSize());
        assertTrue(w.pValue() > 0 && w.pValue() <= 1, "p " + w.pValue());
        // C(20, 10) = 184,756 partitions is above the exact limit: 10,000 sampled
        assertTrue(!w.exact() && w.partitions() == 10_000);
        assertEquals(10, w.sizeX());
        assertEquals(10, w.sizeB());
    }

    @Test
    void printsEveryBuiltin() {
        StringBuilder out = new StringBuilder("SEAT on " + encoder.source() + " (effect size d, one-sided p):\n");
        for (String name : SeatTests.builtinNames()) {
            SeatResult r = Seat.run(encoder, SeatTests.builtin(name), WeatOptions.defaults());
            WeatResult w = r.weat();
            assertNotNull(w.effectSize(), name);
            assertTrue(Math.abs(w.effectSize()) <= 2 && w.pValue() > 0 && w.pValue() <= 1, name + " " + w);
            out.append(String.format(Locale.ROOT, "  %-36s d = %+.3f  p = %.4f  (%s, %d partitions)%n", name,
                    w.effectSize(), w.pValue(), w.exact() ? "exact" : "sampled", w.partitions()));
        }
        System.out.print(out);
    }
}
