package dev.debias.cli;

import dev.debias.corpus.CorpusFormat;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to read an input corpus: format and field mapping, shared by every command that reads one. */
public final class InputOptions {
    @Option(names = "--format", paramLabel = "FMT",
            description = "Input format: jsonl, csv, tsv, parquet, text (one document per line) or dir (a directory of"
                    + " .txt files). Default: from the extension (.jsonl .ndjson .csv .tsv .txt, optionally .gz or .zst;"
                    + " .parquet). A folder of shards of one format, or a quoted glob such as 'data/train-*.parquet',"
                    + " is read as one corpus in sorted path order.")
    String format;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "Field holding the text. In JSONL and Parquet a path into nested records: messages[*].content (every "
                    + "message, joined by line breaks; augment rewrites each in place), messages[0].content, meta.text; "
                    + "every field option takes a path. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", description = "Field holding the class label, if any.")
    String labelField;

    @Option(names = "--group-field", paramLabel = "NAME",
            description = "Field holding a ground-truth group attribute such as gender; repeatable.")
    List<String> groupFields = new ArrayList<>();

    @Option(names = "--id-field", paramLabel = "NAME",
            description = "Field holding a unique record id. Default: the record's line number.")
    String idField;

    @Option(names = "--skip-invalid",
            description = "Skip invalid records instead of stopping at the first; every skipped record is counted "
                    + "and reported.")
    boolean skipInvalid;

    /** The field mapping these options describe. */
    FieldMapping fields() {
        return new FieldMapping(textField, labelField, groupFields, idField);
    }

    /** The read options these options describe. */
    ReadOptions readOptions() {
        return new ReadOptions(format == null ? null : CorpusFormat.of(format), fields(), skipInvalid);
    }
}
