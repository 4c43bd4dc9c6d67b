package dev.debias.evaluate.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counterfactual test of a sentence-pair classifier: the axis terms are swapped in both texts with one
 * mapping, a record is tested when either text holds a term, and the classifier sees the swapped pairs.
 */
class PairCounterfactualTest {
    private static final CounterfactualSwapper SWAPPER = CounterfactualSwapper.builder().build();

    /**
     * A rule over labels A and B that reads the second text only: p(A) = 0.75 when it has the word "she",
     * else 0.25. Records every pair it is asked about.
     */
    static final class SecondTextRule implements Classifier {
        final List<String> firsts = new ArrayList<>();
        final List<String> seconds = new ArrayList<>();

        @Override
        public List<String> labels() {
            return List.of("A", "B");
        }

        @Override
        public float[][] predict(List<String> texts) {
            throw new AssertionError("a pair classifier is asked about pairs");
        }

        @Override
        public String pairField() {
            return "hypothesis";
        }

        @Override
        public float[][] predictPairs(List<String> first, List<String> second) {
            firsts.addAll(first);
            seconds.addAll(second);
            float[][] out = new float[first.size()][];
            for (int i = 0; i < first.size(); i++) {
                float a = second.get(i).matches("(?i).*\\bshe\\b.*") ? 0.75f : 0.25f;
                out[i] = new float[] {a, 1 - a};
            }
            return out;
        }
    }

    static Record pair(String id, String premise, String hypothesis) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (hypothesis != null) {
            attributes.put("hypothesis", hypothesis);
        }
        return new Record(id, premise, null, attributes, Provenance.original(id));
    }

    @Test
    void bothTextsAreSwappedAndATermInEitherMakesARecordTested() {
        SecondTextRule rule = new SecondTextRule();
        List<Record> records = List.of(
                // terms in both texts, swapped in both: the second gains "she", so p(A) goes 0.25 -> 0.75, a flip
                pair("1", "He is a nurse.", "He cares for patients."),
                // a term only in the premise: tested; the second text has no term, so no flip
                pair("2", "She is a pilot.", "The plane landed."),
                // a term only in the hypothesis: tested, "she" becomes "he": a flip
                pair("3", "The doctor arrived.", "She was late."),
                // no term in either: not tested
                pair("4", "The doctor arrived.", "The plane landed."));
        CounterfactualResult r = CounterfactualTest.builder().setClassifier(rule).optSwapper(SWAPPER)
                .optBootstrap(0).optSeed(1).build().run(records.iterator());
        assertEquals(4, r.records());
        assertEquals(3, r.overall().tested());
        assertEquals(2, r.overall().flipped());
        // the classifier saw the three originals, then the three swapped pairs, each swapped in both texts
        assertEquals(List.of("He is a nurse.", "She is a pilot.", "The doctor arrived.", "She is a nurse.",
                "He is a pilot.", "The doctor arrived."), rule.firsts);
        assertEquals(List.of("He cares for patients.", "The plane landed.", "She was late.",
                "She cares for patients.", "The plane landed.", "He was late."), rule.seconds);
        // an example shows both texts of the pair
        assertTrue(r.worst().stream().anyMatch(e -> e.text().equals("He is a nurse. || He cares for patients.")
                && e.counterfactual().equals("She is a nurse. || She cares for patients.")), r.worst().toString());
    }

    @Test
    void aRecordWithoutItsSecondTextIsNamed() {
        CounterfactualTest t = CounterfactualTest.builder().setClassifier(new SecondTextRule()).optSwapper(SWAPPER)
                .optBootstrap(0).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> t.run(List.of(pair("7", "He is here.", null)).iterator()));
        assertEquals("record 7 has no pair field 'hypothesis'; the model reads sentence pairs", e.getMessage());
    }
}
