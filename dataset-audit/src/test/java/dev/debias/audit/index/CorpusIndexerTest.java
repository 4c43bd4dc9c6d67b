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
