package dev.debias.corpus.prep;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the records of a corpus that satisfy a {@link FilterConfig}, in one streaming pass, in input order,
 * every field kept. The lexicon of an axis is matched once per record however many conditions name it.
 */
public final class CorpusFilter {
    private final FieldMapping fields;
    private final Map<String, Set<String>> where = new LinkedHashMap<>();
    private final List<FilterConfig.FieldCondition> whereNot;
    private final Map<AxisDetector, Set<String>> match = new IdentityHashMap<>();
    private final List<FilterConfig.LexiconCondition> noMatch;

    /** A filter by {@code config} reading fields as {@code fields} maps them. */
    public CorpusFilter(FilterConfig config, FieldMapping fields) {
        this.fields = fields;
        for (FilterConfig.FieldCondition c : config.where()) {
            where.computeIfAbsent(c.field(), k -> new LinkedHashSet<>()).add(c.value());
        }
        this.whereNot = config.whereNot();
        for (FilterConfig.LexiconCondition c : config.match()) {
            Set<String> groups = match.computeIfAbsent(c.detector(), k -> new LinkedHashSet<>());
            groups.addAll(c.group() == null ? c.detector().groups() : List.of(c.group()));
        }
        this.noMatch = config.noMatch();
    }

    /** Whether {@code r} is kept. */
    public boolean keeps(Record r) {
        for (var e : where.entrySet()) {
            if (!e.getValue().contains(FieldValues.of(r, fields, e.getKey()))) {
                return false;
            }
        }
        for (FilterConfig.FieldCondition c : whereNot) {
            if (c.value().equals(FieldValues.of(r, fields, c.field()))) {
                return false;
            }
        }
        Map<AxisDetector, List<String>> found = new IdentityHashMap<>();
        for (var e : match.entrySet()) {
            List<String> named = found.computeIfAbsent(e.getKey(), d -> d.detect(r));
            if (named.stream().noneMatch(e.getValue()::contains)) {
                return false;
            }
        }
        for (FilterConfig.LexiconCondition c : noMatch) {
            List<String> named = found.computeIfAbsent(c.detector(), d -> d.detect(r));
            if (c.group() == null ? !named.isEmpty() : named.contains(c.group())) {
                return false;
            }
        }
        return true;
    }

    /** Filters {@code input} into {@code out}. */
    public FilterResult filter(Path input, ReadOptions read, Path out, WriteOptions write, ProgressListener progress)
            throws IOException {
        ReadReport report;
        long kept;
        try (RecordWriter w = CorpusWriters.open(out, write)) {
            report = Passes.each(input, read, "filtering " + input.getFileName(), progress, (o, r) -> {
                if (keeps(r)) {
                    w.write(r);
                }
            });
            kept = w.written();
            w.commit();
        }
        return new FilterResult(out, report.records(), kept, report.records() - kept, report);
    }
}
