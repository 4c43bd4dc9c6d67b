package dev.debias.corpus.prep;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds to every record one field per axis, named {@code prefix + axis}, holding the groups of the axis
 * that its text names, in the axis' group order, joined by {@code |} ({@code female}, {@code female|male}),
 * or the empty string when it names none. So a corpus with no group column can be evaluated by group.
 * One streaming pass; every other field is kept, in input order, the new fields at the end.
 */
public final class CorpusTagger {
    /** What joins several groups in one value. */
    public static final String SEPARATOR = "|";

    private final List<AxisDetector> axes;
    private final List<String> names = new ArrayList<>();

    /**
     * A tagger of {@code axes} whose fields are {@code prefix + axis}.
     *
     * @throws IllegalArgumentException when two axes would give one field name
     */
    public CorpusTagger(List<AxisDetector> axes, String prefix) {
        this.axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("name at least one axis to tag");
        }
        for (AxisDetector a : axes) {
            names.add(prefix + a.axis());
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("the axes give the field names " + names + ", one twice; name each "
                    + "axis once");
        }
    }

    /** The fields this tagger adds, in order. */
    public List<String> fields() {
        return List.copyOf(names);
    }

    /** The value of axis {@code a}'s field for {@code r}. */
    public static String value(AxisDetector a, Record r) {
        return String.join(SEPARATOR, a.detect(r));
    }

    /**
     * {@code r} with the fields added.
     *
     * @throws InvalidInputException naming the record's place when it already has one of the fields
     */
    public Record tag(Record r, FieldMapping mapping) {
        Record out = r;
        for (int i = 0; i < axes.size(); i++) {
            String f = names.get(i);
            if (r.attributes().containsKey(f) || f.equals(mapping.textField()) || f.equals(mapping.labelField())
                    || f.equals(mapping.idField())) {
                throw new InvalidInputException(r.provenance().source() + ": the record already has a field '" + f
                        + "', which tagging would overwrite; choose a " + Setting.FIELD_PREFIX);
            }
            out = out.withAttribute(f, value(axes.get(i), r));
        }
        return out;
    }

    /** Tags {@code input} into {@code out}. */
    public TagResult tag(Path input, ReadOptions read, Path out, WriteOptions write, ProgressListener progress)
            throws IOException {
        Map<String, Map<String, Long>> values = new LinkedHashMap<>();
        names.forEach(n -> values.put(n, new LinkedHashMap<>()));
        ReadReport report;
        try (RecordWriter w = CorpusWriters.open(out, write)) {
            report = Passes.each(input, read, "tagging " + input.getFileName(), progress, (o, r) -> {
                Record t = tag(r, read.fields());
                for (String n : names) {
                    values.get(n).merge(t.attributes().get(n), 1L, Long::sum);
                }
                w.write(t);
            });
            w.commit();
        }
        return new TagResult(out, report.records(), fields(), values, report);
    }
}
