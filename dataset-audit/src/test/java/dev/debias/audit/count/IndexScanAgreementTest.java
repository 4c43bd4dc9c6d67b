package dev.debias.audit.count;

import static dev.debias.audit.count.CountFixtures.LABELLED;
import static dev.debias.audit.count.CountFixtures.index;
import static dev.debias.audit.count.CountFixtures.labelled;
import static dev.debias.audit.count.CountFixtures.names;
import static dev.debias.audit.count.CountFixtures.terms;
import static dev.debias.audit.count.CountFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.index.CorpusIndex;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.demo.BiosGenerator;
import dev.debias.demo.Occupation;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.AnalyzedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index counter and the reference scan must give equal tables on any corpus: seeded random
 * corpora (demo biographies, and random sentences of lexicon terms, filler, punctuation and paragraph
 * breaks), term and field features, four scopes.
 */
class IndexScanAgreementTest {
    private static final List<Scope> SCOPES = List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(1), Scope.window(5));

    @TempDir
    Path dir;

    /** One table to compare: an axis against targets. */
    private record Spec(String name, List<Feature> groups, List<Feature> targets) {}

    /** The builtin gender terms as two term groups. */
    private static List<Feature> genderTerms() {
        TermLexicon lex = Lexicons.terms("builtin:gender");
        return List.of(new Feature.Terms("female", lex.terms("gender", "female", false)),
                new Feature.Terms("male", lex.terms("gender", "male", false)));
    }

    private static List<Feature> genderTruth() {
        return List.of(Feature.FieldValue.attribute("gender", "female"), Feature.FieldValue.attribute("gender", "male"));
    }

    /** Every occupation group of the builtin lexicon as a term target (many of them phrases). */
    private static List<Feature> occupationTerms() {
        TermLexicon lex = Lexicons.terms("builtin:occupations");
        List<Feature> out = new ArrayList<>();
        for (String g : lex.groups("occupation")) {
            out.add(new Feature.Terms(g, lex.terms("occupation", g, true)));
        }
        return out;
    }

    /**
     * Indexes the corpus and compares, for every spec and scope, the index table with the scan table;
     * returns the document-scope tables of the first spec, index side, for sanity checks.
     */
    private List<CountTable> agree(Path corpus, int threads, List<Spec> specs) throws IOException {
        List<ScanCounter> scans = new ArrayList<>();
        for (Spec s : specs) {
            for (Scope scope : SCOPES) {
                scans.add(new ScanCounter(scope, names(s.groups()), s.groups(), names(s.targets()), s.targets()));
            }
        }
        try (RecordReader r = CorpusReaders.open(corpus, LABELLED)) {
            while (r.hasNext()) {
                Record rec = r.next();
                for (ScanCounter s : scans) {
                    s.add(rec);
                }
            }
        }
        List<CountTable> out = new ArrayList<>();
        try (CorpusIndex index = index(corpus, dir.resolve(corpus.getFileName() + ".index"), LABELLED, threads)) {
            int i = 0;
            for (Spec s : specs) {
                for (Scope scope : SCOPES) {
                    IndexCounter c = new IndexCounter(index, scope);
                    CountTable indexed = c.table(names(s.groups()), s.groups(), names(s.targets()), s.targets());
                    CountTable scanned = scans.get(i++).table();
                    assertEquals(scanned, indexed, () -> corpus.getFileName() + " " + s.name() + " at " + scope
                            + "\nscan:  " + scanned + "\nindex: " + indexed);
                    for (int t = 0; t < s.targets().size(); t++) {
                        assertEquals(scanned.target(t), c.count(s.targets().get(t)), s.name() + " count of "
                                + s.targets().get(t).name() + " at " + scope);
                    }
                    out.add(indexed);
                }
            }
        }
        return out;
    }

    private static long sum(CountTable t) {
        long s = 0;
        for (int g = 0; g < t.groups().size(); g++) {
            for (int j = 0; j < t.targets().size(); j++) {
                s += t.both(g, j);
            }
        }
        return s;
    }

    @Test
    void demoBiographiesAgreeAtEveryScope() throws IOException {
        for (long seed : new long[] {3, 17}) {
            BiosGenerator gen = BiosGenerator.builder().setCount(300).optSeed(seed).build();
            Path corpus = write(dir.resolve("bios-" + seed + ".jsonl"), gen.stream().toList());
            List<Feature> labels = Occupation.ALL.stream().map(o -> (Feature) Feature.FieldValue.label(o.name())).toList();
            List<Feature> targets = new ArrayList<>(occupationTerms());
            targets.addAll(labels);
            List<CountTable> tables = agree(corpus, seed == 3 ? 2 : 1, List.of(
                    new Spec("gender terms x occupations and labels", genderTerms(), targets),
                    new Spec("ground truth x occupations", genderTruth(), occupationTerms())));
            CountTable doc = tables.get(0);
            assertEquals(300, doc.units());
            assertTrue(sum(doc) > 300, () -> "the bios should mention gender and occupations: " + doc);
            int interior = doc.targets().indexOf("interior designer");
            assertTrue(interior >= 0 && doc.target(interior) > 0, "a phrase target occurs");
        }
    }

    @Test
    void randomSentencesWithPhrasesPunctuationAndParagraphsAgreeAtEveryScope() throws IOException {
        List<Feature> groups = List.of(terms("female", "she", "her", "woman", "young woman", "Ms"),
                terms("male", "he", "him", "man", "young man", "Mr"));
        List<Feature> targets = List.of(
                terms("nurse", "nurse", "nurses"),
                terms("nurse practitioner", "nurse practitioner"),
                terms("bus driver", "bus driver", "bus drivers"),
                terms("lpn", "licensed practical nurse"),
                terms("he said", "he said"),
                terms("bus", "bus"),
                terms("naive", "naïve café"),
                Feature.FieldValue.label("x"),
                Feature.FieldValue.label("y"));
        long adjacentPhrases = 0;
        long matchedPhrases = 0;
        for (long seed : new long[] {1, 2, 3}) {
            Path corpus = write(dir.resolve("random-" + seed + ".jsonl"), randomCorpus(seed, 600));
            List<CountTable> tables = agree(corpus, seed == 2 ? 1 : 2, List.of(
                    new Spec("term groups", groups, targets),
                    new Spec("ground truth", genderTruth(), targets),
                    new Spec("builtin gender terms", genderTerms(), targets)));
            CountTable doc = tables.get(0);
            assertEquals(600, doc.units());
            for (int t = 0; t < 4; t++) {
                assertTrue(doc.target(t) > 0, "target " + doc.targets().get(t) + " occurs in seed " + seed);
            }
            assertTrue(sum(tables.get(1)) > 0, "groups and targets co-occur in sentences");
            adjacentPhrases += adjacent(corpus, "nurse", "practitioner") + adjacent(corpus, "bus", "driver");
            try (CorpusIndex index = CorpusIndex.open(dir.resolve(corpus.getFileName() + ".index"))) {
                IndexCounter c = new IndexCounter(index, Scope.DOCUMENT);
                matchedPhrases += c.termOccurrences(targets.get(1)).values().stream().mapToLong(Long::longValue).sum()
                        + c.termOccurrences(targets.get(2)).getOrDefault("bus driver", 0L);
            }
        }
        // some adjacent phrase tokens straddle a sentence end, and so must not have matched
        assertTrue(matchedPhrases > 0 && matchedPhrases < adjacentPhrases,
                "matched " + matchedPhrases + " of " + adjacentPhrases + " adjacent phrase token pairs");
    }

    /** Occurrences of two consecutive tokens, ignoring sentences. */
    private static long adjacent(Path corpus, String first, String second) {
        long n = 0;
        try (RecordReader r = CorpusReaders.open(corpus, LABELLED)) {
            while (r.hasNext()) {
                String[] tokens = AnalyzedText.of(r.next().text(), null).tokens();
                for (int i = 0; i + 1 < tokens.length; i++) {
                    n += tokens[i].equals(first) && tokens[i + 1].equals(second) ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static final String[] FILLER = {"the", "a", "worked", "as", "then", "hero", "Sheldon", "there", "other",
        "bus", "driver", "nurse", "practitioner", "licensed", "practical", "said", "young", "Dr", "U.S", "city",
        "year", "42", "naïve", "café", "Jose\u0301", "東京", "straße", "hospital", "late", "shift", "the", "and"};
    private static final String[] TERMS = {"she", "he", "her", "him", "woman", "man", "nurse", "nurses",
        "nurse practitioner", "bus driver", "bus drivers", "licensed practical nurse", "he said", "young woman",
        "young man", "Ms.", "Mr.", "naïve café", "her's", "he-said"};
    private static final String[] AFTER = {"", "", "", "", ",", ";", ":", "'s", ")", "\"", "-"};
    private static final String[] BEFORE = {"", "", "", "", "", "(", "\"", "-"};
    private static final String[] ENDS = {".", ".", ".", "!", "?", "...", ".\n\n", "\n\n", ". ", "\n"};

    /** Random texts of filler and terms, with random case, punctuation, sentence ends and paragraph breaks. */
    private static List<Record> randomCorpus(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int words = rng.nextInt(10) == 0 ? 0 : rng.nextInt(40);
            StringBuilder sb = new StringBuilder();
            boolean sentenceStart = true;
            for (int w = 0; w < words; w++) {
                String word = rng.nextInt(3) == 0 ? TERMS[rng.nextInt(TERMS.length)] : FILLER[rng.nextInt(FILLER.length)];
                word = switch (rng.nextInt(6)) {
                    case 0 -> word.toUpperCase(Locale.ROOT);
                    case 1, 2 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    default -> sentenceStart ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
                };
                sb.append(BEFORE[rng.nextInt(BEFORE.length)]).append(word).append(AFTER[rng.nextInt(AFTER.length)]);
                sentenceStart = rng.nextInt(6) == 0;
                sb.append(sentenceStart ? ENDS[rng.nextInt(ENDS.length)] : "").append(' ');
            }
            String text = rng.nextInt(8) == 0 ? "  " + sb : sb.toString().strip();
            String label = rng.nextBoolean() ? "x" : rng.nextBoolean() ? "y" : "z";
            out.add(labelled("r" + i, label, rng.nextBoolean() ? "female" : "male", text));
        }
        return out;
    }
}
