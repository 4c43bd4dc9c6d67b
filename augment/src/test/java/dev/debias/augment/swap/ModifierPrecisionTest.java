package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Measures how well the {@code modifier} rule ({@link PersonNouns}) tells a colour, age, orientation or
 * disability word that names a person's group ({@code a black teacher}, {@code an old man}, {@code hearing
 * students}) from the same word in another sense ({@code a black coat}, {@code an old house}, {@code the
 * court hearing}). Each row of {@code modifier-sentences.tsv} is a hand-written sentence labelled PERSON or
 * OTHER by a reader; the swapper's decision is whether a substitution covers the word, with the swapper of
 * the word's axis ({@link #swapperFor}), in any of its copies.
 *
 * <p>Measured on the 85 rows (36 PERSON, 49 OTHER): 36 words swapped, 35 of them labelled PERSON, so
 * precision 35/36 = 0.972; 35 of the 36 PERSON words swapped, so recall 35/36 = 0.972; 48 OTHER words rightly
 * left alone. The one wrong swap: {@code the straight man in the comedy act} ({@code straight man} is a
 * multi-word orientation term, so the modifier rule never sees it). The one miss is a predicate, out of the
 * rule's reach by design: {@code the man was black}. A first measurement (precision 35/39 = 0.897) also
 * swapped {@code my old teacher} (former), {@code her older brother} (birth order) and {@code the hearing
 * officer} (the court sense); an age word after a possessive now names a relation, not an age group, and
 * {@code hearing officer} is a protected idiom.
 *
 * <p>The bound: {@value #MIN_PRECISION}, what issue 17 asks for; one more wrong swap on this table (35/37 = 0.946)
 * fails it. Recall is held at {@value #MIN_RECALL}: three more misses (32/36 = 0.889) fail it.
 */
class ModifierPrecisionTest {
    static final String TABLE = "modifier-sentences.tsv";
    static final double MIN_PRECISION = 0.95;
    static final double MIN_RECALL = 0.90;

    /** One labelled sentence. */
    record Row(int line, boolean person, String word, String sentence) {}

    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        for (TestTables.Line l : TestTables.read(TABLE, 3, "PERSON|OTHER<TAB>word<TAB>sentence")) {
            String kind = l.fields()[0];
            if (!kind.equals("PERSON") && !kind.equals("OTHER")) {
                throw new IllegalStateException(TABLE + ":" + l.number() + ": expected PERSON or OTHER, got '" + kind + "'");
            }
            rows.add(new Row(l.number(), kind.equals("PERSON"), l.fields()[1], l.fields()[2]));
        }
        return rows;
    }

    /** The axis of a word. */
    static String axisOf(String word) {
        return switch (word) {
            case "black", "white" -> "race";
            case "old", "older", "young" -> "age";
            case "straight", "trans" -> "orientation";
            case "blind", "hearing" -> "disability";
            default -> throw new IllegalArgumentException("no axis for the word '" + word + "'");
        };
    }

    /**
     * The swapper that decides a word: the default swapper of the word's axis (both ways on a two-group axis,
     * one copy per other group on the others, as {@code debias augment} runs when neither {@code --pair} nor
     * {@code --to} is given).
     */
    static CounterfactualSwapper swapperFor(String word) {
        return CounterfactualSwapper.builder().optAxis(axisOf(word)).build();
    }

    /** Where {@code word} occurs in {@code sentence} as a whole word, case-insensitive; exactly once. */
    static int position(Row r) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(r.word()) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(r.sentence());
        assertTrue(m.find(), TABLE + ":" + r.line() + ": the word '" + r.word() + "' is not in the sentence");
        int at = m.start();
        assertTrue(!m.find(), TABLE + ":" + r.line() + ": the word '" + r.word() + "' occurs more than once");
        return at;
    }

    /** True when a substitution of any of the swapper's counterfactuals covers the word. */
    static boolean swapped(CounterfactualSwapper swapper, Row r) {
        int at = position(r);
        return swapper.counterfactuals(r.sentence()).stream().flatMap(c -> c.substitutions().stream())
                .anyMatch(s -> s.start() <= at && at < s.end());
    }

    @Test
    void precisionOfSwappedModifierWords() {
        List<Row> rows = table();
        assertTrue(rows.size() >= 60, "only " + rows.size() + " rows");
        Map<String, CounterfactualSwapper> swappers = new HashMap<>();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        StringBuilder report = new StringBuilder();
        for (Row r : rows) {
            boolean s = swapped(swappers.computeIfAbsent(r.word(), ModifierPrecisionTest::swapperFor), r);
            if (s && r.person()) {
                tp++;
            } else if (s) {
                fp++;
                report.append("  wrong swap   ").append(TABLE).append(':').append(r.line()).append("  ").append(r.sentence())
                        .append('\n');
            } else if (r.person()) {
                fn++;
                report.append("  missed       ").append(TABLE).append(':').append(r.line()).append("  ").append(r.sentence())
                        .append('\n');
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        System.out.printf(Locale.ROOT,
                "modifier disambiguation on %d sentences (%d PERSON, %d OTHER): swapped %d (right %d, wrong %d), "
                        + "missed %d, rightly kept %d; precision %d/%d = %.3f, recall %d/%d = %.3f%n%s",
                rows.size(), tp + fn, fp + tn, tp + fp, tp, fp, fn, tn, tp, tp + fp, precision, tp, tp + fn, recall, report);
        assertTrue(precision >= MIN_PRECISION, String.format(Locale.ROOT, "precision %.3f < %.2f%n%s", precision,
                MIN_PRECISION, report));
        assertTrue(recall >= MIN_RECALL, String.format(Locale.ROOT, "recall %.3f < %.2f%n%s", recall, MIN_RECALL, report));
    }

    @Test
    void everyWordHasPersonAndOtherRowsAndTheLabelsAreBalanced() {
        List<Row> rows = table();
        Map<String, int[]> byWord = new HashMap<>();
        for (Row r : rows) {
            position(r);
            byWord.computeIfAbsent(r.word(), w -> new int[2])[r.person() ? 0 : 1]++;
        }
        assertEquals(List.of("black", "blind", "hearing", "old", "older", "straight", "trans", "white", "young"),
                byWord.keySet().stream().sorted().toList());
        byWord.forEach((w, n) -> assertTrue(n[0] > 0 && n[1] > 0, w + ": PERSON " + n[0] + ", OTHER " + n[1]));
        assertEquals(rows.size(), rows.stream().map(Row::sentence).distinct().count(), "duplicate sentences");
    }
}
