package dev.debias.finetune.train;

/**
 * One tokenized example.
 *
 * @param id the record id
 * @param ids word-piece ids, with the special tokens, truncated to the maximum length
 * @param types token type ids
 * @param label the label's index, or -1 when unknown (prediction)
 * @param weight the example's weight in the loss
 */
public record Example(String id, long[] ids, long[] types, int label, float weight) {
    /** Number of tokens. */
    public int length() {
        return ids.length;
    }
}
