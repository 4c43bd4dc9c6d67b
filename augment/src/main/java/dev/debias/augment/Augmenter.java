package dev.debias.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.audit.Axis;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.ScanCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Substitution;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.FileTrees;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import dev.debias.core.AtomicFile;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.SkippedRecord;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fixes a corpus' demographic co-occurrence by counterfactual substitution ({@link AugmentMode}),
 * streaming it in parallel and writing the output in input order: each record in its place, its
 * counterfactual copies right after it. Every record is accounted for in an {@link AugmentSummary}
 * written beside the output; output records carry {@code source_id}, {@code transform} and
 * {@code substitutions}. Ground-truth group fields follow the swap ({@code female} to {@code male});
 * a label follows it only when it is itself a swappable term ({@code actress}, {@code female}).
 * Planning modes (one-sided, rebalance, reweigh) read the corpus twice and take their counts from
 * the audit module; a record's group is the one group the axis lexicon detects in it, or, when the
 * read options name a group field whose values are the axis' groups, that field.
 */
public final class Augmenter {
    private static final int BATCH = 128;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final AugmentMode mode;
    private final CounterfactualSwapper swapper;
    private final String axisSpec;
    private final double probability;
    private final double targetRate;
    private final String targetGroup;
    private final boolean allowDrop;
    private final long seed;
    private final int threads;
    private final String weightField;
    private final boolean swapLabels;
    private final Path workDir;
    private final ProgressListener progress;

