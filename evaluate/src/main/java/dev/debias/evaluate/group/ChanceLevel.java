package dev.debias.evaluate.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.debias.stats.Estimate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each headline measure reads for a classifier that guesses: the model's own predictions shuffled
 * across the test records, so that they keep their frequencies but no longer depend on the record (its
 * label, its text or its group). A bias measure whose chance level is as low as the model's own value
 * cannot tell a fair model from one that merely guesses (Xu and Hu 2022 found many do). Immutable.
 *
 * @param permutations how many shuffles the values summarise
 * @param seed the seed of the shuffles
 * @param measures per measure ({@code accuracy}, {@code macro_f1} and the gaps, named as in {@link Gap}): the
 *     mean over the shuffles, with the 2.5th and 97.5th percentiles as its range; undefined, with the reason,
 *     where no shuffle defines it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChanceLevel(int permutations, long seed, Map<String, Estimate> measures) {
    public ChanceLevel {
        if (permutations < 1) {
            throw new IllegalArgumentException("a chance level needs at least one permutation, got " + permutations);
        }
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }
}
