package dev.debias.audit;

import dev.debias.stats.Estimate;
import java.util.Map;

/**
 * How well an axis' lexicon finds the group that a ground-truth column records, document by
 * document. A column value corresponds to a group when equal ignoring case, or when it is one letter
 * and exactly one group starts with it ({@code F} for {@code female}).
 *
 * @param axis the lexicon axis
 * @param field the ground-truth column
 * @param valueToGroup each column value's group; values without one are left out of the rate
 * @param documents {@code value -> detected -> documents}, detected being a group, {@code several} or {@code none}
 * @param comparable documents with a mapped value where exactly one group was detected
 * @param agreementRate the share of comparable documents where the detected group is the column's, Wilson interval
 * @param coverage the share of documents with a mapped value where exactly one group was detected, Wilson interval
 */
public record Agreement(String axis, String field, Map<String, String> valueToGroup,
        Map<String, Map<String, Long>> documents, long comparable, Estimate agreementRate, Estimate coverage) {}
