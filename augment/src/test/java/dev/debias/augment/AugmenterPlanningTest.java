package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.augment.swap.Substitution;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalance, reweigh and substitute where their effect is a rate: on 2,000 demo bios written with a
 * 0.9 gender/occupation co-occurrence, every rate measured again, independently, by the audit
 * module on the output; and on tiny corpora whose copies, drops and weights are computed by hand.
 */
class AugmenterPlanningTest {
    /** 2,000 bios (id, text, label, gender), co-occurrence 0.9, written once. */
    @TempDir
    static Path shared;

    static Path bios;
    static List<Record> biosRecords;
    /** Per label, the female and male shares of {@link #bios}, by the audit module with the lexicons. */
    static Map<String, Map<String, Double>> biosRates;

    @TempDir
    Path dir;

    @BeforeAll
    static void corpus() throws IOException {
        bios = Support.writeBios(shared.resolve("bios.jsonl"), 2000, 0.9, 7);
        biosRecords = Support.read(bios, Support.READ);
        biosRates = Support.audit(bios, Support.READ_LEXICON, null, shared.resolve("bios.index"));
        assertEquals(8, biosRates.size(), "8 occupations");
        for (Map<String, Double> row : biosRates.values()) {
            assertTrue(Math.abs(row.get("female") - 0.5) > 0.3, "the demo corpus is skewed: " + biosRates);
        }
    }

    private static Record rec(String id, String text, String label, String gender) {
        return Support.rec(id, text, label, gender);
    }

    private AugmentSummary run(Augmenter.Builder b, Path in, dev.debias.corpus.ReadOptions read, Path out)
            throws IOException {
        return Support.run(b, dir, in, read, out);
    }

    private static Augmenter.Builder rebalance(double rate) {
        return Augmenter.builder().setMode(AugmentMode.REBALANCE).optTargetRate(rate).optThreads(4);
    }

    /** Every input record written in input order, each counterfactual right after its source. */
    private static void checkOrder(List<Record> input, List<Record> written, boolean copiesAllowed) {
        int i = 0;
        String last = null;
        for (Record r : written) {
            if (r.attributes().get(Transforms.TRANSFORM).equals(Transforms.COUNTERFACTUAL)) {
                assertTrue(copiesAllowed, "no copies expected: " + r.id());
                assertEquals(last, r.attributes().get(Transforms.SOURCE_ID), "a copy follows its source: " + r.id());
                assertTrue(r.id().startsWith(last + "-cf"), r.id());
                continue;
            }
            while (i < input.size() && !input.get(i).id().equals(r.id())) {
                i++;
            }
            assertTrue(i < input.size(), "record " + r.id() + " out of order");
            assertEquals(input.get(i).text(), r.text());
            last = r.id();
        }
    }

    private static void assertParity(Map<String, Map<String, Double>> rates, String group, double target, double tol) {
        for (var e : rates.entrySet()) {
            double share = e.getValue().get(group);
            assertTrue(Math.abs(share - target) <= tol, e.getKey() + ": " + group + " share " + share + " not within "
                    + tol + " of " + target + " in " + rates);
        }
    }

    // ------------------------------------------------------------------ rebalance on the demo corpus

