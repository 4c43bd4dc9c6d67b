package dev.debias.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gender corpora written without the race and religion settings are byte for byte those the generator
 * wrote before those settings existed: the digests below were measured on the code before the change.
 */
class BiosGeneratorDigestTest {
    @TempDir
    Path dir;

    private String digest(BiosGenerator g) throws Exception {
        Path out = dir.resolve("bios-" + System.nanoTime() + ".jsonl");
        try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults())) {
            for (int i = 0; i < g.size(); i++) {
                w.write(g.record(i));
            }
            w.commit();
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
    }

    @Test
    void theCommandLinesDefaultCorpusIsUnchanged() throws Exception {
        // debias generate bios --out X: 2000 records, co-occurrence 0.9, seed 1, eight occupations, mention rate 0.5
        BiosGenerator g = BiosGenerator.builder().setCount(2000).optCooccurrence(0.9).optSeed(1)
                .optLabels(BiosGenerator.Labels.OCCUPATION).optMentionRate(0.5).build();
        assertEquals("684256cc6414c574dca690a43559c6fd257957f7f6eb30a6b595102dd93bfd68", digest(g));
    }

    @Test
    void theLibrarysDefaultAndBinaryCorporaAreUnchanged() throws Exception {
        assertEquals("333772ca6dbb1320eadb5203ce9c6818c20271efa97f11c6e84da66f39e81cc1", digest(BiosGenerator.builder().setCount(500).build()));
        assertEquals("687c3b0e3047b09936cfe9f69be3b3c19c53b293315ccd5e8f24092b3351464d", digest(BiosGenerator.builder().setCount(301).optSeed(7).optCooccurrence(0.6)
                .optLabels(BiosGenerator.Labels.BINARY).optMentionRate(0.2).build()));
    }
}
