package dev.debias.finetune.train;

import dev.debias.corpus.ReadReport;
import java.util.List;

/**
 * The encoded examples of a run, as {@link TrainingDataLoader} read them.
 *
 * @param train the training examples, in file order, their weights already class-balanced when the run asks for it
 * @param eval the evaluation examples, in file order, weight 1
 * @param labels the label vocabulary: the training labels, sorted; an example's label is an index into it
 * @param truncatedTrain training texts truncated to the maximum length
 * @param truncatedEval evaluation texts truncated
 * @param trainRead what reading the training corpus skipped
 * @param evalRead what reading the evaluation corpus skipped
 */
record TrainingData(List<Example> train, List<Example> eval, List<String> labels, long truncatedTrain,
        long truncatedEval, ReadReport trainRead, ReadReport evalRead) {
    TrainingData {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
        labels = List.copyOf(labels);
    }
}
