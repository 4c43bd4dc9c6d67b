package dev.debias.evaluate.counterfactual;

import dev.debias.finetune.train.Predictor;
import java.util.List;

/** Anything that gives label probabilities for texts: a fine-tuned run, or a user's own model. */
public interface Classifier {
    /** The labels, in the order of the probability columns. */
    List<String> labels();

    /** Label probabilities for each text, one row per text, in input order. */
    float[][] predict(List<String> texts);

    /** A fine-tuned run as a classifier; closing stays with the caller. */
    static Classifier of(Predictor predictor) {
        return new Classifier() {
            @Override
            public List<String> labels() {
                return predictor.labels();
            }

            @Override
            public float[][] predict(List<String> texts) {
                return predictor.predict(texts);
            }
        };
    }
}
