package dev.debias.audit.index;

import dev.debias.core.Hashing;
import dev.debias.corpus.CorpusFormat;
import dev.debias.corpus.ReadOptions;
import dev.debias.text.SentenceSplitter;
import java.nio.file.Path;

/**
 * Everything besides the input's bytes that shapes an audit index: how the input is read and how
 * text is analyzed. Two builds with equal settings over the same bytes give indexes with the same
 * counts, so one can stand in for the other.
 *
 * @param format the input format, resolved (never null)
 * @param read the read options (fields, skipping)
 */
public record IndexSettings(CorpusFormat format, ReadOptions read) {
    /**
     * Version of the analysis (token rule and sentence splitting around the model); bump it when
     * {@link dev.debias.text.Tokens} or {@link SentenceSplitter} changes meaning, so cached indexes are rebuilt.
     */
    public static final String ANALYSIS = "tokens-v1+paragraphs-v2";

    /** The settings for reading {@code input} with {@code read}, the format detected when not given. */
    public static IndexSettings of(Path input, ReadOptions read) {
        return new IndexSettings(read.format() != null ? read.format() : CorpusFormat.detect(input), read);
    }

    /** A stable one-line description, compared when deciding whether an index can be reused. */
    public String describe() {
        var f = read.fields();
        return "analysis=" + ANALYSIS + ";sentences=" + SentenceSplitter.modelId() + ";format=" + format.id()
                + ";text=" + f.textField() + ";label=" + nullToEmpty(f.labelField()) + ";groups="
                + String.join(",", f.groupFields()) + ";id=" + nullToEmpty(f.idField()) + ";skip_invalid="
                + read.skipInvalid() + ";layout=" + IndexMetadata.LAYOUT;
    }

    /** The cache key for an input with content hash {@code inputSha256}: 16 hex digits. */
    public String cacheKey(String inputSha256) {
        return Hashing.sha256(inputSha256 + "\n" + describe()).substring(0, 16);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