    @Test
    void rebalanceToHalfReachesParityInEveryLabelByCopies() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5), bios, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        Map<String, Map<String, Double>> after = Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix"));
        assertParity(after, "female", 0.5, 0.02);
        assertParity(after, "male", 0.5, 0.02);
        Support.assertRatesEqual(biosRates, s.ratesBefore());
        Support.assertRatesEqual(after, s.ratesAfter());
        assertEquals(2000, s.recordsIn());
        assertEquals(0, s.dropped());
        assertTrue(s.copies() > 1000, "about 0.8 of 2000 records must be copied: " + s.copies());
        assertEquals(2000 + s.copies(), s.recordsOut());
        assertEquals("lexicon", s.config().get("groups_from"));
        assertEquals("0.5", s.config().get("target_rate"));
        List<Record> written = Support.readOut(out);
        checkOrder(biosRecords, written, true);
        for (Record r : written) {
            if (r.attributes().get(Transforms.TRANSFORM).equals(Transforms.COUNTERFACTUAL)) {
                Record src = biosRecords.stream().filter(b -> b.id().equals(r.attributes().get(Transforms.SOURCE_ID)))
                        .findFirst().orElseThrow();
                assertEquals(r.text(), Support.apply(src.text(), Substitution.parse(r.attributes().get(Transforms.SUBSTITUTIONS))));
                assertEquals(src.label(), r.label(), "occupations are not gendered terms");
            }
        }
    }

    @Test
    void rebalanceReachesAnyTargetRate() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.3), bios, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        Map<String, Map<String, Double>> after = Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix"));
        assertParity(after, "female", 0.3, 0.02);
        Support.assertRatesEqual(after, s.ratesAfter());
        Support.assertRatesEqual(biosRates, s.ratesBefore());
    }

    @Test
    void rebalanceTargetsTheNamedGroup() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.3).optTargetGroup("male"), bios, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        Map<String, Map<String, Double>> after = Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix"));
        assertParity(after, "male", 0.3, 0.02);
        assertEquals("male", s.config().get("target_group"));
    }

    @Test
    void rebalanceWithDropsRemovesRecordsInsteadOfCopying() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5).optAllowDrop(true), bios, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        Map<String, Map<String, Double>> after = Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix"));
        assertParity(after, "female", 0.5, 0.02);
        Support.assertRatesEqual(after, s.ratesAfter());
        assertEquals(0, s.copies());
        assertTrue(s.dropped() > 1000, "about 0.8 of the records must go: " + s.dropped());
        assertEquals(2000 - s.dropped(), s.recordsOut());
        assertEquals(Map.of(Transforms.ORIGINAL, s.recordsOut()), s.outByTransform());
        List<Record> written = Support.readOut(out);
        checkOrder(biosRecords, written, false);
        assertEquals("true", s.config().get("allow_drop"));
    }

    @Test
    void rebalanceWithGroupsFromTheFieldReachesParityByTheField() throws IOException {
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5), bios, Support.READ, out);
        Support.checkAccounting(s, out);
        assertEquals("field:gender", s.config().get("groups_from"));
        Map<String, Double> byField = Support.femaleShareByField(Support.readOut(out));
        byField.forEach((l, share) -> assertTrue(Math.abs(share - 0.5) <= 0.02, l + ": " + byField));
        Map<String, Map<String, Double>> after = Support.audit(out, Support.READ, "gender", dir.resolve("ix"));
        Support.assertRatesEqual(after, s.ratesAfter());
        byField.forEach((l, share) -> assertEquals(share, after.get(l).get("female"), 1e-12));
    }

    // ------------------------------------------------------------------ rebalance, exactly

    /** Label a: 6 female, 2 male; label b: 1 female, 3 male; label z: no gendered record. */
    private static List<Record> sixToTwo() {
        List<Record> out = new ArrayList<>();
        String[] verbs = {"sings", "reads", "runs", "swims", "cooks", "paints"};
        for (int i = 0; i < 6; i++) {
            out.add(rec("af" + i, "She " + verbs[i] + " every day.", "a", "female"));
        }
        out.add(rec("am0", "He writes.", "a", "male"));
        out.add(rec("am1", "He draws.", "a", "male"));
        out.add(rec("bf0", "Her bike is red.", "b", "female"));
        for (int i = 0; i < 3; i++) {
            out.add(rec("bm" + i, "His car is " + verbs[i] + "?", "b", "male"));
        }
        out.add(rec("z0", "The lake froze early this year.", "z", ""));
        return out;
    }

    @Test
    void rebalanceAddsTheFewestCopies() throws IOException {
        Path in = Support.write(dir.resolve("six.jsonl"), sixToTwo());
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5), in, Support.READ, out);
        Support.checkAccounting(s, out);
        // a: 6 / (8 + x) = 0.5 -> x = 4 copies of female records; b: (1 + x) / (4 + x) = 0.5 -> x = 2 male copies
        List<Record> written = Support.readOut(out);
        Map<String, Long> copiesByLabel = written.stream().filter(r -> r.id().contains("-cf"))
                .collect(Collectors.groupingBy(Record::label, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("a", 4L, "b", 2L), copiesByLabel);
        assertTrue(written.stream().filter(r -> r.id().contains("-cf")).allMatch(r -> r.label().equals("a")
                ? r.id().startsWith("af") && r.attributes().get("gender").equals("male")
                : r.id().startsWith("bm") && r.attributes().get("gender").equals("female")), "copies of the majority");
        assertEquals(Set.of(), written.stream().filter(r -> r.id().contains("-cf2")).map(Record::id).collect(Collectors.toSet()),
                "no record copied twice");
        Support.assertRatesEqual(Map.of("a", Map.of("female", 0.5, "male", 0.5), "b", Map.of("female", 0.5, "male", 0.5)),
                withoutNulls(s.ratesAfter()));
        assertEquals(Map.of("a", 0.5, "b", 0.5), withoutZ(Support.femaleShareByField(written)));
        assertEquals(6, s.copies());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("label z") && w.contains("no record with exactly one group")),
                "" + s.warnings());
    }

    @Test
    void rebalanceDropsTheFewestRecords() throws IOException {
        Path in = Support.write(dir.resolve("six.jsonl"), sixToTwo());
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5).optAllowDrop(true), in, Support.READ, out);
        Support.checkAccounting(s, out);
        // a: (6 - y) / (8 - y) = 0.5 -> y = 4 female dropped; b: 1 / (4 - y) = 0.5 -> y = 2 male dropped
        assertEquals(6, s.dropped());
        List<Record> written = Support.readOut(out);
        assertEquals(Map.of("a", 0.5, "b", 0.5), withoutZ(Support.femaleShareByField(written)));
        assertEquals(2, written.stream().filter(r -> r.id().startsWith("af")).count());
        assertEquals(1, written.stream().filter(r -> r.id().startsWith("bm")).count());
        assertTrue(written.stream().anyMatch(r -> r.id().equals("z0")), "a label without groups is left alone");
    }

    @Test
    void rebalanceCopiesARecordMoreThanOnceWhenItMustAndSaysSo() throws IOException {
        // label c: 5 female, 1 male; target female 0.2 -> 5 / (6 + x) = 0.2 -> x = 19 male copies made from only
        // 5 female records: each copied 3 or 4 times (-cf, -cf2, ...)
        List<Record> rs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rs.add(rec("c" + i, "She plays chess " + i + " times.", "c", "female"));
        }
        rs.add(rec("cm", "He plays chess.", "c", "male"));
        Path in = Support.write(dir.resolve("c.jsonl"), rs);
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.2), in, Support.READ, out);
        Support.checkAccounting(s, out);
        assertEquals(19, s.copies());
        List<Record> written = Support.readOut(out);
        assertEquals(Map.of("c", 0.2), Support.femaleShareByField(written));
        Map<String, Long> perSource = written.stream().filter(r -> r.id().contains("-cf"))
                .collect(Collectors.groupingBy(r -> r.attributes().get(Transforms.SOURCE_ID), Collectors.counting()));
        assertEquals(5, perSource.size());
        perSource.values().forEach(n -> assertTrue(n == 3 || n == 4, "copies spread evenly: " + perSource));
        assertEquals(written.stream().map(Record::id).distinct().count(), written.size(), "ids stay unique (-cf, -cf2, ...)");
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("19 copies needed from 5 candidate records")),
                "" + s.warnings());
    }

    @Test
    void rebalanceLeavesALabelAlreadyAtItsTarget() throws IOException {
        Path in = Support.write(dir.resolve("six.jsonl"), sixToTwo().subList(0, 8));
        Path out = dir.resolve("fair.jsonl");
        // male share of label a is 2 / 8 = 0.25
        AugmentSummary s = run(rebalance(0.25).optTargetGroup("male"), in, Support.READ, out);
        Support.checkAccounting(s, out);
        assertEquals(8, s.recordsOut());
        assertEquals(0, s.copies());
    }

    @Test
    void rebalanceRejectsAnUnknownTargetGroup() throws IOException {
        Path in = Support.write(dir.resolve("six.jsonl"), sixToTwo());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(rebalance(0.5).optTargetGroup("nonbinary"), in, Support.READ, dir.resolve("out.jsonl")));
        assertTrue(e.getMessage().contains("nonbinary"), e.getMessage());
    }

    @Test
    void rebalanceOnAThirdGroupTheSwapperCannotReachWarns() throws IOException {
        // the lexicon has a third group the gender swapper has no counterparts for: no copy can become neutral
        Path terms = Files.writeString(dir.resolve("three.tsv"),
                "gender\tfemale\tshe\ngender\tmale\the\ngender\tneutral\tthey\n");
        Path in = Support.write(dir.resolve("three.jsonl"), List.of(
                rec("1", "She runs.", "a", "female"), rec("2", "She runs.", "a", "female"), rec("3", "He runs.", "a", "male"),
                rec("4", "They run.", "a", "x"), rec("5", "She walks.", "a", "female")));
        AugmentSummary s = run(rebalance(0.5).optAxisLexicon(terms.toString()), in, Support.READ_LEXICON,
                dir.resolve("out.jsonl"));
        assertTrue(s.countsBalance());
        // female 0.5, the others 0.25 each: N' = 3 / 0.5 = 6, male 1 -> round(1.5) = 2 (one copy), neutral none
        assertEquals(1, s.copies());
        assertTrue(s.warnings().contains("label a: no female record whose counterfactual toward neutral is neutral; "
                + "cannot bring neutral to its share"), "" + s.warnings());
    }

    @Test
    void invalidTargetRatesAreRejected() {
        for (double r : new double[] {0, 1, 1.5}) {
            assertThrows(IllegalArgumentException.class, () -> rebalance(r).build(), "rate " + r);
        }
    }

    /**
     * Bug: with groups from a field, a record whose text holds no swappable term is still planned as
     * a copy (its planned copy only has the field flipped, so the planner thinks it lands in the other
     * group), but {@code CopyTransform} writes no copy when the text does not change. Input: label a, 3
     * female records without any gendered word and 1 male record, target 0.5. Expected: either the
     * target (2 copies of records that can be swapped; here none exist) or a warning that the label
     * cannot be rebalanced. Actual: no copy, no warning, rates_after female 0.75.
     */
    @Test
    void rebalanceWarnsWhenPlannedCopiesCannotBeMade() throws IOException {
        Path in = Support.write(dir.resolve("plain.jsonl"), List.of(
                rec("1", "Sings well.", "a", "female"),
                rec("2", "Reads well.", "a", "female"),
                rec("3", "Runs well.", "a", "female"),
                rec("4", "He swims.", "a", "male")));
        Path out = dir.resolve("fair.jsonl");
        AugmentSummary s = run(rebalance(0.5), in, Support.READ, out);
        assertTrue(Math.abs(s.ratesAfter().get("a").get("female") - 0.5) < 1e-9
                || s.warnings().stream().anyMatch(w -> w.contains("label a")), s.ratesAfter() + " " + s.warnings());
    }

    // ------------------------------------------------------------------ reweigh

    @Test
    void reweighGivesKamiranCaldersWeightsExactly() throws IOException {
        // counts (group field): a: 3 female, 1 male; b: 1 female, 1 male; one record with an empty group.
        // N = 6 grouped records, n(female) = 4, n(male) = 2, n(a) = 4, n(b) = 2; w(g, l) = n(g) n(l) / (N n(g, l)):
        //   w(female, a) = 4 * 4 / (6 * 3) = 8/9     w(male, a) = 2 * 4 / (6 * 1) = 4/3
        //   w(female, b) = 4 * 2 / (6 * 1) = 4/3     w(male, b) = 2 * 2 / (6 * 1) = 2/3
        // and 1 for the record without a group.
        Path in = Support.write(dir.resolve("tiny.jsonl"), List.of(
                rec("1", "She sings.", "a", "female"),
                rec("2", "She reads.", "a", "female"),
                rec("3", "She runs.", "a", "female"),
                rec("4", "He swims.", "a", "male"),
                rec("5", "Her bike.", "b", "female"),
                rec("6", "His car.", "b", "male"),
                rec("7", "A lake.", "b", "")));
        Path out = dir.resolve("weighted.jsonl");
        AugmentSummary s = run(Augmenter.builder().setMode(AugmentMode.REWEIGH).optWeightField("w"), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        double[] expected = {8.0 / 9, 8.0 / 9, 8.0 / 9, 4.0 / 3, 4.0 / 3, 2.0 / 3, 1.0};
        assertEquals(7, written.size());
        for (int i = 0; i < 7; i++) {
            Record r = written.get(i);
            assertEquals(Integer.toString(i + 1), r.id());
            assertEquals(expected[i], Double.parseDouble(r.attributes().get("w")), 1e-12, r.id());
            assertEquals(Transforms.REWEIGHED, r.attributes().get(Transforms.TRANSFORM));
            assertTrue(!r.attributes().containsKey(Transforms.WEIGHT), "the weight goes to the field asked for");
        }
        assertEquals(8.0 / 9, s.weights().get("female|a"), 1e-12);
        assertEquals(4.0 / 3, s.weights().get("male|a"), 1e-12);
        assertEquals(4.0 / 3, s.weights().get("female|b"), 1e-12);
        assertEquals(2.0 / 3, s.weights().get("male|b"), 1e-12);
        assertEquals(4, s.weights().size());
        // weighted, each label's female share is the overall 4/6
        Support.assertRatesEqual(Map.of("a", Map.of("female", 2.0 / 3, "male", 1.0 / 3),
                "b", Map.of("female", 2.0 / 3, "male", 1.0 / 3)), s.ratesAfter());
        Support.assertRatesEqual(Map.of("a", Map.of("female", 0.75, "male", 0.25),
                "b", Map.of("female", 0.5, "male", 0.5)), s.ratesBefore());
        assertEquals(Map.of(Transforms.REWEIGHED, 7L), s.outByTransform());
        assertEquals(0, s.changed());
        assertEquals("w", s.config().get("weight_field"));
    }

    @Test
    void reweighMakesGroupAndLabelIndependentOnTheDemoCorpus() throws IOException {
        Path out = dir.resolve("weighted.jsonl");
        AugmentSummary s = run(Augmenter.builder().setMode(AugmentMode.REWEIGH), bios, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(2000, written.size());
        double wFemale = 0;
        double wAll = 0;
        Map<String, double[]> byLabel = new HashMap<>();
        long female = 0;
        for (int i = 0; i < written.size(); i++) {
            Record r = written.get(i);
            assertEquals(biosRecords.get(i).text(), r.text(), "reweigh changes no text");
            double w = Double.parseDouble(r.attributes().get(Transforms.WEIGHT));
            assertTrue(w > 0, r.id());
            boolean f = r.attributes().get("gender").equals("female");
            female += f ? 1 : 0;
            double[] c = byLabel.computeIfAbsent(r.label(), k -> new double[2]);
            c[f ? 0 : 1] += w;
            wFemale += f ? w : 0;
            wAll += w;
        }
        double overall = (double) female / written.size();
        assertEquals(overall, wFemale / wAll, 1e-9, "the weights keep the overall group share");
        assertEquals(written.size(), wAll, 1e-6, "and the total weight");
        byLabel.forEach((l, c) -> assertEquals(overall, c[0] / (c[0] + c[1]), 1e-9, "weighted female share of " + l));
        s.ratesAfter().forEach((l, row) -> assertEquals(overall, row.get("female"), 1e-9, l));
        Support.assertRatesEqual(Support.audit(bios, Support.READ, "gender", dir.resolve("ix")), s.ratesBefore());
    }

    @Test
    void reweighWithLexiconGroupsUsesTheAuditedCounts() throws IOException {
        Path out = dir.resolve("weighted.jsonl");
        AugmentSummary s = run(Augmenter.builder().setMode(AugmentMode.REWEIGH), bios, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        Map<String, Map<String, Long>> counts = Support.auditCounts(bios, Support.READ_LEXICON, null, dir.resolve("ix"));
        long n = 0;
        Map<String, Long> byGroup = new TreeMap<>();
        Map<String, Long> byLabel = new TreeMap<>();
        for (var e : counts.entrySet()) {
            for (var g : e.getValue().entrySet()) {
                n += g.getValue();
                byGroup.merge(g.getKey(), g.getValue(), Long::sum);
                byLabel.merge(e.getKey(), g.getValue(), Long::sum);
            }
        }
        for (var e : counts.entrySet()) {
            for (var g : e.getValue().entrySet()) {
                if (g.getValue() == 0) {
                    assertEquals(null, s.weights().get(g.getKey() + "|" + e.getKey()));
                    continue;
                }
                double expected = (double) byGroup.get(g.getKey()) * byLabel.get(e.getKey()) / ((double) n * g.getValue());
                assertEquals(expected, s.weights().get(g.getKey() + "|" + e.getKey()), 1e-12, g.getKey() + "|" + e.getKey());
            }
        }
        Set<Double> allowed = new java.util.HashSet<>(s.weights().values());
        allowed.add(1.0);
        for (Record r : Support.readOut(out)) {
            assertTrue(allowed.contains(Double.parseDouble(r.attributes().get(Transforms.WEIGHT))), r.id());
        }
    }

    // ------------------------------------------------------------------ substitute on the demo corpus

    @Test
    void substituteReplacesAboutTheShareAskedForDeterministicallyPerSeed() throws IOException {
        List<Set<String>> substituted = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (long seed : new long[] {3, 3, 4}) {
            Path sub = Files.createDirectories(dir.resolve("s" + substituted.size()));
            Path out = sub.resolve("sub.jsonl");
            AugmentSummary s = Support.run(Augmenter.builder().setMode(AugmentMode.SUBSTITUTE).optProbability(0.5)
                    .optSeed(seed), sub, bios, Support.READ, out);
            Support.checkAccounting(s, out);
            List<Record> written = Support.readOut(out);
            assertEquals(Support.ids(biosRecords), Support.ids(written));
            Set<String> ids = written.stream().filter(r -> r.attributes().get(Transforms.TRANSFORM)
                    .equals(Transforms.SUBSTITUTED)).map(Record::id).collect(Collectors.toSet());
            double share = ids.size() / 2000.0;
            assertTrue(Math.abs(share - 0.5) <= 0.05, "substituted share " + share);
            assertEquals(ids.size(), s.changed());
            substituted.add(ids);
            bytes.add(Files.readAllBytes(out));
        }
        assertEquals(substituted.get(0), substituted.get(1), "same seed, same records");
        assertTrue(java.util.Arrays.equals(bytes.get(0), bytes.get(1)), "same seed, same bytes");
        assertNotEquals(substituted.get(0), substituted.get(2), "another seed, other records");
        Set<String> common = new java.util.HashSet<>(substituted.get(0));
        common.retainAll(substituted.get(2));
        double overlap = (double) common.size() / substituted.get(0).size();
        assertTrue(overlap > 0.35 && overlap < 0.65, "independent draws overlap by about half: " + overlap);
    }

    private static Map<String, Map<String, Double>> withoutNulls(Map<String, Map<String, Double>> rates) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        rates.forEach((l, row) -> {
            if (row.values().stream().allMatch(v -> v != null)) {
                out.put(l, row);
            }
        });
        return out;
    }

    private static Map<String, Double> withoutZ(Map<String, Double> shares) {
        Map<String, Double> out = new TreeMap<>(shares);
        out.remove("z");
        return out;
    }
}
