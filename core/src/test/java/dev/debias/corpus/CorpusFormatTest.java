package dev.debias.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusFormatTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "a.jsonl, JSONL", "a.ndjson, JSONL", "a.jsonl.gz, JSONL", "A.JSONL.GZ, JSONL", "x.y.ndjson.gz, JSONL",
        "a.csv, CSV", "a.csv.gz, CSV", "a.tsv, TSV", "a.tab, TSV", "a.tsv.gz, TSV",
        "a.txt, TEXT", "a.text, TEXT", "a.txt.gz, TEXT", "a.jsonl.zst, JSONL", "A.CSV.ZST, CSV", "a.tsv.zst, TSV",
        "train-00000-of-00032.parquet, PARQUET", "A.PARQUET, PARQUET"
    })
    void detectsTheFormatFromTheExtension(String name, CorpusFormat expected) {
        assertEquals(expected, CorpusFormat.detect(dir.resolve(name)));
    }

    @Test
    void aDirectoryIsDirWhateverItsName() throws Exception {
        assertEquals(CorpusFormat.DIR, CorpusFormat.detect(Files.createDirectories(dir.resolve("looks.jsonl"))));
    }

    @Test
    void aCompressedParquetFileIsRefusedWithTheReason() {
        assertEquals(dir.resolve("a.parquet.gz") + ": Parquet compresses inside the file; a compressed .parquet file"
                + " cannot be read: decompress it",
                assertThrows(InvalidInputException.class, () -> CorpusFormat.detect(dir.resolve("a.parquet.gz"))).getMessage());
    }

    @Test
    void unknownExtensionsAreRejectedWithTheFormatNames() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CorpusFormat.detect(dir.resolve("a.json")));
        assertEquals("cannot tell the format of " + dir.resolve("a.json") + " from its extension '.json';"
                + " name it with setting 'input format': jsonl|csv|tsv|parquet|text|dir", e.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> CorpusFormat.detect(dir.resolve("README")));
        assertEquals("cannot tell the format of " + dir.resolve("README") + " from its extension;"
                + " name it with setting 'input format': jsonl|csv|tsv|parquet|text|dir", none.getMessage());
        assertThrows(InvalidInputException.class, () -> CorpusFormat.detect(dir.resolve("data.gz")));
        assertThrows(InvalidInputException.class, () -> CorpusFormat.detect(dir.resolve("data.tar.gz")));
        assertThrows(InvalidInputException.class, () -> CorpusReaders.open(dir.resolve("data.orc")));
    }

    @Test
    void parsesFormatNamesAndSaysWhichAreWritable() {
        assertEquals(CorpusFormat.JSONL, CorpusFormat.of("jsonl"));
        assertEquals(CorpusFormat.TEXT, CorpusFormat.of("Text"));
        assertEquals(CorpusFormat.DIR, CorpusFormat.of("DIR"));
        assertEquals("unknown format 'xml'; expected one of jsonl|csv|tsv|parquet|text|dir",
                assertThrows(InvalidInputException.class, () -> CorpusFormat.of("xml")).getMessage());
        assertTrue(CorpusFormat.JSONL.isWritable());
        assertTrue(CorpusFormat.CSV.isWritable());
        assertTrue(CorpusFormat.TSV.isWritable());
        assertTrue(CorpusFormat.PARQUET.isWritable());
        assertEquals(CorpusFormat.PARQUET, CorpusFormat.of("parquet"));
        assertFalse(CorpusFormat.TEXT.isWritable());
        assertFalse(CorpusFormat.DIR.isWritable());
        assertTrue(CorpusFormat.isGzip(Path.of("a.CSV.GZ")));
        assertFalse(CorpusFormat.isGzip(Path.of("a.gzip")));
    }
}
