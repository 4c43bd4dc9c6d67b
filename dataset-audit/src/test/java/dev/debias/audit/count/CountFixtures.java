package dev.debias.audit.count;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.text.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the counting tests: corpora, terms, indexes, and table checks. */
final class CountFixtures {
    private CountFixtures() {}

    /** Records with an {@code id} field and nothing else named. */
    static final ReadOptions PLAIN = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id"));

    /** Records with an {@code id}, a {@code label} and a {@code gender} ground-truth column (all required). */
    static final ReadOptions LABELLED = ReadOptions.defaults().withFields(
            FieldMapping.DEFAULT.withIdField("id").withLabelField("label").withGroupFields(List.of("gender")));

    /** Writes records as JSON Lines. */
    static Path write(Path file, List<Record> records) {
        try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
            for (Record r : records) {
                w.write(r);
            }
            w.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A record with a label and a gender attribute. */
    static Record labelled(String id, String label, String gender, String text) {
        return Record.of(id, text).withLabel(label).withAttribute("gender", gender);
    }

    /** A lexicon term whose tokens follow the token rule. */
    static LexiconTerm term(String group, String text) {
        return new LexiconTerm("test", group, text, Tokens.split(text), false, "test:0");
    }

    /** A term feature named {@code name} with the given terms. */
    static Feature.Terms terms(String name, String... texts) {
        List<LexiconTerm> out = new ArrayList<>();
        for (String t : texts) {
            out.add(term(name, t));
        }
        return new Feature.Terms(name, out);
    }

    /** Indexes {@code corpus} into {@code dir} and opens the index. */
    static CorpusIndex index(Path corpus, Path dir, ReadOptions read, int threads) throws IOException {
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir).optReadOptions(read).optThreads(threads).build().run();
        return CorpusIndex.open(dir);
    }

    static List<String> names(List<Feature> features) {
        return features.stream().map(Feature::name).toList();
    }

    /** The reference table: reads the corpus and scans every record. */
    static CountTable scan(Path corpus, ReadOptions read, Scope scope, List<Feature> groups, List<Feature> targets) {
        ScanCounter s = new ScanCounter(scope, names(groups), groups, names(targets), targets);
        try (RecordReader r = CorpusReaders.open(corpus, read)) {
            while (r.hasNext()) {
                s.add(r.next());
            }
        }
        return s.table();
    }

    /** The table from the index. */
    static CountTable indexed(CorpusIndex index, Scope scope, List<Feature> groups, List<Feature> targets)
            throws IOException {
        return new IndexCounter(index, scope).table(names(groups), groups, names(targets), targets);
    }

    static long[] l(long... v) {
        return v;
    }

    static long[][] ll(long[]... rows) {
        return rows;
    }

    /** Counts worked out by hand; arrays by group, then target. */
    record Expected(long units, long[] group, long[] rest, long[] exclusive, long[] target, long[][] both,
            long[][] restBoth, long[][] exclusiveBoth, long[] exclusiveAnyTarget) {}

    static void assertTable(Expected e, CountTable t, String what) {
        String p = what + " " + t.scope() + ": ";
        int k = t.groups().size();
        int m = t.targets().size();
        assertEquals(e.units(), t.units(), p + "units\n" + t);
        assertArrayEquals(e.group(), row(k, t::group), p + "group\n" + t);
        assertArrayEquals(e.rest(), row(k, t::rest), p + "rest\n" + t);
        assertArrayEquals(e.exclusive(), row(k, t::exclusive), p + "exclusive\n" + t);
        assertArrayEquals(e.target(), row(m, t::target), p + "target\n" + t);
        for (int g = 0; g < k; g++) {
            int gg = g;
            String name = t.groups().get(g);
            assertArrayEquals(e.both()[g], row(m, j -> t.both(gg, j)), p + "both of " + name + "\n" + t);
            assertArrayEquals(e.restBoth()[g], row(m, j -> t.restBoth(gg, j)), p + "restBoth of " + name + "\n" + t);
            assertArrayEquals(e.exclusiveBoth()[g], row(m, j -> t.exclusiveBoth(gg, j)),
                    p + "exclusiveBoth of " + name + "\n" + t);
        }
        assertArrayEquals(e.exclusiveAnyTarget(), row(k, t::exclusiveAnyTarget), p + "exclusiveAnyTarget\n" + t);
    }

    private static long[] row(int n, java.util.function.IntToLongFunction f) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsLong(i);
        }
        return out;
    }
}
