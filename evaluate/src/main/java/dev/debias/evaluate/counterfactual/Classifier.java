package dev.debias.evaluate.counterfactual;

import dev.debias.finetune.train.Predictor;
import java.util.List;

/** Anything that gives label probabilities for texts: a fine-tuned run, or a user's own model. */
public interface Classifier {
    /** The labels, in the order of the probability columns. */
    List<String> labels();

    /** Label probabilities for each text, one row per text, in input order. */
    float[][] predict(List<String> texts);

    /**
     * The field of each record's second text when the classifier reads sentence pairs (premise and
     * hypothesis), else null (the default).
     */
    default String pairField() {
        return null;
    }

    /**
     * Label probabilities for each pair ({@code first[i]}, {@code second[i]}), in input order.
     *
     * @throws UnsupportedOperationException when the classifier reads single texts (the default)
     */
    default float[][] predictPairs(List<String> first, List<String> second) {
        throw new UnsupportedOperationException("this classifier reads single texts, not pairs");
    }

    /** The index of the most probable label of one row of probabilities; the first of a tie. */
    static int top(float[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * A fine-tuned classification run as a classifier (of pairs when it was trained on pairs); closing stays
     * with the caller.
     *
     * @throws IllegalArgumentException for a regression run, which has no classes
     */
    static Classifier of(Predictor predictor) {
        if (predictor.task() != dev.debias.finetune.train.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("the run predicts a number (task " + predictor.task().key()
                    + "), not classes; its measures are those of a regression");
        }
        return new Classifier() {
            @Override
            public List<String> labels() {
                return predictor.labels();
            }

            @Override
            public float[][] predict(List<String> texts) {
                return predictor.predict(texts);
            }

            @Override
            public String pairField() {
                return predictor.pairField();
            }

            @Override
            public float[][] predictPairs(List<String> first, List<String> second) {
                return predictor.predictPairs(first, second);
            }
        };
    }
}
