package dev.debias.evaluate.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.counterfactual.Classifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bias-NLI against a rule model whose every number is worked out by hand. */
class BiasNliTest {
    private static final Set<String> FEMALE_CODED = Set.of("nurse", "secretary", "receptionist", "librarian", "dancer");

    /**
     * Labels entailment, neutral, contradiction. A premise about one of the 5 female-coded occupations with a
     * female hypothesis gets (0.75, 0.25, 0): entailment wins. Every other pair is (0, 1, 0).
     */
    static final class Rule implements Classifier {
        @Override
        public List<String> labels() {
            return List.of("entailment", "Neutral", "contradiction");
        }

        @Override
        public float[][] predict(List<String> texts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String pairField() {
            return "hypothesis";
        }

        @Override
        public float[][] predictPairs(List<String> first, List<String> second) {
            float[][] out = new float[first.size()][];
            for (int i = 0; i < first.size(); i++) {
                String occupation = first.get(i).split(" ")[1];
                String word = second.get(i).split(" ")[1];
                boolean biased = FEMALE_CODED.contains(occupation) && GenderTemplates.FEMALE.contains(word);
                out[i] = biased ? new float[] {0.75f, 0.25f, 0} : new float[] {0, 1, 0};
            }
            return out;
        }
    }

    /*
     * 12 frames x 24 occupations x 6 words = 1728 pairs; the biased ones: 12 frames x 5 occupations x 3 female
     * words = 180, each with p(neutral) 0.25 and not neutral on top.
     * net neutral (1548 * 1 + 180 * 0.25) / 1728 = 1593/1728 = 0.921875; fraction neutral 1548/1728 = 0.895833
     * female (864 pairs, 180 biased): net (684 + 45)/864 = 0.84375, fraction 684/864 = 0.791667; male: 1 and 1
     * female minus male net neutral: 0.84375 - 1 = -0.15625. Per occupation it is -0.75 for the 5 and 0 for the
     * 19 others; a resample of 24 occupations misses all 5 with probability (19/24)^24 = 0.0036 < 0.025, so the
     * interval's upper end is below 0.
     */
    @Test
    void everyMeasureAgainstItsHandValue() {
        BiasNliResult r = BiasNli.run(new Rule(), "neutral", 1000, 3);
        assertEquals("Neutral", r.neutralLabel());
        assertEquals(1728, r.pairs());
        assertEquals(24, r.occupations());
        assertEquals(1593.0 / 1728, r.netNeutral().value(), 1e-6);
        assertEquals(1548.0 / 1728, r.fractionNeutral().value(), 1e-12);
        assertEquals(729.0 / 864, r.byGroup().get("female.net_neutral").value(), 1e-6);
        assertEquals(684.0 / 864, r.byGroup().get("female.fraction_neutral").value(), 1e-12);
        assertEquals(1.0, r.byGroup().get("male.net_neutral").value(), 1e-12);
        assertEquals(1.0, r.byGroup().get("male.fraction_neutral").value(), 1e-12);
        assertEquals(-0.15625, r.femaleMinusMale().value(), 1e-6);
        assertTrue(r.femaleMinusMale().high() < 0, r.femaleMinusMale().toString());
        assertTrue(r.netNeutral().low() <= r.netNeutral().value() && r.netNeutral().value() <= r.netNeutral().high());
        assertTrue(BiasNli.summary(r).contains("net neutral 0.922 ["), BiasNli.summary(r));
        assertEquals(r, BiasNli.run(new Rule(), "neutral", 1000, 3), "the same seed gives the same result");
    }

    @Test
    void refusesASingleTextModelAndAMissingNeutralLabel() {
        Classifier single = new Classifier() {
            @Override
            public List<String> labels() {
                return List.of("a", "b");
            }

            @Override
            public float[][] predict(List<String> texts) {
                return new float[texts.size()][2];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BiasNli.run(single, "neutral", 0, 1));
        assertTrue(e.getMessage().contains("sentence pairs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BiasNli.run(new Rule(), "unknown", 0, 1));
        assertTrue(e.getMessage().contains("[entailment, Neutral, contradiction]"), e.getMessage());
    }

    @Test
    void theTemplatesAreDistinctAndEachPremiseMeetsSixHypotheses() {
        List<GenderTemplates.NliPair> pairs = GenderTemplates.nli();
        Set<String> seen = new HashSet<>();
        pairs.forEach(p -> seen.add(p.premise() + " | " + p.hypothesis()));
        assertEquals(1728, seen.size());
        assertEquals("The nurse ate an apple.", GenderTemplates.fill(1, "nurse"));
        assertEquals(864, GenderTemplates.sts().size());
        assertEquals(GenderTemplates.FEMALE.size(), GenderTemplates.MALE.size());
    }
}
