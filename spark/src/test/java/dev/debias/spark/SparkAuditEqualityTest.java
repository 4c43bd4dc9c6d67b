package dev.debias.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.audit.Audit;
import dev.debias.audit.Axis;
import dev.debias.audit.Targets;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.audit.index.IndexBuild;
import dev.debias.audit.index.IndexFields;
import dev.debias.audit.report.AuditJson;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.demo.BiosGenerator;
import dev.debias.spark.audit.SparkIndexer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine's audit equals the single-machine engine's on the same corpus, in document, sentence and
 * window scope, also when a task fails once after committing its shard and is retried. Nothing is left out of
 * the comparison: the Spark index carries the same metadata, so even the audit's config and index fields match.
 */
class SparkAuditEqualityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Scope> SCOPES = List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(5));

    @TempDir
    static Path tmp;
    static Path corpus;
    static ReadOptions read;
    static IndexBuild local;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = tmp.resolve("bios");
        Files.createDirectories(corpus);
        BiosGenerator gen = BiosGenerator.builder().setCount(1500).optSeed(7).build();
        // three shards of unequal size, one empty: the ordinals of later shards start after earlier ones
        int[] ends = {700, 700, 1100, 1500};
        int from = 0;
        for (int s = 0; s < ends.length; s++) {
            try (BufferedWriter w = Files.newBufferedWriter(corpus.resolve("part-" + s + ".jsonl"))) {
                for (int i = from; i < ends[s]; i++) {
                    Record r = gen.record(i);
                    ObjectNode o = JSON.createObjectNode().put("text", r.text()).put("label", r.label());
                    w.write(JSON.writeValueAsString(o));
                    w.newLine();
                }
            }
            from = ends[s];
        }
        read = ReadOptions.defaults().withFields(new FieldMapping("text", "label", List.of(), null));
        local = CorpusIndexer.builder().setInput(corpus).setIndexDir(tmp.resolve("local.index")).optReadOptions(read)
                .optThreads(2).build().run();
    }

    @Test
    void sparkAuditEqualsLocalInEveryScope() throws IOException {
        IndexBuild spark = SparkIndexer.builder().setInput(corpus).setIndexDir(tmp.resolve("spark.index"))
                .optReadOptions(read).optSpark(SparkSettings.local().withMaster("local[2]")).build().run();
        assertSame(spark);
    }

    @Test
    void sparkAuditEqualsLocalAfterAForcedTaskFailure() throws IOException {
        Path dir = tmp.resolve("retried.index");
        IndexBuild spark = SparkIndexer.builder().setInput(corpus).setIndexDir(dir).optReadOptions(read)
                .optSpark(SparkSettings.local().withMaster("local[2,2]").with(SparkSettings.FAIL_ONCE, "2"))
                .build().run();
        assertSame(spark);
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().contains(".spark-")),
                    "the work folder of the shards is removed");
        }
    }

    private static void assertSame(IndexBuild spark) throws IOException {
        assertFalse(spark.reused());
        assertEquals(local.metadata(), spark.metadata());
        assertEquals(1500, spark.metadata().documents());
        assertEquals(documents(local), documents(spark), "every document: ordinal, id, label, text");
        for (Scope scope : SCOPES) {
            String expected = audit(local, scope);
            String actual = audit(spark, scope);
            assertTrue(expected.contains("\"female\""), "the audit counts something");
            assertEquals(expected, actual, "audit at " + scope);
        }
    }

    /** The stored documents in ordinal order, each as ordinal, id, label and text. */
    private static List<String> documents(IndexBuild build) throws IOException {
        try (CorpusIndex idx = build.open()) {
            var stored = idx.reader().storedFields();
            java.util.TreeMap<Long, String> byOrdinal = new java.util.TreeMap<>();
            for (int d = 0; d < idx.reader().maxDoc(); d++) {
                var doc = stored.document(d);
                long ord = doc.getField(IndexFields.ORDINAL).numericValue().longValue();
                String prev = byOrdinal.put(ord, ord + "\t" + doc.get(IndexFields.ID) + "\t"
                        + doc.get(IndexFields.LABEL) + "\t" + doc.get(IndexFields.TEXT));
                assertEquals(null, prev, "ordinal " + ord + " is given once");
            }
            return List.copyOf(byOrdinal.values());
        }
    }

    private static String audit(IndexBuild build, Scope scope) throws IOException {
        try (CorpusIndex idx = build.open()) {
            return AuditJson.toJson(Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:gender", false))
                    .optTargets(Targets.parse("builtin:occupations", false)).optScope(scope).optLabels(true)
                    .build().run());
        }
    }
}
