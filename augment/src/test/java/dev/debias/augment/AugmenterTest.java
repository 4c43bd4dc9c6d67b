package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.audit.Axis;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Direction;
import dev.debias.augment.swap.Substitution;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Augmenter} end to end on small corpora written here, whose outputs are known record by
 * record: two-sided, one-sided, substitute, mask, the accounting invariant of every mode,
 * determinism, and errors. Rebalance and reweigh on the demo corpus are in
 * {@link AugmenterPlanningTest}.
 */
class AugmenterTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ support shared by the tests of this package

    /** Corpus writing and reading, accounting checks and an independent audit of group shares. */
    static final class Support {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** id, label and ground-truth gender field. */
        static final ReadOptions READ = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
                .withLabelField("label").withGroupFields(List.of("gender")));
        /** id and label only: groups come from the lexicon. */
        static final ReadOptions READ_LEXICON = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
                .withLabelField("label"));
        /** id only: no label. */
        static final ReadOptions READ_NO_LABEL = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id"));

        private Support() {}

        static Record rec(String id, String text, String label, String gender) {
            return Record.of(id, text).withLabel(label).withAttribute("gender", gender);
        }

        static Path write(Path file, List<Record> records) throws IOException {
            try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
                for (Record r : records) {
                    w.write(r);
                }
                w.commit();
            }
            return file;
        }

        static Path writeBios(Path file, int n, double cooccurrence, long seed) throws IOException {
            return write(file, BiosGenerator.builder().setCount(n).optCooccurrence(cooccurrence).optSeed(seed).build()
                    .stream().toList());
        }

        static List<Record> read(Path file, ReadOptions options) throws IOException {
            List<Record> out = new ArrayList<>();
            try (RecordReader r = CorpusReaders.open(file, options)) {
                while (r.hasNext()) {
                    out.add(r.next());
                }
            }
            return out;
        }

        /** Output records, read with the id and label fields (gender, source_id, ... are attributes). */
        static List<Record> readOut(Path file) throws IOException {
            return read(file, READ_LEXICON);
        }

        static AugmentSummary run(Augmenter.Builder b, Path workDir, Path in, ReadOptions read, Path out)
                throws IOException {
            return b.build().run(in, read, out, WriteOptions.defaults().withFieldNamesOf(read.fields()));
        }

        static String transform(Record r) {
            return r.attributes().get(Transforms.TRANSFORM);
        }

        static List<String> ids(List<Record> records) {
            return records.stream().map(Record::id).toList();
        }

        /** {@code source} with the substitutions applied, each checked against the characters it replaces. */
        static String apply(String source, List<Substitution> subs) {
            StringBuilder sb = new StringBuilder();
            int last = 0;
            for (Substitution s : subs) {
                assertTrue(s.start() >= last, "substitutions in text order: " + subs);
                assertEquals(s.before(), source.substring(s.start(), s.end()), "span " + s + " of '" + source + "'");
                sb.append(source, last, s.start()).append(s.after());
                last = s.end();
            }
            return sb.append(source.substring(last)).toString();
        }

        /**
         * The accounting every summary must satisfy, checked against the output file itself: records in
         * = in place + dropped, records out = the sum of the per-transform counts = the lines written,
         * copies = counterfactual records written, and the two sidecars.
         */
        static void checkAccounting(AugmentSummary s, Path out) throws IOException {
            assertEquals(AugmentSummary.SCHEMA, s.schema());
            assertEquals(s.recordsIn(), s.originalsOut() + s.dropped(), "records in = in place + dropped: " + s);
            assertTrue(s.countsBalance());
            assertEquals(s.recordsOut(), s.outByTransform().values().stream().mapToLong(Long::longValue).sum(), "" + s);
            long lines;
            try (Stream<String> l = Files.lines(out)) {
                lines = l.filter(x -> !x.isBlank()).count();
            }
            assertEquals(s.recordsOut(), lines, "records out = lines of " + out);
            List<Record> written = readOut(out);
            Map<String, Long> byTransform = written.stream().collect(Collectors.groupingBy(Support::transform,
                    TreeMap::new, Collectors.counting()));
            assertEquals(byTransform, new TreeMap<>(s.outByTransform()), "per transform");
            assertEquals(s.copies(), byTransform.getOrDefault(Transforms.COUNTERFACTUAL, 0L), "copies");
            assertEquals(s.changed(), written.stream().filter(r -> !r.attributes().get(Transforms.SUBSTITUTIONS).isEmpty())
                    .count(), "changed = records written with substitutions");
            assertEquals(s.substitutions(), written.stream().mapToLong(r -> Substitution.parse(
                    r.attributes().get(Transforms.SUBSTITUTIONS)).size()).sum(), "substitutions");
            assertEquals(s.substitutions(), s.substitutionsByTerm().values().stream().mapToLong(Long::longValue).sum());
            JsonNode json = JSON.readTree(Augmenter.summaryPath(out).toFile());
            assertEquals(s.recordsIn(), json.get("records_in").asLong());
            assertEquals(s.recordsOut(), json.get("records_out").asLong());
            assertEquals(s.mode(), json.get("mode").asText());
            assertEquals(Hashing.sha256(out), ArtifactProvenance.read(ArtifactProvenance.sidecarOf(out)).outputSha256());
            assertEquals(s.recordsOut(), ArtifactProvenance.read(ArtifactProvenance.sidecarOf(out)).records());
        }

        /**
         * Per label, each group's share among the label's documents holding exactly one group, counted by
         * the audit module on {@code corpus}: groups by the built-in gender and names lexicons when
         * {@code groupField} is null, else by that field's values {@code female} and {@code male}.
         */
        static Map<String, Map<String, Double>> audit(Path corpus, ReadOptions read, String groupField, Path indexDir)
                throws IOException {
            Map<String, Map<String, Double>> out = new TreeMap<>();
            auditCounts(corpus, read, groupField, indexDir).forEach((label, counts) -> {
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                Map<String, Double> row = new LinkedHashMap<>();
                counts.forEach((g, n) -> row.put(g, total == 0 ? null : (double) n / total));
                out.put(label, row);
            });
            return out;
        }

        /** Per label, per group (female, male), the documents holding exactly that one group, counted by the audit module. */
        static Map<String, Map<String, Long>> auditCounts(Path corpus, ReadOptions read, String groupField,
                Path indexDir) throws IOException {
            CorpusIndexer.builder().setInput(corpus).setIndexDir(indexDir).optReadOptions(read).optThreads(2).build().run();
            Axis axis = Axis.parse("builtin:gender,builtin:names", false).stream()
                    .filter(a -> a.name().equals("gender")).findFirst().orElseThrow();
            assertEquals(List.of("female", "male"), axis.groups());
            try (CorpusIndex index = CorpusIndex.open(indexDir)) {
                IndexCounter c = new IndexCounter(index, Scope.DOCUMENT);
                List<String> labels = c.values(null);
                List<Feature> groups = groupField == null ? axis.features()
                        : axis.groups().stream().<Feature>map(g -> Feature.FieldValue.attribute(groupField, g)).toList();
                CountTable t = c.table(axis.groups(), groups, labels,
                        labels.stream().<Feature>map(Feature.FieldValue::label).toList());
                Map<String, Map<String, Long>> out = new TreeMap<>();
                for (int l = 0; l < labels.size(); l++) {
                    Map<String, Long> row = new LinkedHashMap<>();
                    for (int g = 0; g < axis.groups().size(); g++) {
                        row.put(axis.groups().get(g), t.exclusiveBoth(g, l));
                    }
                    out.put(labels.get(l), row);
                }
                return out;
            }
        }

        /** Per label, the share of records whose gender field is female among those whose field is female or male. */
        static Map<String, Double> femaleShareByField(List<Record> records) {
            Map<String, long[]> counts = new TreeMap<>();
            for (Record r : records) {
                String g = r.attributes().get("gender");
                long[] c = counts.computeIfAbsent(r.label(), k -> new long[2]);
                if ("female".equals(g)) {
                    c[0]++;
                } else if ("male".equals(g)) {
                    c[1]++;
                }
            }
            Map<String, Double> out = new TreeMap<>();
            counts.forEach((l, c) -> out.put(l, (double) c[0] / (c[0] + c[1])));
            return out;
        }

        static void assertRatesEqual(Map<String, Map<String, Double>> expected, Map<String, Map<String, Double>> actual) {
            assertEquals(expected.keySet(), actual.keySet(), "labels");
            for (String l : expected.keySet()) {
                assertEquals(expected.get(l).keySet(), actual.get(l).keySet(), "groups of " + l);
                for (String g : expected.get(l).keySet()) {
                    Double e = expected.get(l).get(g);
                    Double a = actual.get(l).get(g);
                    if (e == null || a == null) {
                        assertEquals(e, a, l + "/" + g);
                    } else {
                        assertEquals(e, a, 1e-12, l + "/" + g + ": expected " + expected + " but was " + actual);
                    }
                }
            }
        }
    }

    private static Record rec(String id, String text, String label, String gender) {
        return Support.rec(id, text, label, gender);
    }

    private AugmentSummary run(Augmenter.Builder b, Path in, ReadOptions read, Path out) throws IOException {
        return Support.run(b, dir, in, read, out);
    }

    private static Augmenter.Builder mode(AugmentMode m) {
        return Augmenter.builder().setMode(m).optThreads(2);
    }

    /** Seven records of my own: one without any axis term, one with names of both genders, a gendered label. */
    private static List<Record> people() {
        return List.of(
                rec("r1", "She is a nurse at the clinic and her patients adore her.", "nurse", "female"),
                rec("r2", "The clinic opened a new wing last spring.", "nurse", "female"),
                rec("r3", "He thanked his sister for the advice.", "surgeon", "male"),
                rec("r4", "The actress gave her best performance yet.", "actress", "female"),
                rec("r5", "Mary told John that the meeting was moved.", "nurse", "female"),
                rec("r6", "The charts were reviewed twice before noon.", "surgeon", "male"),
                rec("r7", "The girl said that she would come back.", "female", "female"));
    }

    // ------------------------------------------------------------------ two-sided

    @Test
    void twoSidedKeepsEveryRecordInOrderEachFollowedByItsCounterfactual() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("cda.jsonl");
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(List.of("r1", "r1-cf", "r2", "r3", "r3-cf", "r4", "r4-cf", "r5", "r5-cf", "r6", "r7", "r7-cf"),
                Support.ids(written));
        Map<String, Record> byId = written.stream().collect(Collectors.toMap(Record::id, r -> r));
        Map<String, Record> source = people().stream().collect(Collectors.toMap(Record::id, r -> r));
        for (Record r : written) {
            String sourceId = r.attributes().get(Transforms.SOURCE_ID);
            Record src = source.get(sourceId);
            assertNotNull(src, "source_id of " + r.id());
            List<Substitution> subs = Substitution.parse(r.attributes().get(Transforms.SUBSTITUTIONS));
            if (r.id().endsWith("-cf")) {
                assertEquals(sourceId + "-cf", r.id());
                assertEquals(Transforms.COUNTERFACTUAL, Support.transform(r));
                assertFalse(subs.isEmpty(), r.id());
                assertEquals(r.text(), Support.apply(src.text(), subs), "the substitutions make the copy of " + sourceId);
                assertEquals(sourceId, r.provenance().parentId());
                assertEquals(Transforms.COUNTERFACTUAL, r.provenance().transform());
            } else {
                assertEquals(r.id(), sourceId);
                assertEquals(Transforms.ORIGINAL, Support.transform(r));
                assertEquals("", r.attributes().get(Transforms.SUBSTITUTIONS));
                assertEquals(src.text(), r.text());
                assertEquals(src.label(), r.label());
                assertEquals(src.attributes().get("gender"), r.attributes().get("gender"));
                assertTrue(r.provenance().isOriginal(), r.id());
            }
        }
        assertEquals("He is a nurse at the clinic and his patients adore him.", byId.get("r1-cf").text());
        assertEquals("She thanked her brother for the advice.", byId.get("r3-cf").text());
        assertEquals("The actor gave his best performance yet.", byId.get("r4-cf").text());
        assertEquals("The boy said that he would come back.", byId.get("r7-cf").text());
        // the ground-truth field follows the swap
        assertEquals("male", byId.get("r1-cf").attributes().get("gender"));
        assertEquals("female", byId.get("r3-cf").attributes().get("gender"));
        assertEquals("male", byId.get("r5-cf").attributes().get("gender"));
        // a label that is a swappable term follows it; nurse and surgeon never do
        assertEquals("nurse", byId.get("r1-cf").label());
        assertEquals("surgeon", byId.get("r3-cf").label());
        assertEquals("actor", byId.get("r4-cf").label());
        assertEquals("male", byId.get("r7-cf").label());
        assertEquals(7, s.recordsIn());
        assertEquals(7, s.originalsOut());
        assertEquals(5, s.copies());
        assertEquals(5, s.changed());
        assertEquals(0, s.dropped());
        assertEquals(Map.of(Transforms.ORIGINAL, 7L, Transforms.COUNTERFACTUAL, 5L), s.outByTransform());
        assertEquals("field:gender", s.config().get("groups_from"));
        assertEquals("auto", s.config().get("swap_labels"));
    }

    @Test
    void twoSidedWithoutLabelSwappingKeepsEveryLabel() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("cda.jsonl");
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED).optSwapLabels(false), in, Support.READ, out);
        Support.checkAccounting(s, out);
        Map<String, Record> byId = Support.readOut(out).stream().collect(Collectors.toMap(Record::id, r -> r));
        assertEquals("actress", byId.get("r4-cf").label());
        assertEquals("The actor gave his best performance yet.", byId.get("r4-cf").text(), "the text is still swapped");
        assertEquals("female", byId.get("r7-cf").label());
        assertEquals("nurse", byId.get("r1-cf").label());
        assertEquals("male", byId.get("r1-cf").attributes().get("gender"), "group fields follow the swap regardless");
        assertEquals("never", s.config().get("swap_labels"));
    }

    @Test
    void twoSidedFlipsGroupFieldValuesInTheirOwnStyle() throws IOException {
        // no label field: nothing is planned, so value styles may be mixed in one column
        Path in = Support.write(dir.resolve("styles.jsonl"), List.of(
                rec("a", "She sings.", "x", "F"),
                rec("b", "He reads.", "x", "M"),
                rec("c", "She runs.", "x", "f"),
                rec("d", "He swims.", "x", "m"),
                rec("e", "Her dog barks.", "x", "Female"),
                rec("f", "His cat sleeps.", "x", "MALE"),
                rec("g", "Nobody came.", "x", "female")));
        Path out = dir.resolve("out.jsonl");
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED), in,
                Support.READ_NO_LABEL.withFields(FieldMapping.DEFAULT.withIdField("id").withGroupFields(List.of("gender"))),
                out);
        Support.checkAccounting(s, out);
        Map<String, String> gender = new LinkedHashMap<>();
        List<Record> written = Support.read(out, Support.READ_NO_LABEL);
        written.forEach(r -> gender.put(r.id(), r.attributes().get("gender")));
        assertEquals(List.of("a", "a-cf", "b", "b-cf", "c", "c-cf", "d", "d-cf", "e", "e-cf", "f", "f-cf", "g"),
                Support.ids(written));
        assertEquals("M", gender.get("a-cf"));
        assertEquals("F", gender.get("b-cf"));
        assertEquals("m", gender.get("c-cf"));
        assertEquals("f", gender.get("d-cf"));
        assertEquals("Male", gender.get("e-cf"));
        assertEquals("FEMALE", gender.get("f-cf"));
        assertEquals("x", written.get(1).attributes().get("label"), "the label is an ordinary attribute here");
        assertTrue(s.ratesBefore().isEmpty() && s.ratesAfter().isEmpty(), "no label, no rates");
    }

    @Test
    void oneWayDirectionCopiesOnlyRecordsWithTermsOfThatGroup() throws IOException {
        Path in = Support.write(dir.resolve("dir.jsonl"), List.of(
                rec("a", "She sings.", "x", "female"),
                rec("b", "He reads.", "x", "male"),
                rec("c", "He thanked her.", "x", "male")));
        Path out = dir.resolve("out.jsonl");
        CounterfactualSwapper f2m = CounterfactualSwapper.builder().optDirection(Direction.FEMALE_TO_MALE).build();
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED).optSwapper(f2m), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(List.of("a", "a-cf", "b", "c", "c-cf"), Support.ids(written));
        assertEquals("He sings.", written.get(1).text());
        assertEquals("male", written.get(1).attributes().get("gender"));
        assertEquals("He thanked him.", written.get(4).text());
        assertEquals("male", written.get(4).attributes().get("gender"), "a male field is not swapped female-to-male");
        assertEquals("female-to-male", s.config().get("direction"));
    }

    // ------------------------------------------------------------------ one-sided

    /** Label a: 3 female, 1 male; label b: 1 and 1 (tied); label c: 1 female, 2 male. Texts agree with the field. */
    private static List<Record> skewed() {
        return List.of(
                rec("a1", "She leads the team.", "a", "female"),
                rec("a2", "She writes the reports.", "a", "female"),
                rec("b1", "She answers the phone.", "b", "female"),
                rec("a3", "Her desk is by the window.", "a", "female"),
                rec("c1", "She fixes the printers.", "c", "female"),
                rec("a4", "He orders the supplies.", "a", "male"),
                rec("b2", "He answers the mail.", "b", "male"),
                rec("c2", "He fixes the servers.", "c", "male"),
                rec("c3", "His code is reviewed daily.", "c", "male"));
    }

    @ParameterizedTest(name = "groups from the {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"field", "lexicon"})
    void oneSidedCopiesOnlyTheOverRepresentedGroupOfEachLabel(String groups) throws IOException {
        Path in = Support.write(dir.resolve("skewed.jsonl"), skewed());
        Path out = dir.resolve("one.jsonl");
        ReadOptions read = groups.equals("field") ? Support.READ : Support.READ_LEXICON;
        AugmentSummary s = run(mode(AugmentMode.ONE_SIDED), in, read, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(List.of("a1", "a1-cf", "a2", "a2-cf", "b1", "a3", "a3-cf", "c1", "a4", "b2", "c2", "c2-cf", "c3",
                "c3-cf"), Support.ids(written));
        for (Record r : written) {
            if (r.id().endsWith("-cf")) {
                assertEquals(Transforms.COUNTERFACTUAL, Support.transform(r));
            }
        }
        assertEquals(5, s.copies());
        assertEquals(groups.equals("field") ? "field:gender" : "lexicon", s.config().get("groups_from"));
        Map<String, Map<String, Double>> before = Map.of(
                "a", Map.of("female", 0.75, "male", 0.25),
                "b", Map.of("female", 0.5, "male", 0.5),
                "c", Map.of("female", 1.0 / 3, "male", 2.0 / 3));
        Map<String, Map<String, Double>> after = Map.of(
                "a", Map.of("female", 3.0 / 7, "male", 4.0 / 7),
                "b", Map.of("female", 0.5, "male", 0.5),
                "c", Map.of("female", 3.0 / 5, "male", 2.0 / 5));
        Support.assertRatesEqual(before, s.ratesBefore());
        Support.assertRatesEqual(after, s.ratesAfter());
        Support.assertRatesEqual(after, Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix-lex")));
        if (groups.equals("field")) {
            Support.assertRatesEqual(after, Support.audit(out, Support.READ, "gender", dir.resolve("ix-field")));
            assertTrue(written.stream().filter(r -> r.id().endsWith("-cf")).allMatch(r -> r.attributes().get("gender")
                    .equals(r.id().startsWith("a") ? "male" : "female")), "the group field follows the swap");
        } else {
            // gender was not named a group field: it is an ordinary attribute and is copied as it is
            assertTrue(written.stream().filter(r -> r.id().endsWith("-cf")).allMatch(r -> r.attributes().get("gender")
                    .equals(r.id().startsWith("a") ? "female" : "male")));
        }
    }

    @Test
    void oneSidedLeavesATiedOrGrouplessLabelAlone() throws IOException {
        Path in = Support.write(dir.resolve("tied.jsonl"), List.of(
                rec("t1", "She waters the plants.", "t", "female"),
                rec("t2", "He waters the lawn.", "t", "male"),
                rec("n1", "The plants were watered.", "n", "female"),
                rec("m1", "He and she water the garden.", "m", "female")));
        Path out = dir.resolve("one.jsonl");
        AugmentSummary s = run(mode(AugmentMode.ONE_SIDED), in, Support.READ_LEXICON, out);
        Support.checkAccounting(s, out);
        assertEquals(List.of("t1", "t2", "n1", "m1"), Support.ids(Support.readOut(out)));
        assertEquals(0, s.copies());
    }

    // ------------------------------------------------------------------ substitute

    @Test
    void substituteWithProbabilityZeroChangesNothing() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("sub.jsonl");
        AugmentSummary s = run(mode(AugmentMode.SUBSTITUTE).optProbability(0), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(Support.ids(people()), Support.ids(written));
        for (int i = 0; i < written.size(); i++) {
            assertEquals(people().get(i).text(), written.get(i).text());
            assertEquals(people().get(i).label(), written.get(i).label());
            assertEquals(people().get(i).attributes().get("gender"), written.get(i).attributes().get("gender"));
            assertEquals(Transforms.ORIGINAL, Support.transform(written.get(i)));
        }
        assertEquals(Map.of(Transforms.ORIGINAL, 7L), s.outByTransform());
        assertEquals(0, s.changed());
        Support.assertRatesEqual(s.ratesBefore(), s.ratesAfter());
    }

    @Test
    void substituteWithProbabilityOneReplacesEveryRecordHoldingATerm() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("sub.jsonl");
        AugmentSummary s = run(mode(AugmentMode.SUBSTITUTE).optProbability(1), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(Support.ids(people()), Support.ids(written), "ids kept, nothing added");
        CounterfactualSwapper swapper = CounterfactualSwapper.builder().build();
        for (int i = 0; i < written.size(); i++) {
            Record src = people().get(i);
            Record r = written.get(i);
            boolean hasTerm = !src.id().equals("r2") && !src.id().equals("r6");
            assertEquals(hasTerm ? Transforms.SUBSTITUTED : Transforms.ORIGINAL, Support.transform(r), r.id());
            assertEquals(swapper.swap(src.text()).text(), r.text());
            assertEquals(r.text(), Support.apply(src.text(), Substitution.parse(r.attributes().get(Transforms.SUBSTITUTIONS))));
            if (hasTerm) {
                assertNotEquals(src.text(), r.text());
                assertEquals(src.attributes().get("gender").equals("female") ? "male" : "female", r.attributes().get("gender"));
                assertEquals(src.id(), r.provenance().parentId());
                assertEquals(Transforms.SUBSTITUTED, r.provenance().transform());
            } else {
                assertEquals(src.attributes().get("gender"), r.attributes().get("gender"));
            }
        }
        assertEquals("actor", written.get(3).label());
        assertEquals(Map.of(Transforms.ORIGINAL, 2L, Transforms.SUBSTITUTED, 5L), s.outByTransform());
        assertEquals(5, s.changed());
        assertEquals(0, s.copies());
        assertEquals("1.0", s.config().get("p"));
    }

    // ------------------------------------------------------------------ mask

    @Test
    void maskReplacesEveryAxisTermAndLeavesOtherRecordsAlone() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("mask.jsonl");
        AugmentSummary s = run(mode(AugmentMode.MASK), in, Support.READ, out);
        Support.checkAccounting(s, out);
        List<Record> written = Support.readOut(out);
        assertEquals(Support.ids(people()), Support.ids(written));
        Map<String, Record> byId = written.stream().collect(Collectors.toMap(Record::id, r -> r));
        assertEquals("[MASK] is a nurse at the clinic and [MASK] patients adore [MASK].", byId.get("r1").text());
        assertEquals("[MASK] thanked [MASK] [MASK] for the advice.", byId.get("r3").text());
        assertEquals("The [MASK] gave [MASK] best performance yet.", byId.get("r4").text());
        assertEquals("[MASK] told [MASK] that the meeting was moved.", byId.get("r5").text());
        for (String id : List.of("r2", "r6")) {
            assertEquals(Transforms.ORIGINAL, Support.transform(byId.get(id)));
            assertEquals(people().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().text(),
                    byId.get(id).text());
            assertEquals("", byId.get(id).attributes().get(Transforms.SUBSTITUTIONS));
        }
        for (Record r : written) {
            Record src = people().stream().filter(p -> p.id().equals(r.id())).findFirst().orElseThrow();
            assertEquals(r.text(), Support.apply(src.text(), Substitution.parse(r.attributes().get(Transforms.SUBSTITUTIONS))));
            assertEquals(src.label(), r.label(), "masking never changes a label");
            assertEquals(src.attributes().get("gender"), r.attributes().get("gender"), "nor a group field");
        }
        assertEquals(Map.of(Transforms.ORIGINAL, 2L, Transforms.MASKED, 5L), s.outByTransform());
        // independently: the audit finds no gender term (pronoun, noun or name) left in the output
        Map<String, Map<String, Double>> rates = Support.audit(out, Support.READ_LEXICON, null, dir.resolve("ix"));
        rates.values().forEach(row -> row.values().forEach(v -> assertEquals(null, v, "no group left: " + rates)));
    }

    @Test
    void maskWritesTheSwappersPlaceholder() throws IOException {
        Path in = Support.write(dir.resolve("one.jsonl"), List.of(rec("a", "She met her brother.", "x", "female")));
        Path out = dir.resolve("mask.jsonl");
        CounterfactualSwapper swapper = CounterfactualSwapper.builder().optPlaceholder("<person>").build();
        AugmentSummary s = run(mode(AugmentMode.MASK).optSwapper(swapper), in, Support.READ, out);
        Support.checkAccounting(s, out);
        Record r = Support.readOut(out).get(0);
        assertEquals("<person> met <person> <person>.", r.text());
        assertEquals(Transforms.MASKED, Support.transform(r));
        assertEquals(3, s.substitutions());
    }

    // ------------------------------------------------------------------ every mode

    @ParameterizedTest
    @EnumSource(AugmentMode.class)
    void everyModeAccountsForEveryRecordSkipsInvalidOnesAndNeverTouchesItsInput(AugmentMode m) throws IOException {
        Path in = dir.resolve("mixed.jsonl");
        Support.write(in, skewed());
        // two invalid lines among the valid ones: malformed JSON, and a record without its label
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.add(3, "{\"id\": \"bad1\", \"text\": \"She is");
        lines.add(6, "{\"id\": \"bad2\", \"text\": \"He has no label.\", \"gender\": \"male\"}");
        Files.write(in, lines);
        byte[] before = Files.readAllBytes(in);
        String sha = Hashing.sha256(in);
        Path out = dir.resolve("out.jsonl");
        Augmenter.Builder b = mode(m);
        if (m == AugmentMode.REBALANCE) {
            b.optTargetRate(0.5);
        }
        AugmentSummary s = run(b, in, Support.READ.withSkipInvalid(true), out);
        Support.checkAccounting(s, out);
        assertEquals(9, s.recordsIn(), "valid records only");
        assertEquals(2, s.skipped());
        assertEquals(2, s.skippedRecords().size());
        assertArrayEquals(before, Files.readAllBytes(in), "the input is never modified");
        assertEquals(sha, s.inputSha256());
        assertEquals("mixed.jsonl", s.input());
        assertEquals("out.jsonl", s.output());
        assertEquals(m.id(), s.mode());
        List<Record> written = Support.readOut(out);
        assertTrue(written.stream().noneMatch(r -> r.id().startsWith("bad")), "skipped records are not written");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("mixed.jsonl", "out.jsonl", "out.jsonl.augment.json", "out.jsonl.provenance.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary index left behind");
        }
    }

    @Test
    void theInvariantHoldsWhenRebalanceDrops() throws IOException {
        Path in = Support.write(dir.resolve("skewed.jsonl"), skewed());
        Path out = dir.resolve("out.jsonl");
        AugmentSummary s = run(mode(AugmentMode.REBALANCE).optAllowDrop(true), in, Support.READ, out);
        Support.checkAccounting(s, out);
        // a: 3 female, 1 male -> drop 2 female; c: 1 female, 2 male -> drop 1 male; b tied
        assertEquals(3, s.dropped());
        assertEquals(6, s.originalsOut());
        assertEquals(6, s.recordsOut());
        assertEquals(0, s.copies());
        Support.assertRatesEqual(Map.of("a", Map.of("female", 0.5, "male", 0.5), "b", Map.of("female", 0.5, "male", 0.5),
                "c", Map.of("female", 0.5, "male", 0.5)), s.ratesAfter());
    }

    // ------------------------------------------------------------------ determinism

    @ParameterizedTest
    @EnumSource(value = AugmentMode.class, names = {"SUBSTITUTE", "REBALANCE", "TWO_SIDED"})
    void theSameSeedGivesTheSameBytesWhateverTheThreads(AugmentMode m) throws IOException {
        Path in = Support.writeBios(dir.resolve("bios.jsonl"), 600, 0.8, 5);
        List<byte[]> outputs = new ArrayList<>();
        List<byte[]> summaries = new ArrayList<>();
        List<byte[]> provenances = new ArrayList<>();
        for (int threads : new int[] {1, 4, 4}) {
            Path sub = Files.createDirectories(dir.resolve("t" + outputs.size()));
            Path out = sub.resolve("out.jsonl");
            Support.run(Augmenter.builder().setMode(m).optSeed(42).optProbability(0.5).optThreads(threads), sub, in,
                    Support.READ_LEXICON, out);
            outputs.add(Files.readAllBytes(out));
            summaries.add(Files.readAllBytes(Augmenter.summaryPath(out)));
            provenances.add(Files.readAllBytes(ArtifactProvenance.sidecarOf(out)));
        }
        for (int i = 1; i < outputs.size(); i++) {
            assertArrayEquals(outputs.get(0), outputs.get(i), "output of run " + i);
            assertArrayEquals(summaries.get(0), summaries.get(i), "summary of run " + i);
            assertArrayEquals(provenances.get(0), provenances.get(i), "provenance of run " + i);
        }
        assertTrue(new String(outputs.get(0), StandardCharsets.UTF_8).contains("\"transform\":\""
                + (m == AugmentMode.SUBSTITUTE ? Transforms.SUBSTITUTED : Transforms.COUNTERFACTUAL) + "\""));
    }

    // ------------------------------------------------------------------ errors

    @ParameterizedTest
    @EnumSource(value = AugmentMode.class, names = {"ONE_SIDED", "REBALANCE", "REWEIGH"})
    void planningModesNeedALabelField(AugmentMode m) throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("out.jsonl");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(mode(m), in, Support.READ_NO_LABEL, out));
        assertTrue(e.getMessage().contains(Setting.LABEL_FIELD.mention()), e.getMessage());
        assertFalse(e.getMessage().contains("--"), "library messages name no flag: " + e.getMessage());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest
    @EnumSource(value = AugmentMode.class, names = {"TWO_SIDED", "SUBSTITUTE", "MASK"})
    void modesThatPlanNothingRunWithoutALabelField(AugmentMode m) throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        Path out = dir.resolve("out.jsonl");
        AugmentSummary s = run(mode(m).optProbability(1), in, Support.READ_NO_LABEL, out);
        Support.checkAccounting(s, out);
        assertEquals(7, s.recordsIn());
        assertTrue(s.ratesBefore().isEmpty());
    }

    @Test
    void theOutputMayNotBeTheInput() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        byte[] before = Files.readAllBytes(in);
        for (Path out : List.of(in, dir.resolve(".").resolve("people.jsonl"), dir.resolve("x").resolve("..").resolve("people.jsonl"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> run(mode(AugmentMode.TWO_SIDED), in, Support.READ, out), out.toString());
            assertTrue(e.getMessage().contains("overwrite the input"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void aMissingInputIsInvalidInput() {
        Path in = dir.resolve("nope.jsonl");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(mode(AugmentMode.TWO_SIDED), in, Support.READ, dir.resolve("out.jsonl")));
        assertTrue(e.getMessage().contains("nope.jsonl"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out.jsonl")));
    }

    @Test
    void anAxisTheLexiconLacksIsInvalidInput() throws IOException {
        Path in = Support.write(dir.resolve("people.jsonl"), people());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(mode(AugmentMode.TWO_SIDED).optAxisLexicon("builtin:race"), in, Support.READ,
                        dir.resolve("out.jsonl")));
        assertTrue(e.getMessage().contains("no axis 'gender'"), e.getMessage());
    }

    @Test
    void theBuilderRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> Augmenter.builder().build(), "no mode");
        for (double p : new double[] {-0.1, 1.1, Double.NaN}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Augmenter.builder().setMode(AugmentMode.SUBSTITUTE).optProbability(p).build(), "p " + p);
        }
        for (double r : new double[] {0, 1, 1.5, -0.2, Double.NaN}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Augmenter.builder().setMode(AugmentMode.REBALANCE).optTargetRate(r).build(), "rate " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> Augmenter.builder().setMode(AugmentMode.MASK).optThreads(0).build());
        for (AugmentMode m : EnumSet.complementOf(EnumSet.of(AugmentMode.REBALANCE))) {
            assertThrows(IllegalArgumentException.class, () -> Augmenter.builder().setMode(m).optAllowDrop(true).build(),
                    "drop in " + m);
        }
        assertNotNull(Augmenter.builder().setMode(AugmentMode.REBALANCE).optAllowDrop(true).optTargetRate(0.01).build());
        assertNotNull(Augmenter.builder().setMode(AugmentMode.SUBSTITUTE).optProbability(0).build());
        assertNotNull(Augmenter.builder().setMode(AugmentMode.SUBSTITUTE).optProbability(1).build());
    }

    @Test
    void modesParseFromTheirCommandLineNames() {
        assertEquals(List.of("two-sided", "one-sided", "substitute", "rebalance", "reweigh", "mask"),
                Stream.of(AugmentMode.values()).map(AugmentMode::id).toList());
        for (AugmentMode m : AugmentMode.values()) {
            assertEquals(m, AugmentMode.parse(m.id()));
            assertEquals(m, AugmentMode.parse(" " + m.id().toUpperCase() + " "));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AugmentMode.parse("bogus"));
        assertTrue(e.getMessage().contains("two-sided") && e.getMessage().contains("mask"), e.getMessage());
    }

    @Test
    void theSummaryPathIsBesideTheOutput() {
        assertEquals(dir.resolve("a.jsonl.augment.json"), Augmenter.summaryPath(dir.resolve("a.jsonl")));
    }

    // ------------------------------------------------------------------ bugs found

    /**
     * Bug: the audit that planning modes check themselves against counts only the first value of a
     * group field that stands for each group. {@link GroupValues} maps {@code female} and
     * {@code Female} to the same group, and the record-by-record detector counts both, but
     * {@code AuditRates.groupFeatures} builds one {@code FieldValue} from {@code vs.get(0)} only, so
     * the audit sees 2 of the 3 female records here; {@code Census.requireAgreesWith} then throws
     * {@code IllegalStateException: ... disagrees with the audit for label a: 0.75 vs 0.666...}.
     * Expected: one-sided copies the 3 female records (rates before female 0.75).
     */
    @Test
    void planningCountsEveryStyleOfAGroupValue() throws IOException {
        Path in = Support.write(dir.resolve("styles.jsonl"), List.of(
                rec("1", "She sings.", "a", "female"),
                rec("2", "She reads.", "a", "Female"),
                rec("3", "She runs.", "a", "Female"),
                rec("4", "He swims.", "a", "male")));
        Path out = dir.resolve("out.jsonl");
        AugmentSummary s = run(mode(AugmentMode.ONE_SIDED), in, Support.READ, out);
        assertEquals(0.75, s.ratesBefore().get("a").get("female"), 1e-12);
        assertEquals(List.of("1", "1-cf", "2", "2-cf", "3", "3-cf", "4"), Support.ids(Support.readOut(out)));
    }

    /**
     * Bug (seen with the working tree's {@code builtin:names}, 219 unambiguous male names and 208
     * female ones): names pair by rank, so the 11 male names past the last female one have no
     * counterpart, yet the demo generator draws bios' names from the same list. A bio whose only
     * gender marker is such a name gets no counterfactual: 300 bios (co-occurrence 0.9, seed 3) give
     * 299 copies, {@code bio-000212} ("Darius Stewart became a surgeon ... Darius enjoys ...") none.
     * Expected: every demo bio has a counterfactual (300 copies), as at the last commit.
     */
    @Test
    void twoSidedCopiesEveryDemoBio() throws IOException {
        Path in = Support.writeBios(dir.resolve("bios.jsonl"), 300, 0.9, 3);
        Path out = dir.resolve("cda.jsonl");
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED), in, Support.READ, out);
        List<String> ids = Support.ids(Support.readOut(out));
        List<String> uncopied = ids.stream().filter(id -> !id.endsWith("-cf") && !ids.contains(id + "-cf")).toList();
        assertEquals(List.of(), uncopied, "bios without a counterfactual");
        assertEquals(300, s.copies());
    }

    /**
     * Bug, the same cause in a mode that does not plan: with F, M and FEMALE in one column, the rates
     * count only F for the female group. Two-sided on (F, M, FEMALE) reports rates before female 0.5
     * where the field says 2 of 3 (0.667).
     */
    @Test
    void ratesCountEveryStyleOfAGroupValue() throws IOException {
        Path in = Support.write(dir.resolve("styles.jsonl"), List.of(
                rec("1", "She sings.", "a", "F"),
                rec("2", "He reads.", "a", "M"),
                rec("3", "The choir sang.", "a", "FEMALE")));
        Path out = dir.resolve("out.jsonl");
        AugmentSummary s = run(mode(AugmentMode.TWO_SIDED), in, Support.READ, out);
        assertEquals(2.0 / 3, s.ratesBefore().get("a").get("female"), 1e-12, "" + s.ratesBefore());
    }
}
