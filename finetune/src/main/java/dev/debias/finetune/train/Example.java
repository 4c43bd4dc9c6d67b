package dev.debias.finetune.train;

/**
 * One tokenized example.
 *
 * @param id the record id
 * @param ids word-piece ids, with the special tokens, truncated to the maximum length
 * @param types token type ids
 * @param label the label's index, or -1 when unknown (prediction) or for regression
 * @param weight the example's weight in the loss
 * @param target the regression target; NaN for classification and prediction
 */
public record Example(String id, long[] ids, long[] types, int label, float weight, float target) {
    /** A classification (or unlabelled) example. */
    public Example(String id, long[] ids, long[] types, int label, float weight) {
        this(id, ids, types, label, weight, Float.NaN);
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }
}
