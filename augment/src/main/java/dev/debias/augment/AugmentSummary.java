package dev.debias.augment;

import java.util.List;
import java.util.Map;

/**
 * What an augmentation did, written beside its output as {@code OUTPUT.augment.json}. Every input
 * record is accounted for: {@code recordsIn == originalsOut + dropped} always
 * ({@link #countsBalance()}).
 *
 * @param schema {@code debias.augment/1}
 * @param mode the mode
 * @param input the input file name
 * @param inputSha256 SHA-256 of the input
 * @param output the output file name
 * @param config every setting, seeds included
 * @param recordsIn valid input records
 * @param skipped invalid input records skipped (when the read options skip invalid records)
 * @param skippedRecords the first skipped records with their reasons
 * @param recordsOut records written
 * @param outByTransform records written per {@code transform} value
 * @param originalsOut records written in an input record's place (original, substituted, masked, reweighed)
 * @param dropped input records left out (rebalance with drop allowed)
 * @param copies counterfactual copies added
 * @param changed records written with a changed text
 * @param substitutions substitutions over all written records
 * @param substitutionsByTerm substitutions per {@code before>after} (lower-case), most frequent first
 * @param kept the records whose counterfactuals left an axis word or name unchanged although their mapping asked
 *     for a change, per {@code words (reason)} (a protected figure, idiom or known person; no counterpart in the
 *     target group), most frequent first, at most {@value #KEPT_LISTED}
 * @param countsBalance whether {@code recordsIn == originalsOut + dropped}
 * @param rateDefinition how the rates are defined
 * @param ratesBefore per label, the share of each group (see {@code rateDefinition}) in the input
 * @param ratesAfter the same in the output (for reweigh: weighted)
 * @param weights for reweigh, the weight of each {@code group|label}
 * @param warnings what the user should know
 * @param versions software versions
 */
public record AugmentSummary(String schema, String mode, String input, String inputSha256, String output,
        Map<String, String> config, long recordsIn, long skipped, List<String> skippedRecords, long recordsOut,
        Map<String, Long> outByTransform, long originalsOut, long dropped, long copies, long changed, long substitutions,
        Map<String, Long> substitutionsByTerm, Map<String, Long> kept, boolean countsBalance, String rateDefinition,
        Map<String, Map<String, Double>> ratesBefore, Map<String, Map<String, Double>> ratesAfter,
        Map<String, Double> weights, List<String> warnings, Map<String, String> versions) {
    /** The schema id. */
    public static final String SCHEMA = "debias.augment/1";
    /** How many kept words are listed. */
    public static final int KEPT_LISTED = 50;
}
