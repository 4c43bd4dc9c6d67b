package dev.debias.evaluate.mlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrowsPairsTest {
    @TempDir
    Path dir;

    @Test
    void alignmentKeepsSharedTokens() {
        // substitution: [CLS] the black man ran [SEP] vs [CLS] the white man ran [SEP]
        TokenAlignment sub = TokenAlignment.of(new long[] {2, 10, 11, 12, 13, 3}, new long[] {2, 10, 21, 12, 13, 3});
        assertArrayEquals(new int[] {0, 1, 3, 4, 5}, sub.first());
        assertArrayEquals(new int[] {0, 1, 3, 4, 5}, sub.second());
        // insertion of two tokens in the second: a b c d / a b x y c d
        TokenAlignment ins = TokenAlignment.of(new long[] {1, 2, 3, 4}, new long[] {1, 2, 8, 9, 3, 4});
        assertArrayEquals(new int[] {0, 1, 2, 3}, ins.first());
        assertArrayEquals(new int[] {0, 1, 4, 5}, ins.second());
        // nothing shared
        assertEquals(0, TokenAlignment.of(new long[] {1}, new long[] {2}).size());
    }

    private Path csv(String body) throws Exception {
        Path f = dir.resolve("crows.csv");
        Files.writeString(f, ",sent_more,sent_less,stereo_antistereo,bias_type,annotations\n" + body);
        return f;
    }

    @Test
    void metricByHand() throws Exception {
        Path f = csv("""
                0,m0,l0,stereo,gender,x
                1,"m1, quoted",l1,stereo,gender,x
                2,m2,l2,antistereo,gender,x
                3,m3,l3,stereo,race-color,x
                4,m4,l4,antistereo,race-color,x
                """);
        List<CrowsPair> pairs = CrowsPairs.read(f, 0);
        assertEquals(5, pairs.size());
        assertEquals(3, pairs.get(1).line());
        assertEquals("m1, quoted", pairs.get(1).sentMore());
        // fake PLL per sentence
        Map<String, Double> pll = Map.of("m0", -1.0, "l0", -2.0, // stereo, more wins -> stereotyping
                "m1, quoted", -3.0, "l1", -1.0, // stereo, less wins -> not
                "m2", -5.0, "l2", -4.0, // antistereo: stereotyping sentence is sent_less (-4 > -5) -> stereotyping
                "m3", -2.0, "l3", -2.0, // tie -> not stereotyping, counted as a tie
                "m4", -1.0, "l4", -9.0); // antistereo: sent_less -9 < sent_more -1 -> not
        PairScorer fake = ps -> {
            List<double[]> out = new ArrayList<>();
            for (CrowsPair p : ps) {
                out.add(new double[] {pll.get(p.stereotyping()), pll.get(p.antiStereotyping())});
            }
            return out;
        };
        CrowsPairsResult r = StereotypeScore.run(pairs, fake, 1000, 7);
        // overall: stereotyping pairs 0 and 2 of 5 -> 0.4; one tie (pair 3)
        assertEquals(5, r.overall().pairs());
        assertEquals(2, r.overall().stereotyping());
        assertEquals(1, r.overall().ties());
        assertEquals(0.4, r.overall().score().value(), 1e-12);
        assertEquals(-0.1, r.overall().differenceFromHalf().value(), 1e-12);
        assertEquals(r.overall().score().low() - 0.5, r.overall().differenceFromHalf().low(), 1e-12);
        assertTrue(r.overall().score().low() <= 0.4 && r.overall().score().high() >= 0.4);
        // gender: pairs 0, 2 of 3 -> 2/3; race-color: none of 2, one tie -> 0
        assertEquals("gender", r.byType().get(0).biasType());
        assertEquals(2.0 / 3, r.byType().get(0).score().value(), 1e-12);
        assertEquals(0, r.byType().get(0).ties());
        assertEquals("race-color", r.byType().get(1).biasType());
        assertEquals(0.0, r.byType().get(1).score().value(), 1e-12);
        assertEquals(1, r.byType().get(1).ties());
        // same seed, same interval
        assertEquals(r, StereotypeScore.run(pairs, fake, 1000, 7));
        assertEquals(0, r.skipped());
        // a pair the scorer could not score (NaN) is left out of every part and counted
        PairScorer partly = ps -> {
            List<double[]> s = new java.util.ArrayList<>(fake.score(ps));
            s.set(0, new double[] {Double.NaN, Double.NaN});
            return s;
        };
        CrowsPairsResult skipping = StereotypeScore.run(pairs, partly, 1000, 7);
        assertEquals(1, skipping.skipped());
        assertEquals(pairs.size() - 1, skipping.overall().pairs());
        assertEquals(1, skipping.overall().stereotyping());   // pair 0 was stereotyping; pair 2 is left
        assertEquals(2, CrowsPairs.read(f, 2).size());
    }

    @Test
    void csvErrorsNameFileAndLine() throws Exception {
        Path f = csv("0,a,b,stereo,gender,x\n1,a,b,sideways,gender,x\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CrowsPairs.read(f, 0));
        assertEquals(f + ":3: stereo_antistereo is 'sideways', expected stereo or antistereo", e.getMessage());
        Path g = csv("0,a,,stereo,gender,x\n");
        assertEquals(g + ":2: sent_less is empty",
                assertThrows(InvalidInputException.class, () -> CrowsPairs.read(g, 0)).getMessage());
        Path h = dir.resolve("h.csv");
        Files.writeString(h, "sent_more,sent_less,bias_type\na,b,c\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> CrowsPairs.read(h, 0)).getMessage()
                .startsWith(h + ":1: the header lacks the column 'stereo_antistereo'"));
    }

    @Test
    void sharedTokenScorerOnUniformModelTies() throws Exception {
        // uniform logits: each shared token adds -log V to both sentences, so every pair ties
        Path model = TinyMlm.write(dir.resolve("u"), 5, true);
        Path f = csv("0,He likes the dog.,She likes the dog.,stereo,gender,x\n");
        try (PseudoLogLikelihood pll = PseudoLogLikelihood.load(model.toString(), 4)) {
            CrowsPairsResult r = StereotypeScore.run(CrowsPairs.read(f, 0), new SharedTokenScorer(pll), 100, 1);
            assertEquals(1, r.overall().ties());
            double[] s = new SharedTokenScorer(pll).score(CrowsPairs.read(f, 0)).get(0);
            // shared non-special tokens: likes the dog . -> 4 tokens
            assertEquals(-4 * Math.log(dev.debias.finetune.testing.TinyBert.VOCAB.size()), s[0], 1e-4);
        }
    }
}
