package dev.debias.audit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.InvalidRecordException;
import dev.debias.corpus.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexerTest {
    @TempDir
    Path dir;

    private static final FieldMapping LABELLED = FieldMapping.DEFAULT.withIdField("id").withLabelField("label")
            .withGroupFields(List.of("gender"));
    private static final ReadOptions READ = ReadOptions.defaults().withFields(LABELLED);

    // a1: she is a nurse | she works nights: 7 tokens, 2 sentences
    // b2: he drives a bus: 4 tokens, 1 sentence
    // c3: no tokens, no sentence
    // d4: dr lee met him | then he left | the end: 9 tokens, 3 sentences ("Dr." does not end a sentence)
    private static final String CORPUS = """
            {"id":"a1","text":"She is a nurse. She works nights.","label":"health","gender":"female"}
            {"id":"b2","text":"He drives a bus","label":"transport","gender":"male"}
            {"id":"c3","text":"","label":"health","gender":"male"}
            {"id":"d4","text":"Dr. Lee met him. Then he left.\\n\\nThe end","label":"health","gender":"female"}
            """;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static IndexBuild run(Path input, Path index, ReadOptions read) throws IOException {
        return CorpusIndexer.builder().setInput(input).setIndexDir(index).optReadOptions(read).optThreads(2).build().run();
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void metadataCountsTheDocumentsTokensAndSentences() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        IndexBuild b = run(input, index, READ);
        assertFalse(b.reused());
        assertEquals(index, b.dir());
        IndexMetadata m = b.metadata();
        assertEquals(4, m.documents());
        assertEquals(7 + 4 + 0 + 9, m.tokens());
        assertEquals(2 + 1 + 0 + 3, m.sentences());
        assertEquals(0, m.skipped());
        assertEquals("in.jsonl", m.source());
        assertEquals("label", m.labelField());
        assertEquals(List.of("gender"), m.groupFields());
        assertEquals(Hashing.sha256(input), m.inputSha256());
        assertEquals(IndexSettings.of(input, READ).describe(), m.settings());
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            assertEquals(m, ci.metadata());
            assertEquals(index, ci.dir());
            assertEquals(4, ci.reader().numDocs());
        }
    }

    @Test
    void storedFieldsAndPerDocumentValuesRoundTrip() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        run(input, index, READ);
        Map<String, Document> byId = new HashMap<>();
        Map<String, long[]> values = new HashMap<>();
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            for (LeafReaderContext leaf : ci.reader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                NumericDocValues tokens = leaf.reader().getNumericDocValues(IndexFields.TOKENS);
                NumericDocValues sentences = leaf.reader().getNumericDocValues(IndexFields.SENTENCES);
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    Document doc = stored.document(d);
                    String id = doc.get(IndexFields.ID);
                    byId.put(id, doc);
                    assertTrue(tokens.advanceExact(d) && sentences.advanceExact(d), id);
                    values.put(id, new long[] {tokens.longValue(), sentences.longValue()});
                }
            }
        }
        assertEquals(List.of("a1", "b2", "c3", "d4"), byId.keySet().stream().sorted().toList());
        Document a1 = byId.get("a1");
        assertEquals("She is a nurse. She works nights.", a1.get(IndexFields.TEXT));
        assertEquals("health", a1.get(IndexFields.LABEL));
        assertEquals("female", a1.get(IndexFields.group("gender")));
        assertEquals(0L, a1.getField(IndexFields.ORDINAL).numericValue().longValue());
        Document c3 = byId.get("c3");
        assertEquals("", c3.get(IndexFields.TEXT));
        assertEquals("male", c3.get(IndexFields.group("gender")));
        assertEquals(2L, c3.getField(IndexFields.ORDINAL).numericValue().longValue());
        Document d4 = byId.get("d4");
        assertEquals("Dr. Lee met him. Then he left.\n\nThe end", d4.get(IndexFields.TEXT));
        assertEquals(3L, d4.getField(IndexFields.ORDINAL).numericValue().longValue());
        assertEquals("transport", byId.get("b2").get(IndexFields.LABEL));
        assertEquals(List.of(7L, 2L), List.of(values.get("a1")[0], values.get("a1")[1]));
        assertEquals(List.of(4L, 1L), List.of(values.get("b2")[0], values.get("b2")[1]));
        assertEquals(List.of(0L, 0L), List.of(values.get("c3")[0], values.get("c3")[1]));
        assertEquals(List.of(9L, 3L), List.of(values.get("d4")[0], values.get("d4")[1]));
    }

    @Test
    void reusesAnUnchangedIndexAndRebuildsWhenTheInputBytesChange() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        IndexMetadata first = run(input, index, READ).metadata();
        IndexBuild again = run(input, index, READ);
        assertTrue(again.reused());
        assertEquals(first, again.metadata());

        // one record fewer: a different hash, a rebuild that drops the old documents
        write("in.jsonl", CORPUS.substring(0, CORPUS.indexOf("{\"id\":\"d4\"")));
        IndexBuild changed = run(input, index, READ);
        assertFalse(changed.reused());
        assertEquals(3, changed.metadata().documents());
        assertEquals(11, changed.metadata().tokens());
        assertNotEquals(first.inputSha256(), changed.metadata().inputSha256());
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            assertEquals(3, ci.reader().numDocs());
            assertEquals(changed.metadata(), ci.metadata());
        }
        assertTrue(run(input, index, READ).reused());

        // the same records with one byte of white space more is still other bytes
        write("in.jsonl", CORPUS.replace("{\"id\":\"a1\",", "{\"id\": \"a1\","));
        IndexBuild spaced = run(input, index, READ);
        assertFalse(spaced.reused());
        assertEquals(first.tokens(), spaced.metadata().tokens());
    }

    @Test
    void rebuildsWhenTheSettingsChangeOrARebuildIsAsked() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        run(input, index, READ);
        assertTrue(run(input, index, READ).reused());

        // without the label field
        ReadOptions noLabel = ReadOptions.defaults().withFields(LABELLED.withLabelField(null));
        IndexBuild unlabelled = run(input, index, noLabel);
        assertFalse(unlabelled.reused());
        assertNull(unlabelled.metadata().labelField());
        assertTrue(run(input, index, noLabel).reused());
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            Document doc = ci.reader().storedFields().document(0);
            assertNull(doc.get(IndexFields.LABEL), "no label stored when no label field is read");
        }

        // another label field: "gender" as the label and no group fields
        ReadOptions genderLabel = ReadOptions.defaults()
                .withFields(FieldMapping.DEFAULT.withIdField("id").withLabelField("gender"));
        IndexBuild relabelled = run(input, index, genderLabel);
        assertFalse(relabelled.reused());
        assertEquals("gender", relabelled.metadata().labelField());
        assertEquals(List.of(), relabelled.metadata().groupFields());

        // skipping invalid records is a setting too
        IndexBuild skipping = run(input, index, genderLabel.withSkipInvalid(true));
        assertFalse(skipping.reused());
        assertTrue(run(input, index, genderLabel.withSkipInvalid(true)).reused());

        // asked to rebuild: same settings, same bytes, still rebuilt
        IndexBuild forced = CorpusIndexer.builder().setInput(input).setIndexDir(index)
                .optReadOptions(genderLabel.withSkipInvalid(true)).optRebuild(true).build().run();
        assertFalse(forced.reused());
        assertEquals(skipping.metadata(), forced.metadata());
        assertTrue(run(input, index, genderLabel.withSkipInvalid(true)).reused());
    }

    @Test
    void refusesANonEmptyDirectoryThatHoldsNoIndexAndLeavesItAlone() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(index.resolve("todo.txt"), "keep me");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(input, index, READ));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("todo.txt"), listing(index));
        assertEquals("keep me", Files.readString(index.resolve("todo.txt")));
        assertThrows(InvalidInputException.class, () -> CorpusIndex.open(index));
    }

    @Test
    void filesBesideAnIndexAreKeptAndARebuildThatWouldReplaceThemIsRefused() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        IndexMetadata built = run(input, index, READ).metadata();
        Files.writeString(index.resolve("README.txt"), "my notes");
        assertTrue(run(input, index, READ).reused(), "an index with a file beside it is still reused");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CorpusIndexer.builder()
                .setInput(input).setIndexDir(index).optReadOptions(READ).optRebuild(true).build().run());
        assertTrue(e.getMessage().contains("README.txt") && e.getMessage().contains("replaces the whole directory"),
                e.getMessage());
        assertEquals("my notes", Files.readString(index.resolve("README.txt")));
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            assertEquals(built, ci.metadata());
        }
        assertEquals(List.of("in.jsonl", "index"), listing(dir));
    }

    @Test
    void filesNamedLikeAnIndexsWithoutLucenesWriteLockAreNotTakenForAnUnfinishedBuild() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(index.resolve("_draft.txt"), "keep me");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(input, index, READ));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("keep me", Files.readString(index.resolve("_draft.txt")));
    }

    @Test
    void refusesAFileAsTheIndexLocation() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path file = write("index", "not a directory");
        assertThrows(InvalidInputException.class, () -> run(input, file, READ));
        assertThrows(InvalidInputException.class, () -> CorpusIndex.open(file));
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void refusesALuceneIndexThatDebiasDidNotBuild() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("foreign");
        try (var d = FSDirectory.open(index);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document doc = new Document();
            doc.add(new TextField("body", "something else", Field.Store.YES));
            w.addDocument(doc);
            w.commit();
        }
        assertThrows(InvalidInputException.class, () -> run(input, index, READ));
        assertThrows(InvalidInputException.class, () -> CorpusIndex.open(index));
        try (var d = FSDirectory.open(index); DirectoryReader r = DirectoryReader.open(d)) {
            assertEquals(1, r.numDocs(), "the foreign index is left as it was");
        }
    }

    @Test
    void aMissingInputIsInvalidInput() {
        Path index = dir.resolve("index");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(dir.resolve("absent.jsonl"), index, READ));
        assertTrue(e.getMessage().contains("absent.jsonl"), e.getMessage());
        assertFalse(Files.exists(index), "nothing is created for a missing input");
    }

    @Test
    void aMalformedLineFailsNamingTheLineAndCommitsNothing() throws IOException {
        Path input = write("broken.jsonl", """
                {"id":"a","text":"She is here.","label":"p","gender":"female"}
                {"id":"b","text":"He is here.","label":"p","gender":"male"}
                {"id":"c","text": "oops",
                {"id":"d","text":"They left.","label":"n","gender":"male"}
                """);
        Path index = dir.resolve("index");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> run(input, index, READ));
        assertInstanceOf(InvalidRecordException.class, e);
        assertEquals(3, e.line());
        assertEquals(input, e.file());
        assertTrue(e.getMessage().startsWith(input + ":3: malformed JSON"), e.getMessage());
        assertNull(CorpusIndexer.existing(index), "no commit was made");
        assertThrows(InvalidInputException.class, () -> CorpusIndex.open(index));
        assertFalse(Files.exists(index), "a failed build leaves no index directory (nor a write.lock in one)");
        assertEquals(List.of("broken.jsonl"), listing(dir), "nor anything beside it");

        // once the line is fixed, the same directory takes the index
        write("broken.jsonl", Files.readString(input).replace("\"text\": \"oops\",",
                "\"text\": \"oops\",\"label\":\"n\",\"gender\":\"male\"}"));
        IndexBuild b = run(input, index, READ);
        assertFalse(b.reused());
        assertEquals(4, b.metadata().documents());
    }

    @Test
    void aFailedRebuildLeavesThePreviousCommitAndNoCommitForTheNewInput() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        IndexMetadata good = run(input, index, READ).metadata();
        write("in.jsonl", CORPUS + "{\"id\":\"e5\",\"text\":\n");
        String badSha = Hashing.sha256(input);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> run(input, index, READ));
        assertEquals(5, e.line());
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            assertEquals(good, ci.metadata());
            assertNotEquals(badSha, ci.metadata().inputSha256());
            assertEquals(4, ci.reader().numDocs());
        }
        // the previous commit does not match the new input, so the next run rebuilds (and fails again)
        assertThrows(CorpusFormatException.class, () -> run(input, index, READ));
        assertEquals(List.of("in.jsonl", "index"), listing(dir), "the failed builds left nothing beside the index");
    }

    @Test
    void aFailedBuildRemovesTheFoldersItCreated() throws IOException {
        Path input = write("bad.jsonl", "{\"text\": \n");
        Path index = dir.resolve("out/deeper/index");
        assertThrows(CorpusFormatException.class, () -> run(input, index, READ));
        assertEquals(List.of("bad.jsonl"), listing(dir), "out/deeper was made for the index and removed with it");
        Path kept = Files.createDirectories(dir.resolve("kept"));
        assertThrows(CorpusFormatException.class, () -> run(input, kept.resolve("index"), READ));
        assertEquals(List.of(), listing(kept), "a folder that was there stays");
    }

    @Test
    void anIndexReusedForAnotherFileWithTheSameBytesNamesThatFile() throws IOException {
        Path first = write("first.jsonl", CORPUS);
        Path second = write("second.jsonl", CORPUS);
        Path index = dir.resolve("index");
        assertEquals("first.jsonl", run(first, index, READ).metadata().source());
        IndexBuild b = run(second, index, READ);
        assertTrue(b.reused(), "the same bytes: the index is reused");
        assertEquals("second.jsonl", b.metadata().source());
        try (CorpusIndex ci = b.open()) {
            assertEquals("second.jsonl", ci.metadata().source());
            assertEquals(4, ci.reader().numDocs());
        }
        try (CorpusIndex ci = run(first, index, READ).open()) {
            assertEquals("first.jsonl", ci.metadata().source());
        }
    }

    @Test
    void openingABuildThatAnotherProcessReplacedWithOtherInputIsRefused() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        IndexBuild b = run(input, index, READ);
        write("in.jsonl", CORPUS.replace("nurse", "clerk"));
        run(input, index, READ);
        InvalidInputException e = assertThrows(InvalidInputException.class, b::open);
        assertTrue(e.getMessage().contains("rebuilt from other input"), e.getMessage());
    }

    @Test
    void whatKilledBuildsLeftBesideTheIndexIsRemovedAndTheIndexBuilt() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        // a build killed while indexing, one killed between the two renames of a rebuild, and the lock
        // file of a dead process (the operating system released its lock when it died)
        Path building = Files.createDirectories(dir.resolve(".index.building-999999-deadbeef"));
        Files.writeString(building.resolve("_0.fdt"), "half");
        Files.writeString(building.resolve("write.lock"), "");
        Path old = Files.createDirectories(dir.resolve(".index.old-999999-deadbeef"));
        Files.writeString(old.resolve("segments_1"), "old");
        Files.writeString(dir.resolve(".index.lock"), "999999");
        Files.writeString(dir.resolve(".other.building-1-x"), "another index's, left alone");
        IndexBuild b = run(input, index, READ);
        assertFalse(b.reused());
        assertEquals(4, b.metadata().documents());
        assertEquals(List.of(".other.building-1-x", "in.jsonl", "index"), listing(dir));
        assertFalse(listing(index).contains("write.lock"), "the published index holds no lock file");
    }

    @Test
    void reusingAnIndexRemovesWhatAKilledRebuildLeftBesideIt() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        run(input, index, READ);
        Path building = Files.createDirectories(dir.resolve(".index.building-999999-deadbeef"));
        Files.writeString(building.resolve("_0.si"), "half");
        Files.writeString(dir.resolve(".index.lock"), "999999");
        assertTrue(run(input, index, READ).reused());
        assertEquals(List.of("in.jsonl", "index"), listing(dir));
    }

    @Test
    void aDirectoryHoldingOnlyAnUnfinishedBuildIsReplaced() throws IOException {
        // what earlier versions left in the index directory itself when killed: segment files, no commit
        Path input = write("in.jsonl", CORPUS);
        Path index = Files.createDirectories(dir.resolve("index"));
        for (String f : List.of("_0.fdt", "_0.fdx", "_0_Lucene101_0.doc", "_1.si", "pending_segments_1", "write.lock")) {
            Files.writeString(index.resolve(f), "partial");
        }
        assertNull(CorpusIndexer.existing(index));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CorpusIndex.open(index));
        assertTrue(e.getMessage().contains("never finished"), e.getMessage());
        IndexBuild b = run(input, index, READ);
        assertFalse(b.reused());
        assertEquals(4, b.metadata().documents());
        assertTrue(run(input, index, READ).reused());
        assertEquals(List.of("in.jsonl", "index"), listing(dir));
    }

    @Test
    void aBuildWhileAnotherThreadHoldsTheLockIsRefusedAndNothingIsTouched() throws Exception {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        try (BuildLock held = BuildLock.acquire(dir.resolve(".index.lock"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(input, index, READ));
            assertTrue(e.getMessage().startsWith(index + ": another thread of this process is building this index"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("index directory"), "names the setting: " + e.getMessage());
            assertFalse(Files.exists(index));
        }
        assertFalse(Files.exists(dir.resolve(".index.lock")), "a released lock leaves no file");
        assertEquals(4, run(input, index, READ).metadata().documents());
    }

    @Test
    void concurrentBuildsOfOneIndexInOneProcessPublishOneCompleteIndex() throws Exception {
        Path input = write("in.jsonl", CORPUS);
        Path index = dir.resolve("index");
        int n = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<IndexBuild>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return run(input, index, READ);
                }));
            }
            start.countDown();
            int built = 0;
            for (var f : futures) {
                try {
                    IndexBuild b = f.get();
                    assertEquals(4, b.metadata().documents());
                    built++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(InvalidInputException.class, e.getCause());
                    assertTrue(e.getCause().getMessage().contains("is building this index"), e.getCause().getMessage());
                }
            }
            assertTrue(built >= 1);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(run(input, index, READ).reused());
        assertEquals(List.of("in.jsonl", "index"), listing(dir));
    }

    @Test
    void aSymbolicLinkToTheIndexStaysALink() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        run(input, link, READ);
        run(input, link, ReadOptions.defaults());
        assertTrue(Files.isSymbolicLink(link));
        try (CorpusIndex ci = CorpusIndex.open(real)) {
            assertNull(ci.metadata().labelField(), "the link's target holds the latest build");
        }
    }

    @Test
    void skippedInvalidRecordsAreCountedInTheMetadata() throws IOException {
        Path input = write("in.jsonl", """
                {"id":"a","text":"She is here.","label":"p","gender":"female"}
                not json at all
                {"id":"b","text":"He is here.","gender":"male"}
                {"id":"c","text":"They left early.","label":"n","gender":"male"}
                """);
        IndexBuild b = run(input, dir.resolve("index"), READ.withSkipInvalid(true));
        assertEquals(2, b.metadata().documents());
        assertEquals(2, b.metadata().skipped());
        assertEquals(6, b.metadata().tokens());
        assertEquals(2, b.metadata().sentences());
        try (CorpusIndex ci = CorpusIndex.open(dir.resolve("index"))) {
            assertEquals(2, ci.metadata().skipped());
            assertEquals(2, ci.reader().numDocs());
        }
        // without skipping, the second line fails the build
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> run(input, dir.resolve("strict"), READ));
        assertEquals(2, e.line());
    }

    @Test
    void openingAnEmptyOrMissingDirectoryIsInvalidInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CorpusIndex.open(empty));
        assertTrue(e.getMessage().contains("holds no debias index"), e.getMessage());
        assertEquals(List.of(), listing(empty));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> CorpusIndex.open(dir.resolve("missing")));
        assertTrue(missing.getMessage().contains("no such index directory"), missing.getMessage());
    }

    @Test
    void anEmptyExistingDirectoryTakesANewIndex() throws IOException {
        Path input = write("in.jsonl", CORPUS);
        Path index = Files.createDirectories(dir.resolve("empty"));
        IndexBuild b = run(input, index, READ);
        assertFalse(b.reused());
        assertEquals(4, b.metadata().documents());
    }

    @Test
    void aTokenTooLongForALuceneTermDoesNotFailTheBuild() throws IOException {
        // a 40000-letter run is one token, over Lucene's 32766-byte term limit
        Path input = write("long.jsonl", "{\"text\":\"She met " + "x".repeat(40_000) + " there.\"}\n");
        IndexBuild b = run(input, dir.resolve("index"), ReadOptions.defaults());
        assertEquals(1, b.metadata().documents());
        assertEquals(4, b.metadata().tokens());
        try (CorpusIndex ci = CorpusIndex.open(dir.resolve("index"))) {
            var terms = ci.reader().leaves().get(0).reader().terms(IndexFields.TEXT);
            var te = terms.iterator();
            assertTrue(te.seekExact(new org.apache.lucene.util.BytesRef("there")));
            var postings = te.postings(null, org.apache.lucene.index.PostingsEnum.POSITIONS);
            assertEquals(0, postings.nextDoc());
            assertEquals(3, postings.nextPosition(), "the long token keeps its position");
        }
    }

    @Test
    void theBuilderChecksItsArguments() {
        Path p = dir.resolve("x");
        assertThrows(IllegalArgumentException.class, () -> CorpusIndexer.builder().setIndexDir(p).build());
        assertThrows(IllegalArgumentException.class, () -> CorpusIndexer.builder().setInput(p).build());
        assertThrows(IllegalArgumentException.class,
                () -> CorpusIndexer.builder().setInput(p).setIndexDir(p).optThreads(0).build());
        assertThrows(NullPointerException.class, () -> CorpusIndexer.builder().optReadOptions(null));
    }
}
