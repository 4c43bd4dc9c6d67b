package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCorpusTest {
    @TempDir
    Path dir;

    private static void zstd(Path file, String content) throws IOException {
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void parquet(Path file, Record... records) throws IOException {
        try (RecordWriter w = CorpusWriters.open(file)) {
            for (Record r : records) {
                w.write(r);
            }
            w.commit();
        }
    }

    @Test
    void aFolderOfParquetShardsIsOneCorpusInSortedOrderWithIdsUniqueAcrossShards() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        parquet(data.resolve("train-00001-of-00002.parquet"), Record.of("x", "third"), Record.of("y", "fourth"));
        parquet(data.resolve("train-00000-of-00002.parquet"), Record.of("x", "first"), Record.of("y", "second"));
        Fixtures.write(data.resolve(".gitattributes"), "*.parquet filter=lfs\n");   // hidden: not a shard
        Fixtures.write(data.resolve("train-00000-of-00002.parquet.provenance.json"), "{}");   // a sidecar: not a shard
        assertEquals(CorpusFormat.PARQUET, CorpusFormat.detect(data));
        try (RecordReader r = CorpusReaders.open(data)) {
            assertEquals(CorpusFormat.PARQUET, r.format());
            List<Record> all = Fixtures.drain(r);
            assertEquals(List.of("first", "second", "third", "fourth"), Fixtures.texts(all));
            assertEquals(List.of("train-00000-of-00002.parquet:1", "train-00000-of-00002.parquet:2",
                    "train-00001-of-00002.parquet:1", "train-00001-of-00002.parquet:2"), Fixtures.ids(all));
            assertEquals("x", all.get(2).attributes().get("id"), "the shard's own id column is kept as an attribute");
            assertEquals(r.bytesTotal(), r.bytesRead());
            assertEquals(Files.size(data.resolve("train-00000-of-00002.parquet"))
                    + Files.size(data.resolve("train-00001-of-00002.parquet")), r.bytesTotal());
        }
        // with an id field, ids are checked across shards
        ReadOptions byId = Fixtures.options(FieldMapping.DEFAULT.withIdField("id")).withUniqueIds(true);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> Fixtures.readAll(data, byId));
        assertEquals(data.resolve("train-00001-of-00002.parquet") + ": row group 1, row 1: the id 'x' is also the id of"
                + " the record in train-00000-of-00002.parquet in row group 1, row 1; ids (named by "
                + dev.debias.core.Setting.ID_FIELD + ") must be unique: give each record its own id", e.getMessage());
    }

    @Test
    void aGlobReadsTheMatchingShardsInSortedOrder() throws IOException {
        Fixtures.write(dir.resolve("part-b.jsonl"), "{\"text\":\"b1\"}\n{\"text\":\"b2\"}\n");
        Fixtures.write(dir.resolve("part-a.jsonl"), "{\"text\":\"a1\"}\n");
        Fixtures.write(dir.resolve("other.jsonl"), "{\"text\":\"not matched\"}\n");
        Fixtures.write(dir.resolve("README.md"), "# not a shard\n");
        Path glob = dir.resolve("part-*.jsonl");
        assertEquals(CorpusFormat.JSONL, CorpusFormat.detect(glob));
        List<Record> all = Fixtures.readAll(glob);
        assertEquals(List.of("a1", "b1", "b2"), Fixtures.texts(all));
        assertEquals(List.of("part-a.jsonl:1", "part-b.jsonl:1", "part-b.jsonl:2"), Fixtures.ids(all));
        assertEquals(Hashing.sha256(glob), Hashing.sha256(glob), "a glob has a content hash");
        assertTrue(dev.debias.core.PathGlob.existsOrMatches(glob));
        CorpusFormatException none = assertThrows(CorpusFormatException.class,
                () -> Fixtures.readAll(dir.resolve("train-*.parquet")));
        assertContains(none.getMessage(), "the glob matches no file");
    }

    @Test
    void zstdShardsAndAnEmptyShardAndErrorsNamingTheShard() throws IOException {
        Path shards = Files.createDirectories(dir.resolve("shards"));
        zstd(shards.resolve("s0.jsonl.zst"), "{\"text\":\"zero\",\"label\":\"a\"}\n\n");
        zstd(shards.resolve("s1.jsonl.zst"), "");
        Fixtures.write(shards.resolve("s2.jsonl"), "{\"text\":\"two\",\"label\":\"b\"}\n{\"label\":\"c\"}\n");
        ReadOptions labelled = Fixtures.options(FieldMapping.DEFAULT.withLabelField("label"));
        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> Fixtures.readAll(shards, labelled));
        assertEquals(shards.resolve("s2.jsonl") + ":2: no field 'text'; fields present: [label] (name the text field with "
                + dev.debias.core.Setting.TEXT_FIELD + ")", e.getMessage());
        try (RecordReader r = CorpusReaders.open(shards, labelled.withSkipInvalid(true))) {
            List<Record> all = Fixtures.drain(r);
            assertEquals(List.of("s0.jsonl.zst:1", "s2.jsonl:1"), Fixtures.ids(all));
            assertEquals(List.of("a", "b"), all.stream().map(Record::label).toList());
            assertEquals(1, r.report().skipped());
            assertEquals("s2.jsonl:2", r.report().skippedRecords().get(0).toString().substring(0, 10));
            assertEquals(1, r.report().blankLines());
        }
    }

    @Test
    void aMixedFolderIsRefusedAndATextFolderStaysAFolderOfDocuments() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Fixtures.write(mixed.resolve("a.jsonl"), "{\"text\":\"a\"}\n");
        Fixtures.write(mixed.resolve("b.csv"), "text\nb\n");
        Fixtures.write(mixed.resolve("README.md"), "hi\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> CorpusReaders.open(mixed));
        assertContains(e.getMessage(), mixed + ": mixes files of several kinds: 1 jsonl (a.jsonl), 1 csv (b.csv),"
                + " 1 other (README.md)");
        assertContains(e.getMessage(), "name the shards with a glob such as " + mixed.resolve("*.jsonl"));
        assertThrows(CorpusFormatException.class, () -> CorpusFormat.detect(mixed));
        // a named format reads every file as a shard of it
        Files.delete(mixed.resolve("README.md"));
        Files.delete(mixed.resolve("b.csv"));
        Fixtures.write(mixed.resolve("c.json"), "{\"text\":\"c\"}\n");
        assertEquals(List.of("a", "c"), Fixtures.texts(Fixtures.readAll(mixed, ReadOptions.defaults()
                .withFormat(CorpusFormat.JSONL))));

        Path docs = Files.createDirectories(dir.resolve("docs/sub"));
        Fixtures.write(docs.resolve("one.txt"), "one\n");
        Fixtures.write(dir.resolve("docs/notes.md"), "ignored as before\n");
        assertEquals(CorpusFormat.DIR, CorpusFormat.detect(dir.resolve("docs")));
        assertEquals(List.of("sub/one.txt"), Fixtures.ids(Fixtures.readAll(dir.resolve("docs"))));
        Fixtures.write(dir.resolve("docs/extra.jsonl"), "{\"text\":\"x\"}\n");
        assertEquals(List.of("sub/one.txt"), Fixtures.ids(Fixtures.readAll(dir.resolve("docs"))), "a .txt file decides");
        assertThrows(InvalidInputException.class, () -> CorpusReaders.open(dir.resolve("*.jsonl"),
                ReadOptions.defaults().withFormat(CorpusFormat.DIR)));
    }
}
