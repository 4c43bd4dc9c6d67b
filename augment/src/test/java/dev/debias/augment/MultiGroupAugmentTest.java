package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.Axis;
import dev.debias.augment.AugmenterTest.Support;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every augment mode on the race (6 groups) and religion (7 groups) axes, on small corpora written here
 * with one group term per record: the accounting ({@code recordsIn == originalsOut + dropped}) checked
 * against the written file, the same seed giving the same bytes, and rebalance reaching its shares within
 * the rounding bound {@code (k + 1) / (2 M)} ({@link MultiGroupRebalance}), measured on the output by the
 * audit module (the summary's after rates) and by detection record by record.
 */
class MultiGroupAugmentTest {
    /** Per axis: each group's term as it starts a sentence, in the axis' group order. */
    static final Map<String, List<String>> TERMS = Map.of(
            "race", List.of("African American", "European American", "Asian American", "Hispanic American",
                    "Arab American", "Native American"),
            "religion", List.of("Christian", "Muslim", "Jewish", "Hindu", "Buddhist", "Sikh", "atheist"));
    /** Per axis and label, the records of each group: every group present, the first one or two over-represented. */
    static final Map<String, Map<String, int[]>> COUNTS = Map.of(
            "race", Map.of("nurse", new int[] {9, 3, 3, 2, 2, 2}, "pilot", new int[] {2, 8, 4, 2, 2, 2}),
            "religion", Map.of("nurse", new int[] {8, 3, 2, 2, 2, 2, 2}, "pilot", new int[] {2, 7, 3, 2, 2, 2, 2}));

    @TempDir
    Path dir;

    static List<Record> corpus(String axis) {
        List<Record> out = new ArrayList<>();
        int id = 0;
        for (String label : List.of("nurse", "pilot")) {
            int[] counts = COUNTS.get(axis).get(label);
            for (int g = 0; g < counts.length; g++) {
                for (int j = 0; j < counts[g]; j++) {
                    id++;
                    out.add(Record.of("r" + id, "The " + TERMS.get(axis).get(g) + " " + label + " met family " + id + ".")
                            .withLabel(label));
                }
            }
        }
        // and one record of no group
        out.add(Record.of("r0", "The lake froze over.").withLabel("nurse"));
        return out;
    }

    static Axis axis(String name) {
        return Axis.parse("builtin:" + name, false).stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    static Augmenter.Builder builder(String axis, AugmentMode mode) {
        return Augmenter.builder().setMode(mode).optThreads(3).optSeed(5).optAxisLexicon("builtin:" + axis)
                .optSwapper(CounterfactualSwapper.builder().optAxis(axis).build());
    }

    /** Every mode, two of them three ways: name and builder. */
    static Map<String, Supplier<Augmenter.Builder>> modes(String axis) {
        String first = axis(axis).groups().get(0);
        String second = axis(axis).groups().get(1);
        Map<String, Supplier<Augmenter.Builder>> m = new LinkedHashMap<>();
        m.put("two-sided", () -> builder(axis, AugmentMode.TWO_SIDED));
        m.put("one-sided", () -> builder(axis, AugmentMode.ONE_SIDED));
        m.put("substitute", () -> builder(axis, AugmentMode.SUBSTITUTE).optProbability(0.7));
        m.put("rebalance-parity", () -> builder(axis, AugmentMode.REBALANCE));
        m.put("rebalance-shares", () -> builder(axis, AugmentMode.REBALANCE)
                .optTargetShares(Map.of(first, 0.4, second, 0.3)));
        m.put("rebalance-drop", () -> builder(axis, AugmentMode.REBALANCE).optAllowDrop(true));
        m.put("reweigh", () -> builder(axis, AugmentMode.REWEIGH));
        m.put("mask", () -> builder(axis, AugmentMode.MASK));
        return m;
    }

    static Stream<Arguments> everyMode() {
        List<Arguments> out = new ArrayList<>();
        for (String axis : List.of("race", "religion")) {
            modes(axis).keySet().forEach(m -> out.add(Arguments.of(axis, m)));
        }
        return out.stream();
    }

    private AugmentSummary run(String axis, String mode, String sub) throws IOException {
        Path in = dir.resolve(axis + ".jsonl");
        if (!Files.exists(in)) {
            Support.write(in, corpus(axis));
        }
        Files.createDirectories(dir.resolve(sub));
        return Support.run(modes(axis).get(mode).get(), dir.resolve(sub), in, Support.READ_LEXICON,
                dir.resolve(sub).resolve("out.jsonl"));
    }

    /**
     * The accounting, against the written file: records in = in place + dropped, records out = the lines =
     * the sum per transform, copies = the counterfactual records written, each id once.
     */
    static List<Record> checkAccounting(AugmentSummary s, Path out) throws IOException {
        assertEquals(s.recordsIn(), s.originalsOut() + s.dropped(), "records in = in place + dropped: " + s);
        assertTrue(s.countsBalance());
        List<Record> written = Support.readOut(out);
        assertEquals(s.recordsOut(), written.size());
        assertEquals(s.recordsOut(), s.outByTransform().values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> byTransform = new TreeMap<>();
        written.forEach(r -> byTransform.merge(Support.transform(r), 1L, Long::sum));
        assertEquals(byTransform, new TreeMap<>(s.outByTransform()));
        assertEquals(s.copies(), written.stream().filter(r -> Support.transform(r).startsWith(Transforms.COUNTERFACTUAL))
                .count(), "copies");
        assertEquals(s.originalsOut(), written.stream().filter(r -> !Support.transform(r).startsWith(
                Transforms.COUNTERFACTUAL)).count(), "in place");
        Set<String> ids = new HashSet<>();
        written.forEach(r -> assertTrue(ids.add(r.id()), "id once: " + r.id()));
        return written;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMode")
    void everyModeAccountsForEveryRecordAndTheSameSeedGivesTheSameBytes(String axis, String mode) throws IOException {
        AugmentSummary s = run(axis, mode, "a");
        List<Record> written = checkAccounting(s, dir.resolve("a/out.jsonl"));
        AugmentSummary again = run(axis, mode, "b");
        assertEquals(s, again);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/out.jsonl")), Files.readAllBytes(dir.resolve("b/out.jsonl")));
        assertArrayEquals(Files.readAllBytes(Augmenter.summaryPath(dir.resolve("a/out.jsonl"))),
                Files.readAllBytes(Augmenter.summaryPath(dir.resolve("b/out.jsonl"))));
        int records = corpus(axis).size();
        assertEquals(records, s.recordsIn());
        List<String> groups = axis(axis).groups();
        GroupDetector detector = new GroupDetector(axis(axis), null);
        Map<String, Record> sources = new LinkedHashMap<>();
        corpus(axis).forEach(r -> sources.put(r.id(), r));
        for (Record r : written) {
            String t = Support.transform(r);
            if (t.startsWith(Transforms.COUNTERFACTUAL)) {
                // a copy names its target group, is of that group, and its id says so
                String target = t.substring(Transforms.COUNTERFACTUAL.length() + 1);
                Record src = sources.get(r.attributes().get(Transforms.SOURCE_ID));
                assertNotEquals(groups.get(detector.group(src)), target, r.id());
                assertEquals(target, groups.get(detector.group(r)), r.id() + ": " + r.text());
                assertTrue(r.id().matches(src.id() + "-cf[0-9]*-" + target), r.id());
            }
        }
        switch (mode) {
            case "two-sided" -> assertEquals((records - 1) * (groups.size() - 1), s.copies(),
                    "every grouped record, one copy per other group");
            case "one-sided" -> {
                // the over-represented group of each label: its records, one copy per other group each
                int[] nurse = COUNTS.get(axis).get("nurse");
                int[] pilot = COUNTS.get(axis).get("pilot");
                assertEquals((long) (nurse[0] + pilot[1]) * (groups.size() - 1), s.copies());
            }
            case "substitute" -> {
                assertEquals(0, s.copies());
                Set<String> targets = new HashSet<>();
                written.stream().map(Support::transform).filter(t -> t.startsWith(Transforms.SUBSTITUTED + ":"))
                        .forEach(targets::add);
                assertTrue(targets.size() > 2, "a substituted record becomes one of its copies, drawn uniformly: " + targets);
                assertTrue(s.changed() > 0 && s.changed() < records, "" + s.changed());
            }
            case "rebalance-parity" -> reachesShares(s, written, detector, parity(groups.size()));
            case "rebalance-shares" -> {
                double rest = 0.3 / (groups.size() - 2);
                double[] t = new double[groups.size()];
                java.util.Arrays.fill(t, rest);
                t[0] = 0.4;
                t[1] = 0.3;
                reachesShares(s, written, detector, t);
                assertEquals(groups.get(0) + "=0.4," + groups.get(1) + "=0.3", s.config().get("target_shares"),
                        "" + s.config());
            }
            case "rebalance-drop" -> {
                assertEquals(0, s.copies());
                assertTrue(s.dropped() > 0);
                reachesShares(s, written, detector, parity(groups.size()));
            }
            case "reweigh" -> {
                assertEquals(records, s.recordsOut());
                assertEquals(2 * groups.size(), s.weights().size(), "" + s.weights());
            }
            case "mask" -> {
                assertEquals(records, s.recordsOut());
                assertEquals(records - 1, s.changed());
                written.stream().filter(r -> !r.id().equals("r0"))
                        .forEach(r -> assertTrue(r.text().startsWith("The [MASK] "), r.text()));
            }
            default -> throw new AssertionError(mode);
        }
    }

    static double[] parity(int k) {
        double[] t = new double[k];
        java.util.Arrays.fill(t, 1.0 / k);
        return t;
    }

    /**
     * Every label's share of every group within {@code (k + 1) / (2 M)} of its target, M the label's grouped
     * records after, by the audit (the summary's after rates) and by detecting each written record's group.
     */
    static void reachesShares(AugmentSummary s, List<Record> written, GroupDetector detector, double[] target) {
        // copies may go round-robin (with shares 0.4 and 0.3 the most over-represented group is a small one,
        // whose few records give all the copies), but every group is reached
        s.warnings().forEach(w -> assertTrue(w.endsWith("some records are copied more than once"), w));
        int k = target.length;
        Map<String, long[]> counts = new TreeMap<>();
        for (Record r : written) {
            int g = detector.group(r);
            if (g >= 0) {
                counts.computeIfAbsent(r.label(), l -> new long[k])[g]++;
            }
        }
        List<String> groups = new ArrayList<>(s.ratesAfter().values().iterator().next().keySet());
        for (var e : counts.entrySet()) {
            long m = java.util.Arrays.stream(e.getValue()).sum();
            double bound = (k + 1) / (2.0 * m);
            for (int g = 0; g < k; g++) {
                double share = (double) e.getValue()[g] / m;
                assertEquals(share, s.ratesAfter().get(e.getKey()).get(groups.get(g)), 1e-12, "the audit agrees");
                assertTrue(Math.abs(share - target[g]) <= bound, e.getKey() + " " + groups.get(g) + ": " + share
                        + " not within " + bound + " of " + target[g] + " in " + java.util.Arrays.toString(e.getValue()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"race", "religion"})
    void aDifferentSeedCopiesOtherRecords(String axis) throws IOException {
        Path in = Support.write(dir.resolve("in.jsonl"), corpus(axis));
        Support.run(builder(axis, AugmentMode.REBALANCE), dir, in, Support.READ_LEXICON, dir.resolve("one.jsonl"));
        Support.run(builder(axis, AugmentMode.REBALANCE).optSeed(6), dir, in, Support.READ_LEXICON,
                dir.resolve("two.jsonl"));
        assertNotEquals(Files.readString(dir.resolve("one.jsonl")), Files.readString(dir.resolve("two.jsonl")));
    }
}
