package dev.debias.audit.count;

import static dev.debias.audit.count.CountFixtures.LABELLED;
import static dev.debias.audit.count.CountFixtures.PLAIN;
import static dev.debias.audit.count.CountFixtures.assertTable;
import static dev.debias.audit.count.CountFixtures.index;
import static dev.debias.audit.count.CountFixtures.indexed;
import static dev.debias.audit.count.CountFixtures.l;
import static dev.debias.audit.count.CountFixtures.labelled;
import static dev.debias.audit.count.CountFixtures.ll;
import static dev.debias.audit.count.CountFixtures.scan;
import static dev.debias.audit.count.CountFixtures.terms;
import static dev.debias.audit.count.CountFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.count.CountFixtures.Expected;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small corpora whose counts are worked out by hand (in the comments), checked against both the index
 * counter and the reference scan at document, sentence and window scope. Token positions are 0-based;
 * window {@code uK} is the window starting at token K, and at window:N it spans tokens K..K+N.
 */
class CountingExactnessTest {
    @TempDir
    Path dir;

    private static final Feature.Terms SHE = terms("female", "she");
    private static final Feature.Terms HE = terms("male", "he");
    private static final Feature.Terms NURSE = terms("nurse", "nurse");
    private static final Feature.Terms NURSE_OR_NURSES = terms("nurse+s", "nurse", "nurses");
    private static final Feature.Terms NURSE_PRACTITIONER = terms("np", "nurse practitioner");
    private static final Feature.Terms BUS_DRIVER = terms("bd", "bus driver");
    private static final Feature.Terms LPN = terms("lpn", "licensed practical nurse");

    /** Asserts the index table and the scan table both equal the hand-made counts. */
    private static void check(CorpusIndex index, Path corpus, ReadOptions read, Scope scope, List<Feature> groups,
            List<Feature> targets, Expected expected) throws IOException {
        assertTable(expected, indexed(index, scope, groups, targets), "index");
        assertTable(expected, scan(corpus, read, scope, groups, targets), "scan");
    }

    /** Asserts {@code count(feature)} from the index and the scan's target count for one feature. */
    private static void checkCount(CorpusIndex index, Path corpus, ReadOptions read, Scope scope, long units,
            Feature feature, long expected) throws IOException {
        IndexCounter c = new IndexCounter(index, scope);
        assertEquals(units, c.units(), "units at " + scope);
        assertEquals(expected, c.count(feature), "index count of " + feature.name() + " at " + scope);
        CountTable t = scan(corpus, read, scope, List.of(), List.of(feature));
        assertEquals(units, t.units(), "scan units at " + scope);
        assertEquals(expected, t.target(0), "scan count of " + feature.name() + " at " + scope);
    }

