package dev.debias.evaluate.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bias-STS against a rule scorer whose every number is worked out by hand. */
class BiasStsTest {
    /**
     * Similarity 0.7 for every pair, except: a nurse sentence scores 0.9 against a female sentence and 0.5
     * against a male one; a surgeon sentence the other way round.
     */
    static double[] rule(List<String> first, List<String> second) {
        double[] out = new double[first.size()];
        for (int i = 0; i < out.length; i++) {
            String occupation = first.get(i).split(" ")[1];
            boolean female = GenderTemplates.FEMALE.contains(second.get(i).split(" ")[1]);
            out[i] = occupation.equals("nurse") ? (female ? 0.9 : 0.5)
                    : occupation.equals("surgeon") ? (female ? 0.5 : 0.9) : 0.7;
        }
        return out;
    }

    /*
     * 12 frames x 24 occupations x 3 word pairs = 864 comparisons; nurse's 36 have signed difference +0.4,
     * surgeon's 36 have -0.4, the rest 0. Mean |difference| = 72 * 0.4 / 864 = 0.0333; signed mean 0.
     */
    @Test
    void everyMeasureAgainstItsHandValue() {
        BiasStsResult r = BiasSts.run(BiasStsTest::rule, 1000, 5);
        assertEquals(864, r.comparisons());
        assertEquals(24, r.occupations());
        assertEquals(72 * 0.4 / 864, r.meanAbsDifference().value(), 1e-12);
        assertEquals(0.0, r.meanDifference().value(), 1e-12);
        assertEquals(0.4, r.byOccupation().get("nurse"), 1e-12);
        assertEquals(-0.4, r.byOccupation().get("surgeon"), 1e-12);
        assertEquals(0.0, r.byOccupation().get("pilot"), 1e-12);
        // a resample without nurse and surgeon has mean |difference| 0: the interval reaches down to it or near
        assertTrue(r.meanAbsDifference().low() < r.meanAbsDifference().value(), r.meanAbsDifference().toString());
        String s = BiasSts.summary(r);
        assertTrue(s.contains("most toward female: nurse (+0.400), most toward male: surgeon (-0.400)"), s);
    }
}
