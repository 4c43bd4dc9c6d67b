package dev.debias.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.debias.audit.report.AuditJson;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import dev.debias.spark.audit.SparkIndexer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of Parquet shards of chat records, read with {@code messages[*].content}: the Spark engine's audit
 * equals the single-machine engine's (and Parquet reads through Spark's Hadoop client jars, which replace
 * core's in this module).
 */
class SparkParquetChatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void parquetChatShardsAuditTheSameOnSpark() throws IOException {
        FieldMapping fields = new FieldMapping("messages[*].content", "meta.label", List.of(), "id");
        ReadOptions read = ReadOptions.defaults().withFields(fields);
        Path shards = tmp.resolve("chats");
        Files.createDirectories(shards);
        BiosGenerator gen = BiosGenerator.builder().setCount(600).optSeed(11).build();
        for (int s = 0; s < 3; s++) {
            Path jsonl = tmp.resolve("part-" + s + ".jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(jsonl)) {
                for (int i = s * 200; i < (s + 1) * 200; i++) {
                    Record r = gen.record(i);
                    ObjectNode o = JSON.createObjectNode().put("id", "chat-" + i);
                    var messages = o.putArray("messages");
                    messages.addObject().put("role", "user").put("content", r.text());
                    messages.addObject().put("role", "assistant").put("content", "Thanks, noted.");
                    o.putObject("meta").put("label", r.label());
                    w.write(JSON.writeValueAsString(o));
                    w.newLine();
                }
            }
            try (RecordReader in = CorpusReaders.open(jsonl, read);
                    RecordWriter out = CorpusWriters.open(shards.resolve("part-" + s + ".parquet"),
                            WriteOptions.defaults().withFieldNamesOf(fields))) {
                while (in.hasNext()) {
                    out.write(in.next());
                }
                out.commit();
            }
        }
        try (var l = Files.list(shards)) {
            assertEquals(List.of("part-0.parquet", "part-1.parquet", "part-2.parquet"),
                    l.map(p -> p.getFileName().toString()).sorted().toList());
        }
        IndexBuild local = CorpusIndexer.builder().setInput(shards).setIndexDir(tmp.resolve("local.index"))
                .optReadOptions(read).optThreads(2).build().run();
        IndexBuild spark = SparkIndexer.builder().setInput(shards).setIndexDir(tmp.resolve("spark.index"))
                .optReadOptions(read).optSpark(SparkSettings.local().withMaster("local[2]")).build().run();
        assertEquals(600, spark.metadata().documents());
        assertEquals(local.metadata(), spark.metadata());
        String expected = audit(local);
        assertTrue(expected.contains("\"female\""));
        assertEquals(expected, audit(spark));
    }

    private static String audit(IndexBuild build) throws IOException {
        try (CorpusIndex idx = build.open()) {
            return AuditJson.toJson(Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:gender", false))
                    .optTargets(Targets.parse("builtin:occupations", false)).optScope(Scope.SENTENCE)
                    .optLabels(true).build().run());
        }
    }
}