    @Test
    void multiWordTermsMatchConsecutiveTokensWithinOneSentenceOnly() throws IOException {
        Path corpus = write(dir.resolve("phrases.jsonl"), List.of(
                // kim is a nurse practitioner: 5 tokens, 1 sentence; np at 3-4; nurse at 3
                Record.of("p1", "Kim is a nurse practitioner."),
                // lee drove a bus | driver pay rose: 7 tokens, 2 sentences; "bus driver" crosses the boundary
                Record.of("p2", "Lee drove a bus. Driver pay rose."),
                // a bus driver waved: 4 tokens, 1 sentence; the hyphen splits, bd at 1-2
                Record.of("p3", "A Bus-Driver waved."),
                // the nurse | practitioner left: 4 tokens, 2 sentences (paragraph break); np crosses it; nurse at 1
                Record.of("p4", "The nurse\n\npractitioner left."),
                // nurse practitioner jo met a bus driver: 7 tokens, 1 sentence; np 0-1, bd 5-6, nurse 0
                Record.of("p5", "NURSE PRACTITIONER Jo met a bus driver.")));
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            assertEquals(27, index.metadata().tokens()); // 5 + 7 + 4 + 4 + 7
            assertEquals(7, index.metadata().sentences()); // 1 + 2 + 1 + 2 + 1

            // documents: np in p1, p5; bd in p3, p5; nurse in p1, p4, p5
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 5, NURSE_PRACTITIONER, 2);
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 5, BUS_DRIVER, 2);
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 5, NURSE, 3);
            // sentences (7): the same units, one sentence each
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 7, NURSE_PRACTITIONER, 2);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 7, BUS_DRIVER, 2);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 7, NURSE, 3);
            // window:1 (two-token windows): 4 + 6 + 3 + 3 + 6 = 22 units
            // np: p1 u3, p5 u0; bd: p3 u1, p5 u5; nurse: p1 u2,u3 + p4 u0,u1 + p5 u0 = 5
            checkCount(index, corpus, PLAIN, Scope.window(1), 22, NURSE_PRACTITIONER, 2);
            checkCount(index, corpus, PLAIN, Scope.window(1), 22, BUS_DRIVER, 2);
            checkCount(index, corpus, PLAIN, Scope.window(1), 22, NURSE, 5);
            // window:3 (four-token windows): 2 + 4 + 1 + 1 + 4 = 12 units
            // np: p1 u1 (3-4 must lie in u..u+3, u <= 1), p5 u0; bd: p3 u0, p5 u3;
            // nurse: p1 u0,u1 + p4 u0 + p5 u0 = 4
            checkCount(index, corpus, PLAIN, Scope.window(3), 12, NURSE_PRACTITIONER, 2);
            checkCount(index, corpus, PLAIN, Scope.window(3), 12, BUS_DRIVER, 2);
            checkCount(index, corpus, PLAIN, Scope.window(3), 12, NURSE, 4);

            for (Scope s : List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(1))) {
                IndexCounter c = new IndexCounter(index, s);
                assertEquals(Map.of("nurse practitioner", 2L), c.termOccurrences(NURSE_PRACTITIONER), s.toString());
                assertEquals(Map.of("bus driver", 2L), c.termOccurrences(BUS_DRIVER), s.toString());
                assertEquals(Map.of("nurse", 3L), c.termOccurrences(NURSE), s.toString());
            }
        }
    }

    @Test
    void caseVariantsPunctuationAndSubstringsWithBothGroupsInOneUnit() throws IOException {
        Path corpus = write(dir.resolve("case.jsonl"), List.of(
                // 0 he, 1 said, 2 he, 3 is, 4 a, 5 nurse | 6 she, 7 agreed: 8 tokens, sentences at 0 and 6
                Record.of("c1", "HE said: (he) is a nurse. She agreed."),
                // the hero sheldon thanked the nurses: no he, no she, no nurse (only the plural)
                Record.of("c2", "The hero, Sheldon, thanked the nurses."),
                // 0 he, 1 not, 2 she, 3 called, 4 the, 5 nurse: 6 tokens, 1 sentence
                Record.of("c3", "He, not she, called the nurse."),
                // therefore the heroine left: "he" and "her" only inside longer words
                Record.of("c4", "Therefore the heroine left.")));
        List<Feature> groups = List.of(SHE, HE);
        List<Feature> targets = List.of(NURSE);
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            // Documents (4): c1 {she, he, nurse}, c2 {}, c3 {she, he, nurse}, c4 {}.
            // Every unit with a group has both, so rest and exclusive are all 0.
            check(index, corpus, PLAIN, Scope.DOCUMENT, groups, targets, new Expected(4,
                    l(2, 2), l(0, 0), l(0, 0), l(2),
                    ll(l(2), l(2)), ll(l(0), l(0)), ll(l(0), l(0)), l(0, 0)));
            // Sentences (2 + 1 + 1 + 1 = 5): c1s0 {he, nurse}, c1s1 {she}, c2 {}, c3 {she, he, nurse}, c4 {}.
            // she: c1s1, c3 = 2; he: c1s0, c3 = 2; rest(she) = he without she = c1s0; rest(he) = c1s1;
            // exclusive(she) = c1s1, exclusive(he) = c1s0; nurse: c1s0, c3 = 2;
            // both(she, nurse) = c3; both(he, nurse) = c1s0, c3; restBoth(she) = c1s0 has nurse -> 1;
            // restBoth(he) = c1s1 has none -> 0; exclusiveBoth(she) = 0, (he) = c1s0 -> 1.
            check(index, corpus, PLAIN, Scope.SENTENCE, groups, targets, new Expected(5,
                    l(2, 2), l(1, 1), l(1, 1), l(2),
                    ll(l(1), l(2)), ll(l(1), l(0)), ll(l(0), l(1)), l(0, 1)));
            // window:2 (three-token windows; 6 + 4 + 4 + 2 = 16 units; windows cross sentences).
            // c1: u0 [he said he] {he}, u1 [said he is] {he}, u2 [he is a] {he}, u3 [is a nurse] {nurse},
            //     u4 [a nurse she] {nurse, she}, u5 [nurse she agreed] {nurse, she}
            // c3: u0 [he not she] {he, she}, u1 [not she called] {she}, u2 [she called the] {she},
            //     u3 [called the nurse] {nurse}
            // she: c1u4, c1u5, c3u0, c3u1, c3u2 = 5; he: c1u0-u2, c3u0 = 4
            // rest(she) = he without she: c1u0-u2 = 3; rest(he) = she without he: c1u4, c1u5, c3u1, c3u2 = 4
            // exclusive(she) = 4 (same units as rest(he)); exclusive(he) = 3
            // nurse: c1u3, c1u4, c1u5, c3u3 = 4; both(she, nurse) = c1u4, c1u5 = 2; both(he, nurse) = 0
            // restBoth(she) = 0; restBoth(he) = c1u4, c1u5 = 2; exclusiveBoth(she) = 2, (he) = 0
            check(index, corpus, PLAIN, Scope.window(2), groups, targets, new Expected(16,
                    l(5, 4), l(3, 4), l(4, 3), l(4),
                    ll(l(2), l(0)), ll(l(0), l(2)), ll(l(2), l(0)), l(2, 0)));

            IndexCounter docs = new IndexCounter(index, Scope.DOCUMENT);
            // "he" twice in c1 (HE, (he)) and once in c3; "she" in c1 and c3; "nurses" is not "nurse"
            assertEquals(Map.of("he", 3L), docs.termOccurrences(HE));
            assertEquals(Map.of("she", 2L), docs.termOccurrences(SHE));
            assertEquals(Map.of("nurse", 2L), docs.termOccurrences(NURSE));
            // listing the plural adds c2
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 4, NURSE_OR_NURSES, 3);
            assertEquals(Map.of("nurse", 2L, "nurses", 1L), docs.termOccurrences(NURSE_OR_NURSES));
            // the words that merely contain "he"/"her" match nothing
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 4, terms("her", "her"), 0);
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 4, terms("hero", "hero"), 1);
        }
    }

    @Test
    void aTermRepeatedInOneUnitCountsTheUnitOnce() throws IOException {
        Path corpus = write(dir.resolve("repeat.jsonl"), List.of(
                // 0 he, 1 met, 2 a, 3 nurse, 4 another, 5 nurse, 6 and, 7 a, 8 third, 9 nurse: 10 tokens, 1 sentence
                Record.of("r1", "He met a nurse, another nurse and a third nurse."),
                // 0 the, 1 bus, 2 driver, 3 and, 4 the, 5 bus, 6 driver, 7 waved: 8 tokens, 1 sentence
                Record.of("r2", "The bus driver and the bus driver waved.")));
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            // one unit per document/sentence however often the term occurs
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 2, NURSE, 1);
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 2, BUS_DRIVER, 1);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 2, NURSE, 1);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 2, BUS_DRIVER, 1);
            // window:1: r1 has 9 windows u0..u8: nurse 3 -> u2,u3; 5 -> u4,u5; 9 -> u8 = 5;
            // r2 has 7 windows: bd 1-2 -> u1; 5-6 -> u5 = 2; 16 units in all
            checkCount(index, corpus, PLAIN, Scope.window(1), 16, NURSE, 5);
            checkCount(index, corpus, PLAIN, Scope.window(1), 16, BUS_DRIVER, 2);
            // window:4: r1 has 6 windows u0..u5: nurse 3 -> u0..u3, 5 -> u1..u5, 9 -> u5: all 6, each once;
            // r2 has 4 windows u0..u3: bd 1-2 -> u0,u1; 5-6 -> u2,u3 = 4; 10 units in all
            checkCount(index, corpus, PLAIN, Scope.window(4), 10, NURSE, 6);
            checkCount(index, corpus, PLAIN, Scope.window(4), 10, BUS_DRIVER, 4);
            // a group and a target in one document: the table counts the document once
            check(index, corpus, PLAIN, Scope.DOCUMENT, List.of(SHE, HE), List.of(NURSE, BUS_DRIVER), new Expected(2,
                    l(0, 1), l(1, 0), l(0, 1), l(1, 1),
                    ll(l(0, 0), l(1, 0)), ll(l(1, 0), l(0, 0)), ll(l(0, 0), l(1, 0)), l(0, 1)));
            IndexCounter c = new IndexCounter(index, Scope.window(4));
            // occurrences still count every occurrence
            assertEquals(Map.of("nurse", 3L), c.termOccurrences(NURSE));
            assertEquals(Map.of("bus driver", 2L), c.termOccurrences(BUS_DRIVER));
        }
    }

    @Test
    void windowsAtDocumentEdgesAndDocumentsShorterThanTheWindow() throws IOException {
        Path corpus = write(dir.resolve("edges.jsonl"), List.of(
                Record.of("e1", "He"), // 0 he
                Record.of("e2", "She saw a nurse"), // 0 she, 1 saw, 2 a, 3 nurse
                Record.of("e3", "nurse one two three four five he"), // nurse at 0, he at 6
                Record.of("e4", "A licensed practical nurse."))); // lpn at 1-3, nurse at 3
        List<Feature> groups = List.of(SHE, HE);
        List<Feature> targets = List.of(NURSE, LPN);
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            assertEquals(16, index.metadata().tokens());
            // window:3 (four-token windows): e1, e2, e4 are no longer than a window: 1 each; e3 has 7 - 3 = 4.
            // e1u0 {he}; e2u0 {she, nurse}; e3u0 {nurse} (left edge); e3u1 {}; e3u2 {}; e3u3 {he} (right edge);
            // e4u0 {nurse, lpn}. 7 units.
            // she 1, he 2; rest(she) = e1u0, e3u3 = 2; rest(he) = e2u0 = 1; exclusive 1 and 2;
            // nurse 3, lpn 1; both(she) = [1, 0]; both(he) = [0, 0]; restBoth(she) = [0, 0]; restBoth(he) = [1, 0]
            check(index, corpus, PLAIN, Scope.window(3), groups, targets, new Expected(7,
                    l(1, 2), l(2, 1), l(1, 2), l(3, 1),
                    ll(l(1, 0), l(0, 0)), ll(l(0, 0), l(1, 0)), ll(l(1, 0), l(0, 0)), l(1, 0)));
            // window:6: every document is one window: e1 {he}, e2 {she, nurse}, e3 {nurse, he}, e4 {nurse, lpn}
            check(index, corpus, PLAIN, Scope.window(6), groups, targets, new Expected(4,
                    l(1, 2), l(2, 1), l(1, 2), l(3, 1),
                    ll(l(1, 0), l(1, 0)), ll(l(1, 0), l(1, 0)), ll(l(1, 0), l(1, 0)), l(1, 1)));
            // window:1 (two-token windows): e1 1 (a one-token document still has a window), e2 3, e3 6, e4 3 = 13.
            // e1u0 {he}; e2u0 {she}, e2u2 {nurse}; e3u0 {nurse}, e3u5 {he}; e4u2 {nurse}; the three-token
            // lpn fits in no two-token window. No unit holds a group and a target.
            check(index, corpus, PLAIN, Scope.window(1), groups, targets, new Expected(13,
                    l(1, 2), l(2, 1), l(1, 2), l(3, 0),
                    ll(l(0, 0), l(0, 0)), ll(l(0, 0), l(0, 0)), ll(l(0, 0), l(0, 0)), l(0, 0)));
            // window:2: e1 1, e2 2, e3 5, e4 2 = 10; lpn (1-3) fits only e4u1; nurse: e2u1, e3u0, e4u1 = 3
            checkCount(index, corpus, PLAIN, Scope.window(2), 10, LPN, 1);
            checkCount(index, corpus, PLAIN, Scope.window(2), 10, NURSE, 3);
            // documents and sentences (each text is one sentence): 4 units
            checkCount(index, corpus, PLAIN, Scope.DOCUMENT, 4, LPN, 1);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 4, NURSE, 3);
            checkCount(index, corpus, PLAIN, Scope.SENTENCE, 4, HE, 2);
        }
    }

    @Test
    void documentsWithoutTokensAreOneDocumentUnitAndNoSentenceOrWindow() throws IOException {
        Path corpus = write(dir.resolve("empty.jsonl"), List.of(
                labelled("z1", "a", "female", ""),
                labelled("z2", "b", "male", "  ... !? "),
                // 0 she, 1 is, 2 a, 3 nurse: 4 tokens, 1 sentence
                labelled("z3", "a", "female", "She is a nurse."),
                labelled("z4", "b", "male", "")));
        List<Feature> groups = List.of(SHE, HE);
        List<Feature> targets = List.of(Feature.FieldValue.label("a"), Feature.FieldValue.label("b"), NURSE);
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), LABELLED, 1)) {
            assertEquals(4, index.metadata().documents());
            assertEquals(4, index.metadata().tokens());
            assertEquals(1, index.metadata().sentences());
            // Documents (4): z1 {a}, z2 {b}, z3 {she, a, nurse}, z4 {b}
            check(index, corpus, LABELLED, Scope.DOCUMENT, groups, targets, new Expected(4,
                    l(1, 0), l(0, 1), l(1, 0), l(2, 2, 1),
                    ll(l(1, 0, 1), l(0, 0, 0)), ll(l(0, 0, 0), l(1, 0, 1)), ll(l(1, 0, 1), l(0, 0, 0)), l(1, 0)));
            // Sentences: only z3 has one: {she, a, nurse}; the label features of the empty documents vanish
            check(index, corpus, LABELLED, Scope.SENTENCE, groups, targets, new Expected(1,
                    l(1, 0), l(0, 1), l(1, 0), l(1, 0, 1),
                    ll(l(1, 0, 1), l(0, 0, 0)), ll(l(0, 0, 0), l(1, 0, 1)), ll(l(1, 0, 1), l(0, 0, 0)), l(1, 0)));
            // window:1: z3 only, u0 {she, a}, u1 {a}, u2 {a, nurse}
            check(index, corpus, LABELLED, Scope.window(1), groups, targets, new Expected(3,
                    l(1, 0), l(0, 1), l(1, 0), l(3, 0, 1),
                    ll(l(1, 0, 0), l(0, 0, 0)), ll(l(0, 0, 0), l(1, 0, 0)), ll(l(1, 0, 0), l(0, 0, 0)), l(1, 0)));
            // window:5: z3 is one window
            checkCount(index, corpus, LABELLED, Scope.window(5), 1, Feature.FieldValue.label("a"), 1);
            checkCount(index, corpus, LABELLED, Scope.window(5), 1, Feature.FieldValue.label("b"), 0);
            checkCount(index, corpus, LABELLED, Scope.DOCUMENT, 4, Feature.FieldValue.attribute("gender", "male"), 2);
            checkCount(index, corpus, LABELLED, Scope.SENTENCE, 1, Feature.FieldValue.attribute("gender", "male"), 0);
        }
    }

    @Test
    void tokensTooLongForALuceneTermKeepTheirPositionAndMatchNothing() throws IOException {
        String longLatin = "x".repeat(40_000); // 40000 UTF-8 bytes, over Lucene's 32766
        String longCjk = "\u770B".repeat(11_000); // 33000 UTF-8 bytes in 11000 chars
        Path corpus = write(dir.resolve("long.jsonl"), List.of(
                // 0 she, 1 met, 2 xxx..., 3 a, 4 nurse, 5 practitioner: 6 tokens
                Record.of("l1", "She met " + longLatin + " a nurse practitioner."),
                // 0 (cjk run), 1 he: 2 tokens
                Record.of("l2", longCjk + " he")));
        List<Feature> groups = List.of(SHE, HE);
        // "met a" is adjacent only if the long token were dropped; it must not match
        List<Feature> targets = List.of(NURSE_PRACTITIONER, terms("met a", "met a"), terms("x", "x"));
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            assertEquals(8, index.metadata().tokens());
            // window:1: l1 u0 {she} .. u4 {np}; l2 u0 {he}: 6 units
            check(index, corpus, PLAIN, Scope.window(1), groups, targets, new Expected(6,
                    l(1, 1), l(1, 1), l(1, 1), l(1, 0, 0),
                    ll(l(0, 0, 0), l(0, 0, 0)), ll(l(0, 0, 0), l(0, 0, 0)), ll(l(0, 0, 0), l(0, 0, 0)), l(0, 0)));
            // documents: l1 {she, np}, l2 {he}
            check(index, corpus, PLAIN, Scope.DOCUMENT, groups, targets, new Expected(2,
                    l(1, 1), l(1, 1), l(1, 1), l(1, 0, 0),
                    ll(l(1, 0, 0), l(0, 0, 0)), ll(l(0, 0, 0), l(1, 0, 0)), ll(l(1, 0, 0), l(0, 0, 0)), l(1, 0)));
        }
    }

    @Test
    void labelAndGroundTruthFieldFeaturesAtEveryScope() throws IOException {
        Path corpus = write(dir.resolve("fields.jsonl"), List.of(
                // 0 she, 1 is, 2 a, 3 nurse | 4 she, 5 works, 6 nights: 7 tokens, 2 sentences
                labelled("f1", "nurse", "female", "She is a nurse. She works nights."),
                // he is a bus driver: 5 tokens, 1 sentence
                labelled("f2", "driver", "male", "He is a bus driver."),
                // 0 he, 1 trained, 2 as, 3 a, 4 nurse, 5 practitioner | 6 he, 7 loves, 8 it | 9 the, 10 pay,
                // 11 is, 12 fair: 13 tokens, 3 sentences
                labelled("f3", "nurse", "male", "He trained as a nurse practitioner. He loves it. The pay is fair."),
                // no tokens
                labelled("f4", "driver", "female", "")));
        Feature female = Feature.FieldValue.attribute("gender", "female");
        Feature male = Feature.FieldValue.attribute("gender", "male");
        List<Feature> groups = List.of(female, male);
        List<Feature> targets = List.of(Feature.FieldValue.label("nurse"), Feature.FieldValue.label("driver"), NURSE);
        try (CorpusIndex index = index(corpus, dir.resolve("idx"), LABELLED, 2)) {
            IndexCounter docs = new IndexCounter(index, Scope.DOCUMENT);
            assertEquals(List.of("driver", "nurse"), docs.values(null));
            assertEquals(List.of("female", "male"), docs.values("gender"));
            // Documents (4): f1 {F, L:nurse, nurse}, f2 {M, L:driver}, f3 {M, L:nurse, nurse}, f4 {F, L:driver}.
            // The ground truth is one value per document, so every unit is exclusive to its group.
            check(index, corpus, LABELLED, Scope.DOCUMENT, groups, targets, new Expected(4,
                    l(2, 2), l(2, 2), l(2, 2), l(2, 2, 2),
                    ll(l(1, 1, 1), l(1, 1, 1)), ll(l(1, 1, 1), l(1, 1, 1)), ll(l(1, 1, 1), l(1, 1, 1)), l(2, 2)));
            // Sentences (2 + 1 + 3 + 0 = 6): f1s0 {F, L:nurse, nurse}, f1s1 {F, L:nurse}, f2s0 {M, L:driver},
            // f3s0 {M, L:nurse, nurse}, f3s1 {M, L:nurse}, f3s2 {M, L:nurse}; f4 has no sentence.
            // F 2, M 4; L:nurse 5, L:driver 1, nurse 2; both(F) = [2, 0, 1], both(M) = [3, 1, 1];
            // rest(F) = M's units, so restBoth(F) = both(M) and the other way round.
            check(index, corpus, LABELLED, Scope.SENTENCE, groups, targets, new Expected(6,
                    l(2, 4), l(4, 2), l(2, 4), l(5, 1, 2),
                    ll(l(2, 0, 1), l(3, 1, 1)), ll(l(3, 1, 1), l(2, 0, 1)), ll(l(2, 0, 1), l(3, 1, 1)), l(2, 4)));
            // window:2 (three-token windows): f1 5, f2 3, f3 11, f4 0 = 19.
            // nurse: f1 at 3 -> u1, u2, u3; f3 at 4 -> u2, u3, u4: 6.
            // F 5 (f1), M 14 (f2 + f3); L:nurse 5 + 11 = 16, L:driver 3 (f4 has no window), nurse 6.
            check(index, corpus, LABELLED, Scope.window(2), groups, targets, new Expected(19,
                    l(5, 14), l(14, 5), l(5, 14), l(16, 3, 6),
                    ll(l(5, 0, 3), l(11, 3, 3)), ll(l(11, 3, 3), l(5, 0, 3)), ll(l(5, 0, 3), l(11, 3, 3)), l(5, 14)));
            // a term group against a label target: he is in f2 and f3 (twice, in two sentences)
            check(index, corpus, LABELLED, Scope.SENTENCE, List.of(SHE, HE), List.of(Feature.FieldValue.label("nurse")),
                    new Expected(6,
                            // she: f1s0, f1s1; he: f2s0, f3s0, f3s1; no sentence holds both
                            l(2, 3), l(3, 2), l(2, 3), l(5),
                            // L:nurse: f1s0, f1s1 (she), f3s0, f3s1 (he), f3s2 (neither)
                            ll(l(2), l(2)), ll(l(2), l(2)), ll(l(2), l(2)), l(2, 2)));
        }
    }
}
