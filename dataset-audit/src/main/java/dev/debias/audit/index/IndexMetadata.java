package dev.debias.audit.index;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit index was built from, kept in the Lucene commit's user data: the input's content
 * hash and the analysis settings decide whether the index can be reused; the counts spare a pass
 * over the index.
 *
 * @param inputSha256 SHA-256 of the input file (or directory)
 * @param settings {@link IndexSettings#describe()} of the build
 * @param source the input's file name (as built; {@link CorpusIndexer#run()} names the file it was given)
 * @param documents records indexed
 * @param tokens tokens over all records
 * @param sentences sentences (with at least one token) over all records
 * @param skipped invalid records skipped while reading
 * @param labelField the label field, or null
 * @param groupFields the ground-truth group attribute fields
 * @param debiasVersion the debias version that built the index
 */
public record IndexMetadata(String inputSha256, String settings, String source, long documents, long tokens,
        long sentences, long skipped, String labelField, List<String> groupFields, String debiasVersion) {
    /** Version of the index layout; an index with another version is rebuilt. */
    public static final String LAYOUT = "debias-audit-index/1";

    public IndexMetadata {
        groupFields = List.copyOf(groupFields);
    }

    /** The same metadata naming another source: a reused index built from another file with the same bytes. */
    public IndexMetadata withSource(String otherSource) {
        return new IndexMetadata(inputSha256, settings, otherSource, documents, tokens, sentences, skipped, labelField,
                groupFields, debiasVersion);
    }

    Map<String, String> toUserData() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layout", LAYOUT);
        m.put("input_sha256", inputSha256);
        m.put("settings", settings);
        m.put("source", source);
        m.put("documents", Long.toString(documents));
        m.put("tokens", Long.toString(tokens));
        m.put("sentences", Long.toString(sentences));
        m.put("skipped", Long.toString(skipped));
        m.put("label_field", labelField == null ? "" : labelField);
        m.put("group_fields", String.join("\u0001", groupFields));
        m.put("debias_version", debiasVersion);
        return m;
    }

    /** Reads the metadata back, or returns null when the user data is not a complete debias index. */
    static IndexMetadata fromUserData(Map<String, String> m) {
        if (!LAYOUT.equals(m.get("layout"))) {
            return null;
        }
        String groups = m.getOrDefault("group_fields", "");
        return new IndexMetadata(m.get("input_sha256"), m.get("settings"), m.get("source"),
                Long.parseLong(m.get("documents")), Long.parseLong(m.get("tokens")), Long.parseLong(m.get("sentences")),
                Long.parseLong(m.get("skipped")), m.get("label_field").isEmpty() ? null : m.get("label_field"),
                groups.isEmpty() ? List.of() : Arrays.asList(groups.split("\u0001")), m.get("debias_version"));
    }
}
