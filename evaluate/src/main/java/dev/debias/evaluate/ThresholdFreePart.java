package dev.debias.evaluate;

import dev.debias.core.InvalidInputException;
import dev.debias.evaluate.group.Grouping;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.UndefinedPolicy;
import dev.debias.evaluate.scores.ScoreFiles;
import dev.debias.evaluate.scores.ScoreTable;
import dev.debias.evaluate.scores.ThresholdFree;
import dev.debias.evaluate.scores.ThresholdFreeMeasures;
import dev.debias.finetune.train.Predictor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The threshold-free part of an {@link Evaluator}: reads the predicted probabilities (from the predictions file,
 * or those the model just wrote) and computes {@link ThresholdFreeMeasures}, or says in a warning why it cannot.
 *
 * @param field the probability field, or null for {@link Predictor#PROBABILITIES} when present
 * @param bins calibration bins
 */
record ThresholdFreePart(String field, int bins, String positiveLabel, int bootstrap, long seed, int minGroupSize,
        UndefinedPolicy policy) {
    /**
     * @param predictions the predictions file, or null when the model predicted {@code annotated} on the spot
     * @param annotated the probability field of each record the model predicted (when {@code predictions} is null)
     * @return the measures, or null (with a warning added) when there are no probabilities
     */
    ThresholdFree measure(PredictionSet set, List<Grouping> groupings, Path predictions, String predictionField,
            List<String> annotated, List<String> classOrder, List<String> warnings, Map<String, String> config) {
        String name = field == null ? Predictor.PROBABILITIES : field;
        config.put("probability_field", name);
        config.put("calibration_bins", Integer.toString(bins));
        ScoreTable table;
        if (predictions != null) {
            ScoreFiles.Reading r = ScoreFiles.read(predictions, predictionField, name, field != null, set.classes(),
                    classOrder, positiveLabel);
            if (r.table() == null) {
                warnings.add("threshold-free and calibration measures skipped: " + r.skipped());
                return null;
            }
            table = r.table();
        } else {
            ScoreTable.Builder b = ScoreTable.builder(name, set.classes(), classOrder, positiveLabel);
            for (int i = 0; i < annotated.size(); i++) {
                ScoreFiles.add(b, "predicted record " + (i + 1), name, annotated.get(i));
            }
            table = b.build();
        }
        try {
            return ThresholdFreeMeasures.builder().setPredictions(set).setScores(table).setGroupings(groupings)
                    .optPositiveLabel(positiveLabel).optBins(bins).optBootstrap(bootstrap).optSeed(seed)
                    .optMinGroupSize(minGroupSize).optUndefinedPolicy(policy).build().evaluate();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
