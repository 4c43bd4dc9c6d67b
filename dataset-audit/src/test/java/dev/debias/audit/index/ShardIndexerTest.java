package dev.debias.audit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a sharded index keeps the single-machine build's promise: never over a folder holding other files. */
class ShardIndexerTest {
    @TempDir
    Path dir;

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndKeptAsItWas() throws Exception {
        Path shard = dir.resolve("part-00000");
        Files.createDirectory(shard);
        ShardIndexer.ShardCount c = ShardIndexer.indexShard(List.of(new Record("a", "She is a nurse.", null, Map.of(),
                Provenance.original("a"))).iterator(), 0, List.of(), shard);
        assertEquals(1, c.documents());
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"text\": \"She is a nurse.\"}\n");
        IndexMetadata m = ShardIndexer.metadata(input, ReadOptions.defaults(), "0".repeat(64), c);
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ShardIndexer.publish(List.of(shard), mine, m));
        assertTrue(e.getMessage().contains("the directory is not empty and holds no debias index"), e.getMessage());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
        // into a folder of its own it publishes
        IndexBuild b = ShardIndexer.publish(List.of(shard), dir.resolve("index"), m);
        try (CorpusIndex index = CorpusIndex.open(b.dir())) {
            assertEquals(1, index.reader().numDocs());
        }
    }
}
