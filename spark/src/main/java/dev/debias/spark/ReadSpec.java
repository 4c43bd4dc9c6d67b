package dev.debias.spark;

import dev.debias.corpus.CorpusFormat;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** {@link ReadOptions} in a form Spark can ship to its executors. */
public record ReadSpec(CorpusFormat format, String textField, String labelField, ArrayList<String> groupFields,
        String idField, boolean skipInvalid) implements Serializable {
    /** The spec of {@code o}. */
    public static ReadSpec of(ReadOptions o) {
        FieldMapping f = o.fields();
        return new ReadSpec(o.format(), f.textField(), f.labelField(), new ArrayList<>(f.groupFields()), f.idField(),
                o.skipInvalid());
    }

    /** The options back. */
    public ReadOptions options() {
        return new ReadOptions(format, new FieldMapping(textField, labelField, List.copyOf(groupFields), idField),
                skipInvalid, false);
    }
}
