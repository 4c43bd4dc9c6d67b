package dev.debias.audit.index;

/** The names of the fields debias writes to an audit index; one place so readers and writers agree. */
public final class IndexFields {
    /** The text: indexed with positions under the {@link dev.debias.text.Tokens} rule, and stored. */
    public static final String TEXT = "text";
    /** The record id, stored. */
    public static final String ID = "id";
    /** The record's 0-based position in the input: numeric doc values and stored. */
    public static final String ORDINAL = "ord";
    /** The label: sorted doc values and stored. */
    public static final String LABEL = "label";
    /** Prefix of ground-truth group attribute fields ({@code group.gender}): sorted doc values and stored. */
    public static final String GROUP_PREFIX = "group.";
    /** Number of tokens: numeric doc values. */
    public static final String TOKENS = "tokens";
    /** Number of sentences with at least one token: numeric doc values. */
    public static final String SENTENCES = "sentences";
    /** Start position of every sentence, delta-encoded variable-length ints: binary doc values. */
    public static final String SENTENCE_STARTS = "sentence_starts";

    private IndexFields() {}

    /** The field of a ground-truth group attribute. */
    public static String group(String attribute) {
        return GROUP_PREFIX + attribute;
    }
}
