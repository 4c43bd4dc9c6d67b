package dev.debias.corpus.prep;

import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small corpora for the prep tests. */
final class PrepFixtures {
    private PrepFixtures() {}

    /**
     * A JSONL corpus of records {@code from..to} (ids are line numbers, so record k is on line k when from is 1):
     * text {@code "record k"}, attribute {@code grp} = {@code a} for k up to 12, else {@code b}.
     */
    static Path twenty(Path file, int from, int to) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int k = from; k <= to; k++) {
            b.append("{\"text\":\"record ").append(k).append("\",\"grp\":\"").append(k <= 12 ? "a" : "b").append("\"}\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** A JSONL file of these texts, one record each. */
    static Path texts(Path file, String... texts) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String t : texts) {
            b.append("{\"text\":\"").append(t.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}\n");
        }
        return Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** Every record of a corpus. */
    static List<Record> read(Path file) {
        List<Record> out = new ArrayList<>();
        try (RecordReader r = CorpusReaders.open(file, ReadOptions.defaults().withFields(
                dev.debias.corpus.FieldMapping.DEFAULT.withIdField("id")))) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    /** The ids of a written corpus (the writer puts the reader's id in an {@code id} field). */
    static List<String> ids(Path file) {
        return read(file).stream().map(Record::id).toList();
    }
}
