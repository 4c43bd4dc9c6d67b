package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet and shard folders through the command line: {@code corpus convert} and {@code audit}, in process. */
class ParquetCliTest {
    @TempDir
    Path dir;

    @Test
    void convertRoundTripsJsonlThroughParquetByteForByteAndAuditReadsParquetAndShardsAlike() throws IOException {
        Path jsonl = AuditCommandTest.writeBios(dir.resolve("bios.jsonl"), 200, 3);
        Path parquet = dir.resolve("bios.parquet");
        String[] fields = {"--id-field", "id", "--label-field", "label"};
        AuditCommandTest.Run to = AuditCommandTest.debias(concat(List.of("corpus", "convert", jsonl.toString(), "--out",
                parquet.toString()), fields));
        assertEquals(ExitCodes.OK, to.code(), to.err());
        assertEquals("wrote 200 records to " + parquet + "\n", to.out());
        assertArrayEquals(new byte[] {'P', 'A', 'R', '1'}, java.util.Arrays.copyOf(Files.readAllBytes(parquet), 4));
        Path back = dir.resolve("back.jsonl");
        AuditCommandTest.Run from = AuditCommandTest.debias(concat(List.of("corpus", "convert", parquet.toString(),
                "--out", back.toString()), fields));
        assertEquals(ExitCodes.OK, from.code(), from.err());
        assertArrayEquals(Files.readAllBytes(jsonl), Files.readAllBytes(back), "JSONL -> Parquet -> JSONL is lossless");

        // the same corpus as a folder of two Parquet shards
        Path shards = Files.createDirectories(dir.resolve("shards"));
        List<Record> all = new ArrayList<>();
        try (RecordReader r = CorpusReaders.open(jsonl, ReadOptions.defaults()
                .withFields(FieldMapping.DEFAULT.withIdField("id").withLabelField("label")))) {
            r.forEachRemaining(all::add);
        }
        for (int s = 0; s < 2; s++) {
            try (RecordWriter w = CorpusWriters.open(shards.resolve("train-0000" + s + "-of-00002.parquet"))) {
                for (Record rec : all.subList(s * 100, s * 100 + 100)) {
                    w.write(rec);
                }
                w.commit();
            }
        }
        byte[] expected = audit(jsonl, "a");
        assertArrayEquals(expected, audit(parquet, "b"), "audit.csv from Parquet");
        assertArrayEquals(expected, audit(shards, "c"), "audit.csv from a shard folder");
        assertArrayEquals(expected, audit(shards.resolve("train-*.parquet"), "d"), "audit.csv from a glob");
    }

    @Test
    void aMixedFolderIsAClearErrorAtTheCommandLine() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.writeString(mixed.resolve("a.jsonl"), "{\"text\":\"a\"}\n");
        Files.writeString(mixed.resolve("README.md"), "# about\n");
        AuditCommandTest.Run r = AuditCommandTest.debias("corpus", "convert", mixed.toString(), "--out",
                dir.resolve("x.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(mixed + ": mixes files of several kinds: 1 jsonl (a.jsonl), 1 other (README.md)"),
                r.err());
    }

    private byte[] audit(Path input, String name) throws IOException {
        Path out = dir.resolve("audit-" + name);
        AuditCommandTest.Run r = AuditCommandTest.debias("audit", input.toString(), "--label-field", "label",
                "--group-field", "gender", "--index", dir.resolve("index-" + name).toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return Files.readAllBytes(out.resolve("audit.csv"));
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> l = new ArrayList<>(head);
        l.addAll(List.of(tail));
        return l.toArray(new String[0]);
    }
}
