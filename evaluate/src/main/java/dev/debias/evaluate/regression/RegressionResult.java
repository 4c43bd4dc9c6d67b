package dev.debias.evaluate.regression;

import dev.debias.stats.Estimate;
import java.util.List;

/**
 * The measures of a regression model's predictions against gold values: overall, then by group. Immutable.
 *
 * @param records the scored records
 * @param overall the measures over every record
 * @param baselineMse the squared error of always predicting the mean gold value (the gold values'
 *     variance): the model is only useful when its MSE is below it
 * @param beatsChance whether Pearson's interval lies above zero: only then are the group gaps read
 * @param reading one sentence saying what the numbers support
 * @param groupings one per group field
 * @param bootstrap bootstrap replicates of every interval
 * @param seed the seed of the bootstrap
 */
public record RegressionResult(long records, Measures overall, double baselineMse, boolean beatsChance,
        String reading, List<Grouping> groupings, int bootstrap, long seed) {
    public RegressionResult {
        groupings = List.copyOf(groupings);
    }

    /**
     * The measures of a set of records.
     *
     * @param n records
     * @param meanGold the mean gold value
     * @param meanPrediction the mean prediction, with its interval
     * @param mse mean squared error, with its interval
     * @param pearson Pearson's correlation of predictions and gold values, with its interval
     * @param spearman Spearman's rank correlation, with its interval
     * @param meanResidual the mean of prediction minus gold: above 0 when the model over-predicts the group
     */
    public record Measures(long n, double meanGold, Estimate meanPrediction, Estimate mse, Estimate pearson,
            Estimate spearman, Estimate meanResidual) {}

    /**
     * One group field's groups, each against the rest of the records.
     *
     * @param field the group field
     * @param groups each group's measures, in group order
     * @param gaps each group's mean residual minus that of the other records, with a bootstrap interval
     *     (each side resampled on its own)
     */
    public record Grouping(String field, List<Group> groups, List<Gap> gaps) {
        public Grouping {
            groups = List.copyOf(groups);
            gaps = List.copyOf(gaps);
        }
    }

    /** A group and its measures. */
    public record Group(String group, Measures measures) {}

    /**
     * How much more a group is over-predicted than the other records: its mean residual minus theirs.
     *
     * @param group the group
     * @param gap the difference of mean residuals, with its interval; undefined when either side is empty
     */
    public record Gap(String group, Estimate gap) {}
}