    private Augmenter(Builder b) {
        this.mode = b.mode;
        this.swapper = b.swapper != null ? b.swapper : CounterfactualSwapper.builder().build();
        this.axisSpec = b.axisSpec;
        this.probability = b.probability;
        this.targetRate = b.targetRate;
        this.targetGroup = b.targetGroup;
        this.allowDrop = b.allowDrop;
        this.seed = b.seed;
        this.threads = b.threads;
        this.weightField = b.weightField;
        this.swapLabels = b.swapLabels;
        this.workDir = b.workDir;
        this.progress = b.progress;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The planned treatment of each input record, by ordinal. */
    private static final class Plan {
        int[] copies = new int[0];
        boolean[] drop = new boolean[0];
        double[] weight = new double[0];
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, Map<String, Double>> before = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        long[][] counts = new long[0][0];
        List<String> labelNames = List.of();
        final java.util.Set<String> groupFields;

        Plan(java.util.Collection<String> groupFields) {
            this.groupFields = java.util.Set.copyOf(groupFields);
        }
    }

    /** What one input record became. */
    private record Outcome(List<Record> records, boolean primary, int copies, int changed, List<Substitution> subs) {}

    /**
     * Reads {@code input}, writes the augmented corpus to {@code output} (atomically) and its summary
     * beside it; returns the summary.
     */
    public AugmentSummary run(Path input, ReadOptions read, Path output, WriteOptions write) throws IOException {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input + ": no such file or directory");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new InvalidInputException(output + ": the output would overwrite the input; choose another file");
        }
        FieldMapping fields = read.fields();
        boolean planning = mode == AugmentMode.ONE_SIDED || mode == AugmentMode.REBALANCE || mode == AugmentMode.REWEIGH;
        if (planning && fields.labelField() == null) {
            throw new InvalidInputException("mode " + mode + " balances groups within labels: name the label field "
                    + "(--label-field)");
        }
        Axis axis = axis();
        // hashed once: for the summary and for the audit index of the input
        String inputSha256 = Hashing.sha256(input);
        Path temp = Files.createTempDirectory(workDir, "debias-augment");
        try {
            String groupField = groupField(input, read, axis);
            Plan plan = planning || fields.labelField() != null ? plan(input, inputSha256, read, axis, groupField, temp, planning)
                    : new Plan(fields.groupFields());
            Tally tally = new Tally();
            try (RecordReader reader = CorpusReaders.open(input, read);
                    RecordWriter writer = CorpusWriters.open(output, write)) {
                stream(reader, plan, axis, tally, writer);
                writer.commit();
                tally.skipped = reader.report().skipped();
                for (SkippedRecord s : reader.report().skippedRecords().subList(0,
                        Math.min(20, reader.report().skippedRecords().size()))) {
                    tally.skippedRecords.add(s.toString());
                }
            }
            Map<String, Map<String, Double>> after = new LinkedHashMap<>();
            if (fields.labelField() != null) {
                after = mode == AugmentMode.REWEIGH ? weightedRates(plan, axis) : rates(output, outputRead(read, write),
                        axis, groupField, temp.resolve("after"), null);
            }
            AugmentSummary summary = summary(input, inputSha256, output, tally, plan, after, groupField);
            Path sidecar = summaryPath(output);
            AtomicFile.write(sidecar, JSON.writeValueAsString(summary).concat("\n").getBytes(StandardCharsets.UTF_8));
            ArtifactProvenance.of("augment " + mode, summary.config(), Map.of(input.getFileName().toString(),
                    summary.inputSha256()), output, summary.recordsOut()).writeBeside(output);
            return summary;
        } finally {
            FileTrees.delete(temp);
        }
    }

    /** Where the summary of {@code output} goes: {@code OUTPUT.augment.json}. */
    public static Path summaryPath(Path output) {
        return output.resolveSibling(output.getFileName() + ".augment.json");
    }

    private Axis axis() {
        List<Axis> axes = Axis.parse(axisSpec, false).stream().filter(a -> a.name().equals(swapper.axis())).toList();
        if (axes.isEmpty()) {
            throw new InvalidInputException("the axis lexicon " + axisSpec + " has no axis '" + swapper.axis() + "'");
        }
        return axes.get(0);
    }

    /** The read options' first group field, when its values map onto the axis' groups; else null (lexicon). */
    private String groupField(Path input, ReadOptions read, Axis axis) {
        for (String f : read.fields().groupFields()) {
            try (RecordReader r = CorpusReaders.open(input, read)) {
                long mapped = 0;
                long seen = 0;
                while (r.hasNext() && seen < 1000) {
                    String v = r.next().attributes().getOrDefault(f, "");
                    seen++;
                    if (GroupValues.groupOf(v, axis.groups()) != null) {
                        mapped++;
                    }
                }
                if (mapped * 2 > seen) {
                    return f;
                }
            }
        }
        return null;
    }

    private List<Feature> groupFeatures(Axis axis, String groupField, List<String> values) {
        if (groupField == null) {
            return axis.features();
        }
        List<Feature> out = new ArrayList<>();
        for (String g : axis.groups()) {
            // the column's values that stand for this group (female, Female, F, ...)
            List<Feature> vs = values.stream().filter(v -> g.equals(GroupValues.groupOf(v, axis.groups())))
                    .<Feature>map(v -> Feature.FieldValue.attribute(groupField, v)).toList();
            out.add(new Feature.AnyOf(g, vs));
        }
        return out;
    }

    /** Per label, the share of each group among the label's records that hold exactly one group, from the audit module. */
    private Map<String, Map<String, Double>> rates(Path corpus, ReadOptions read, Axis axis, String groupField, Path dir,
            String sha256) throws IOException {
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir).optReadOptions(read).optThreads(threads)
                .optInputSha256(sha256).build().run();
        try (CorpusIndex index = CorpusIndex.open(dir)) {
            IndexCounter counter = new IndexCounter(index, Scope.DOCUMENT);
            List<String> labels = counter.values(null);
            List<String> values = groupField == null ? List.of() : counter.values(groupField);
            CountTable t = counter.table(axis.groups(), groupFeatures(axis, groupField, values), labels,
                    labels.stream().<Feature>map(Feature.FieldValue::label).toList());
            Map<String, Map<String, Double>> out = new TreeMap<>();
            for (int l = 0; l < labels.size(); l++) {
                long total = 0;
                for (int g = 0; g < axis.groups().size(); g++) {
                    total += t.exclusiveBoth(g, l);
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int g = 0; g < axis.groups().size(); g++) {
                    row.put(axis.groups().get(g), total == 0 ? null : (double) t.exclusiveBoth(g, l) / total);
                }
                out.put(labels.get(l), row);
            }
            return out;
        }
    }

    private ReadOptions outputRead(ReadOptions read, WriteOptions write) {
        FieldMapping w = write.fields();
        return read.withFormat(write.format()).withSkipInvalid(false).withFields(new FieldMapping(w.textField(),
                w.labelField(), read.fields().groupFields(), w.idField()));
    }

    // ---------------------------------------------------------------- planning

    private Plan plan(Path input, String inputSha256, ReadOptions read, Axis axis, String groupField, Path temp,
            boolean planning)
            throws IOException {
        Plan plan = new Plan(read.fields().groupFields());
        plan.before = rates(input, read, axis, groupField, temp.resolve("before"), inputSha256);
        if (!planning) {
            return plan;
        }
        // each record's label and group (and, to rebalance, its counterfactual's group)
        int k = axis.groups().size();
        Detector detector = new Detector(axis, groupField);
        List<String> labelNames = new ArrayList<>(plan.before.keySet());
        IntList labels = new IntList();
        IntList groups = new IntList();
        IntList copyGroups = new IntList();
        try (RecordReader reader = CorpusReaders.open(input, read)) {
            progress.start("planning " + mode, reader.bytesTotal(), "bytes");
            long last = 0;
            while (reader.hasNext()) {
                Record r = reader.next();
                labels.add(labelNames.indexOf(r.label()));
                int g = detector.group(r);
                groups.add(g);
                if (mode == AugmentMode.REBALANCE && g >= 0) {
                    // only a copy whose text changes is ever written, so only such records are candidates
                    Counterfactual cf = swapper.swap(r.text());
                    copyGroups.add(cf.changed()
                            ? detector.group(copyOf(r, cf, axis, "x", Transforms.COUNTERFACTUAL, plan.groupFields)) : -1);
                } else {
                    copyGroups.add(-1);
                }
                if ((labels.size & 255) == 0) {
                    progress.advance(reader.bytesRead() - last);
                    last = reader.bytesRead();
                }
            }
            progress.finish();
        }
        int n = labels.size;
        long[][] counts = new long[k][labelNames.size()];
        for (int i = 0; i < n; i++) {
            if (groups.data[i] >= 0 && labels.data[i] >= 0) {
                counts[groups.data[i]][labels.data[i]]++;
            }
        }
        checkAgainstAudit(plan, counts, axis, labelNames);
        plan.copies = new int[n];
        plan.drop = new boolean[n];
        switch (mode) {
            case ONE_SIDED -> {
                for (int l = 0; l < labelNames.size(); l++) {
                    int over = overRepresented(counts, l);
                    for (int i = 0; i < n; i++) {
                        if (over >= 0 && labels.data[i] == l && groups.data[i] == over) {
                            plan.copies[i] = 1;
                        }
                    }
                }
            }
            case REBALANCE -> rebalance(plan, axis, labelNames, labels, groups, copyGroups, counts);
            case REWEIGH -> reweigh(plan, axis, labelNames, labels, groups, counts);
            default -> throw new IllegalStateException(mode.id());
        }
        return plan;
    }

    private void checkAgainstAudit(Plan plan, long[][] counts, Axis axis, List<String> labelNames) {
        for (int l = 0; l < labelNames.size(); l++) {
            long total = 0;
            for (long[] c : counts) {
                total += c[l];
            }
            for (int g = 0; g < axis.groups().size(); g++) {
                Double audited = plan.before.get(labelNames.get(l)).get(axis.groups().get(g));
                double mine = total == 0 ? Double.NaN : (double) counts[g][l] / total;
                if (audited != null && Math.abs(audited - mine) > 1e-12) {
                    throw new IllegalStateException("the record-by-record group detection disagrees with the audit for "
                            + "label " + labelNames.get(l) + ": " + mine + " vs " + audited);
                }
            }
        }
    }

    private static int overRepresented(long[][] counts, int l) {
        int best = -1;
        long bestCount = -1;
        boolean tie = false;
        for (int g = 0; g < counts.length; g++) {
            if (counts[g][l] > bestCount) {
                best = g;
                bestCount = counts[g][l];
                tie = false;
            } else if (counts[g][l] == bestCount) {
                tie = true;
            }
        }
        return tie || bestCount <= 0 ? -1 : best;
    }

    private void rebalance(Plan plan, Axis axis, List<String> labelNames, IntList labels, IntList groups,
            IntList copyGroups, long[][] counts) {
        if (axis.groups().size() != 2) {
            throw new InvalidInputException("rebalance needs an axis with two groups; " + axis.name() + " has "
                    + axis.groups());
        }
        int a = axis.groups().indexOf(targetGroup != null ? targetGroup : axis.groups().get(0));
        if (a < 0) {
            throw new InvalidInputException("unknown group '" + targetGroup + "'; the axis has " + axis.groups());
        }
        int b = 1 - a;
        int n = labels.size;
        for (int l = 0; l < labelNames.size(); l++) {
            long na = counts[a][l];
            long nb = counts[b][l];
            if (na + nb == 0) {
                plan.warnings.add("label " + labelNames.get(l) + ": no record with exactly one group; left as it is");
                continue;
            }
            double share = (double) na / (na + nb);
            if (Math.abs(share - targetRate) < 1e-12) {
                continue;
            }
            boolean needMoreA = share < targetRate;
            int from = needMoreA ? b : a;
            int to = needMoreA ? a : b;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (labels.data[i] == l && groups.data[i] == from && (allowDrop || copyGroups.data[i] == to)) {
                    candidates.add(i);
                }
            }
            SeededShuffle.shuffle(candidates, new SplittableRandom(seed * 31 + l));
            if (allowDrop) {
                // drop records of the over-represented side: na / (na + nb - y) = R, or (na - y) / (na + nb - y) = R
                double exact = needMoreA ? na + nb - na / targetRate : (na - targetRate * (na + nb)) / (1 - targetRate);
                long y = best(exact, y2 -> needMoreA ? (double) na / (na + nb - y2) : (double) (na - y2) / (na + nb - y2),
                        candidates.size());
                for (int j = 0; j < y; j++) {
                    plan.drop[candidates.get(j)] = true;
                }
            } else {
                // add copies converting the over-represented side: (na + x) / (na + nb + x) = R, or na / (na + nb + x) = R
                double exact = needMoreA ? (targetRate * (na + nb) - na) / (1 - targetRate) : na / targetRate - (na + nb);
                long x = best(exact, x2 -> needMoreA ? (double) (na + x2) / (na + nb + x2) : (double) na / (na + nb + x2),
                        Long.MAX_VALUE);
                if (candidates.isEmpty()) {
                    plan.warnings.add("label " + labelNames.get(l) + ": no " + axis.groups().get(from) + " record whose "
                            + "counterfactual is " + axis.groups().get(to) + "; cannot rebalance it");
                    continue;
                }
                for (long j = 0; j < x; j++) {
                    plan.copies[candidates.get((int) (j % candidates.size()))]++;
                }
                if (x > candidates.size()) {
                    plan.warnings.add(String.format(Locale.ROOT, "label %s: %d copies needed from %d candidate records; "
                            + "some records are copied more than once", labelNames.get(l), x, candidates.size()));
                }
            }
        }
    }

    /** The integer near {@code exact} (floor or ceiling, within {@code [0, max]}) whose resulting share is nearest the target. */
    private long best(double exact, java.util.function.LongToDoubleFunction share, long max) {
        long lo = Math.max(0, Math.min(max, (long) Math.floor(exact)));
        long hi = Math.max(0, Math.min(max, (long) Math.ceil(exact)));
        return Math.abs(share.applyAsDouble(lo) - targetRate) <= Math.abs(share.applyAsDouble(hi) - targetRate) ? lo : hi;
    }

    private void reweigh(Plan plan, Axis axis, List<String> labelNames, IntList labels, IntList groups, long[][] counts) {
        int k = axis.groups().size();
        int m = labelNames.size();
        long total = 0;
        long[] byGroup = new long[k];
        long[] byLabel = new long[m];
        for (int g = 0; g < k; g++) {
            for (int l = 0; l < m; l++) {
                byGroup[g] += counts[g][l];
                byLabel[l] += counts[g][l];
                total += counts[g][l];
            }
        }
        double[][] w = new double[k][m];
        for (int g = 0; g < k; g++) {
            for (int l = 0; l < m; l++) {
                w[g][l] = counts[g][l] == 0 ? 1.0 : (double) byGroup[g] * byLabel[l] / ((double) total * counts[g][l]);
                if (counts[g][l] > 0) {
                    plan.weights.put(axis.groups().get(g) + "|" + labelNames.get(l), w[g][l]);
                }
            }
        }
        plan.weight = new double[labels.size];
        for (int i = 0; i < labels.size; i++) {
            plan.weight[i] = groups.data[i] >= 0 && labels.data[i] >= 0 ? w[groups.data[i]][labels.data[i]] : 1.0;
        }
        plan.counts = counts;
        plan.labelNames = labelNames;
    }

    private Map<String, Map<String, Double>> weightedRates(Plan plan, Axis axis) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (int l = 0; l < plan.labelNames.size(); l++) {
            double total = 0;
            for (int g = 0; g < axis.groups().size(); g++) {
                total += plan.counts[g][l] * plan.weights.getOrDefault(axis.groups().get(g) + "|" + plan.labelNames.get(l), 1.0);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int g = 0; g < axis.groups().size(); g++) {
                double wg = plan.counts[g][l] * plan.weights.getOrDefault(axis.groups().get(g) + "|" + plan.labelNames.get(l), 1.0);
                row.put(axis.groups().get(g), total == 0 ? null : wg / total);
            }
            out.put(plan.labelNames.get(l), row);
        }
        return out;
    }

    /** A record's group: its one detected group, or -1 (none, or several). Not thread-safe. */
    private static final class Detector {
        private final Axis axis;
        private final String groupField;
        private final ScanCounter scan;

        Detector(Axis axis, String groupField) {
            this.axis = axis;
            this.groupField = groupField;
            this.scan = new ScanCounter(Scope.DOCUMENT, axis.groups(), axis.features(), List.of(), List.of());
        }

        int group(Record r) {
            if (groupField != null) {
                String g = GroupValues.groupOf(r.attributes().getOrDefault(groupField, ""), axis.groups());
                return g == null ? -1 : axis.groups().indexOf(g);
            }
            boolean[] has = scan.documentFeatures(r);
            int found = -1;
            for (int g = 0; g < axis.groups().size(); g++) {
                if (has[g]) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = g;
                }
            }
            return found;
        }
    }

    // ---------------------------------------------------------------- streaming

    private final class Tally {
        long in;
        long out;
        long originals;
        long dropped;
        long copies;
        long changed;
        long substitutions;
        long skipped;
        final List<String> skippedRecords = new ArrayList<>();
        final Map<String, Long> byTransform = new LinkedHashMap<>();
        final Map<String, Long> byTerm = new TreeMap<>();

        void add(Outcome o) {
            in++;
            if (o.primary) {
                originals++;
            } else {
                dropped++;
            }
            copies += o.copies;
            changed += o.changed;
            for (Record r : o.records) {
                out++;
                byTransform.merge(r.attributes().get(Transforms.TRANSFORM), 1L, Long::sum);
            }
            for (Substitution s : o.subs) {
                substitutions++;
                byTerm.merge(s.before().toLowerCase(Locale.ROOT) + ">" + s.after().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
        }
    }

    private void stream(RecordReader reader, Plan plan, Axis axis, Tally tally, RecordWriter writer) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "debias-augment");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<List<Outcome>>> pending = new ArrayDeque<>();
        try {
            progress.start(mode + " " + reader.source().getFileName(), reader.bytesTotal(), "bytes");
            long last = 0;
            long ordinal = 0;
            while (reader.hasNext()) {
                List<Record> batch = new ArrayList<>(BATCH);
                long first = ordinal;
                while (batch.size() < BATCH && reader.hasNext()) {
                    batch.add(reader.next());
                    ordinal++;
                }
                pending.add(pool.submit(() -> {
                    List<Outcome> out = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        out.add(process(batch.get(i), first + i, plan, axis));
                    }
                    return out;
                }));
                while (pending.size() > threads * 4) {
                    drain(pending.poll(), tally, writer);
                }
                progress.advance(reader.bytesRead() - last);
                last = reader.bytesRead();
            }
            while (!pending.isEmpty()) {
                drain(pending.poll(), tally, writer);
            }
            progress.finish();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void drain(Future<List<Outcome>> f, Tally tally, RecordWriter writer) throws IOException {
        List<Outcome> outcomes;
        try {
            outcomes = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
        for (Outcome o : outcomes) {
            for (Record r : o.records) {
                writer.write(r);
            }
            tally.add(o);
        }
    }

    private Outcome process(Record r, long ordinal, Plan plan, Axis axis) {
        int i = (int) ordinal;
        List<Record> out = new ArrayList<>(2);
        List<Substitution> subs = new ArrayList<>();
        int changed = 0;
        int copies = 0;
        boolean primary = true;
        switch (mode) {
            case TWO_SIDED, ONE_SIDED, REBALANCE -> {
                int wanted = mode == AugmentMode.TWO_SIDED ? 1 : plan.copies.length > i ? plan.copies[i] : 0;
                if (mode == AugmentMode.REBALANCE && plan.drop.length > i && plan.drop[i]) {
                    primary = false;
                } else {
                    out.add(mark(r, r.id(), r.text(), Transforms.ORIGINAL, List.of()));
                }
                if (wanted > 0) {
                    Counterfactual cf = swapper.swap(r.text());
                    if (cf.changed()) {
                        for (int c = 1; c <= wanted; c++) {
                            out.add(copyOf(r, cf, axis, c == 1 ? "-cf" : "-cf" + c, Transforms.COUNTERFACTUAL,
                                    plan.groupFields));
                            subs.addAll(cf.substitutions());
                            changed++;
                            copies++;
                        }
                    }
                }
            }
            case SUBSTITUTE -> {
                boolean coin = new SplittableRandom(seed ^ (ordinal * 0x9E3779B97F4A7C15L)).nextDouble() < probability;
                Counterfactual cf = coin ? swapper.swap(r.text()) : null;
                if (cf != null && cf.changed()) {
                    out.add(copyOf(r, cf, axis, "", Transforms.SUBSTITUTED, plan.groupFields));
                    subs.addAll(cf.substitutions());
                    changed++;
                } else {
                    out.add(mark(r, r.id(), r.text(), Transforms.ORIGINAL, List.of()));
                }
            }
            case MASK -> {
                Counterfactual m = swapper.mask(r.text());
                out.add(mark(r, r.id(), m.text(), m.changed() ? Transforms.MASKED : Transforms.ORIGINAL, m.substitutions()));
                subs.addAll(m.substitutions());
                changed += m.changed() ? 1 : 0;
            }
            case REWEIGH -> {
                Record w = mark(r, r.id(), r.text(), Transforms.REWEIGHED, List.of())
                        .withAttribute(weightField, Double.toString(plan.weight[i]));
                out.add(w);
            }
        }
        return new Outcome(out, primary, copies, changed, subs);
    }

    /** {@code r} with a new text and the augment fields. */
    private static Record mark(Record r, String id, String text, String transform, List<Substitution> subs) {
        Map<String, String> attrs = new LinkedHashMap<>(r.attributes());
        attrs.putIfAbsent(Transforms.SOURCE_ID, r.id());
        attrs.put(Transforms.TRANSFORM, transform);
        attrs.put(Transforms.SUBSTITUTIONS, Substitution.format(subs));
        boolean same = transform.equals(Transforms.ORIGINAL) || transform.equals(Transforms.REWEIGHED);
        Provenance p = same ? r.provenance() : Provenance.derived(r, transform);
        return new Record(id, text, r.label(), attrs, p);
    }

    /**
     * The counterfactual record of {@code r} (an added copy, or the record itself when substituted):
     * swapped text, group fields and (when gendered) label.
     */
    private Record copyOf(Record r, Counterfactual cf, Axis axis, String idSuffix, String transform,
            java.util.Set<String> groupFields) {
        Record c = mark(r, r.id() + idSuffix, cf.text(), transform, cf.substitutions());
        if (axis.groups().size() == 2) {
            for (var e : r.attributes().entrySet()) {
                String g = GroupValues.groupOf(e.getValue(), axis.groups());
                if (g != null && groupFields.contains(e.getKey()) && swapper.direction().allows(g)) {
                    String other = axis.groups().get(1 - axis.groups().indexOf(g));
                    c = c.withAttribute(e.getKey(), GroupValues.counterpart(e.getValue(), g, other));
                }
            }
        }
        if (swapLabels && r.label() != null) {
            Counterfactual l = swapper.swap(r.label());
            if (l.changed()) {
                c = c.withLabel(l.text());
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- summary

    private AugmentSummary summary(Path input, String inputSha256, Path output, Tally t, Plan plan,
            Map<String, Map<String, Double>> after, String groupField) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mode", mode.id());
        config.put("axis", swapper.axis());
        config.put("axis_lexicon", axisSpec);
        config.put("direction", swapper.direction().toString());
        config.put("seed", Long.toString(seed));
        if (mode == AugmentMode.SUBSTITUTE) {
            config.put("p", Double.toString(probability));
        }
        if (mode == AugmentMode.REBALANCE) {
            config.put("target_rate", Double.toString(targetRate));
            config.put("target_group", targetGroup == null ? "" : targetGroup);
            config.put("allow_drop", Boolean.toString(allowDrop));
        }
        if (mode == AugmentMode.REWEIGH) {
            config.put("weight_field", weightField);
        }
        config.put("swap_labels", swapLabels ? "auto" : "never");
        config.put("groups_from", groupField == null ? "lexicon" : "field:" + groupField);
        Map<String, Long> byTerm = new LinkedHashMap<>();
        t.byTerm.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .forEach(e -> byTerm.put(e.getKey(), e.getValue()));
        String definition = "per label, the share of each group among the label's records that hold exactly one group ("
                + (groupField == null ? "detected with the " + axisSpec + " lexicon" : "by the field " + groupField)
                + "), counted by the audit module" + (mode == AugmentMode.REWEIGH ? "; after: weighted" : "");
        return new AugmentSummary(AugmentSummary.SCHEMA, mode.id(), input.getFileName().toString(), inputSha256,
                output.getFileName().toString(), config, t.in, t.skipped, t.skippedRecords, t.out, t.byTransform,
                t.originals, t.dropped, t.copies, t.changed, t.substitutions, byTerm, t.in == t.originals + t.dropped,
                definition, plan.before, after, plan.weights, plan.warnings, Versions.all());
    }

    /** A growable int array. */
    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }
    }

    /** Builds an {@link Augmenter}: the mode is required. */
    public static final class Builder {
        private AugmentMode mode;
        private CounterfactualSwapper swapper;
        private String axisSpec = "builtin:gender,builtin:names";
        private double probability = 0.5;
        private double targetRate = 0.5;
        private String targetGroup;
        private boolean allowDrop;
        private long seed = 1;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private String weightField = Transforms.WEIGHT;
        private boolean swapLabels = true;
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** What to do. */
        public Builder setMode(AugmentMode mode) {
            this.mode = mode;
            return this;
        }

        /** The swapper; default the gender axis with the built-in lexicons. */
        public Builder optSwapper(CounterfactualSwapper swapper) {
            this.swapper = Objects.requireNonNull(swapper);
            return this;
        }

        /** The lexicon that detects groups for planning and rates; default {@code builtin:gender,builtin:names}. */
        public Builder optAxisLexicon(String spec) {
            this.axisSpec = Objects.requireNonNull(spec);
            return this;
        }

        /** Substitute: the probability of replacing a record; default 0.5. */
        public Builder optProbability(double p) {
            this.probability = p;
            return this;
        }

        /** Rebalance: the target share of the target group within every label; default 0.5. */
        public Builder optTargetRate(double rate) {
            this.targetRate = rate;
            return this;
        }

        /** Rebalance: the group whose share is the target rate; default the axis' first group. */
        public Builder optTargetGroup(String group) {
            this.targetGroup = group;
            return this;
        }

        /** Rebalance: drop records of the over-represented side instead of adding copies. */
        public Builder optAllowDrop(boolean allow) {
            this.allowDrop = allow;
            return this;
        }

        /** The seed of every random choice; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads; default the number of cores. */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Reweigh: the weight field; default {@code weight}. */
        public Builder optWeightField(String field) {
            this.weightField = Objects.requireNonNull(field);
            return this;
        }

        /** Whether a label that is itself a swappable term follows the swap; default true. */
        public Builder optSwapLabels(boolean swap) {
            this.swapLabels = swap;
            return this;
        }

        /** Where temporary indexes go; default the system temp dir. */
        public Builder optWorkDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir);
            return this;
        }

        /** Receives progress in bytes read. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Validates and builds. */
        public Augmenter build() {
            if (mode == null) {
                throw new IllegalArgumentException("setMode is required");
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("p must be between 0 and 1, got " + probability);
            }
            if (!(targetRate > 0 && targetRate < 1)) {
                throw new IllegalArgumentException("the target rate must be strictly between 0 and 1, got " + targetRate);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (allowDrop && mode != AugmentMode.REBALANCE) {
                throw new IllegalArgumentException("dropping records is only for rebalance");
            }
            return new Augmenter(this);
        }
    }
}
