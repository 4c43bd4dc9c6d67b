package dev.debias.corpus;

import dev.debias.core.ProgressListener;
import dev.debias.text.Tokens;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A one-pass description of a corpus: record count, label distribution, the distribution of each
 * group field and its cross-tabulation with the label, text lengths, and what the reader skipped.
 * Immutable; computed by streaming, so memory grows with the number of distinct labels and groups,
 * not with the corpus.
 *
 * @param source the file read
 * @param records records read
 * @param skipped invalid records skipped (see {@link ReadReport})
 * @param blankLines blank lines passed over
 * @param labels records per label (empty when no label field)
 * @param groups per group field, records per value
 * @param labelByGroup per group field, per label, records per group value
 * @param meanTokens mean tokens per record (the {@link Tokens} rule)
 * @param maxTokens most tokens in one record
 * @param meanChars mean characters per record
 */
public record CorpusSummary(String source, long records, long skipped, long blankLines, Map<String, Long> labels,
        Map<String, Map<String, Long>> groups, Map<String, Map<String, Map<String, Long>>> labelByGroup,
        double meanTokens, long maxTokens, double meanChars) {

    /** Reads every remaining record of {@code reader} and summarizes them; the field mapping says which are groups. */
    public static CorpusSummary of(RecordReader reader, FieldMapping fields, ProgressListener progress) {
        Map<String, Long> labels = new TreeMap<>();
        Map<String, Map<String, Long>> groups = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> cross = new TreeMap<>();
        long n = 0;
        long tokens = 0;
        long chars = 0;
        long maxTokens = 0;
        long lastBytes = 0;
        progress.start("reading " + reader.source().getFileName(), reader.bytesTotal(), "bytes");
        while (reader.hasNext()) {
            Record r = reader.next();
            n++;
            int t = Tokens.split(r.text()).size();
            tokens += t;
            maxTokens = Math.max(maxTokens, t);
            chars += r.text().length();
            if (r.label() != null) {
                labels.merge(r.label(), 1L, Long::sum);
            }
            for (String g : fields.groupFields()) {
                String v = r.attributes().get(g);
                groups.computeIfAbsent(g, k -> new TreeMap<>()).merge(v, 1L, Long::sum);
                if (r.label() != null) {
                    cross.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(r.label(), k -> new TreeMap<>())
                            .merge(v, 1L, Long::sum);
                }
            }
            if ((n & 1023) == 0) {
                progress.advance(reader.bytesRead() - lastBytes);
                lastBytes = reader.bytesRead();
            }
        }
        progress.advance(reader.bytesRead() - lastBytes);
        progress.finish();
        ReadReport rep = reader.report();
        return new CorpusSummary(String.valueOf(reader.source()), n, rep.skipped(), rep.blankLines(), freeze(labels),
                freeze2(groups), freeze3(cross), n == 0 ? 0 : (double) tokens / n, maxTokens, n == 0 ? 0 : (double) chars / n);
    }

    /** The labels in sorted order. */
    public List<String> labelNames() {
        return List.copyOf(labels.keySet());
    }

    private static Map<String, Long> freeze(Map<String, Long> m) {
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, Long>> freeze2(Map<String, Map<String, Long>> m) {
        m.replaceAll((k, v) -> freeze(v));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, Map<String, Long>>> freeze3(Map<String, Map<String, Map<String, Long>>> m) {
        m.replaceAll((k, v) -> freeze2(v));
        return Collections.unmodifiableMap(m);
    }
}
