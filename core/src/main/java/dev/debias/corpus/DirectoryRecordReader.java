package dev.debias.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a directory of {@code .txt} files (searched recursively), one document per file, in sorted
 * path order. The id is the path relative to the directory; line breaks become {@code \n}.
 */
final class DirectoryRecordReader extends AbstractRecordReader {
    private final Iterator<Path> files;
    private final long total;
    private long bytesRead;

    DirectoryRecordReader(Path dir, ReadOptions options) {
        super(dir, options);
        TextOnly.check(dir, options.fields(), "a directory of text files");
        if (!Files.isDirectory(dir)) {
            throw new CorpusFormatException(dir, 0, "not a directory");
        }
        List<Path> list;
        try (Stream<Path> walk = Files.walk(dir)) {
            list = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
        this.files = list.iterator();
        this.total = list.stream().mapToLong(SourceStreams::sizeOf).sum();
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.DIR;
    }

    @Override
    protected String emptyReason() {
        return "the directory holds no .txt files";
    }

    @Override
    protected Record readRecord() throws IOException {
        if (!files.hasNext()) {
            return null;
        }
        Path f = files.next();
        String id = source.relativize(f).toString().replace('\\', '/');
        StringBuilder text = new StringBuilder();
        SourceStreams.Counting counted = SourceStreams.open(f);
        try (Utf8LineReader lines = new Utf8LineReader(SourceStreams.decoded(f, counted), f)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!text.isEmpty() || lines.lineNumber() > 1) {
                    text.append('\n');
                }
                text.append(line);
            }
        } catch (CorpusFormatException e) {
            throw new InvalidRecordException(f, e.line(), e.reason());
        } finally {
            bytesRead += counted.count();
        }
        return new Record(id, text.toString(), null, null, Provenance.original(id));
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long bytesTotal() {
        return total;
    }

    @Override
    public void close() {}
}
