package dev.debias.evaluate.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.ResampledMeasures;
import dev.debias.evaluate.paired.PairedBootstrap;
import dev.debias.evaluate.paired.PairedEffect;
import dev.debias.evaluate.paired.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paired differences between the designs of a comparison whose runs were all evaluated on the same test records:
 * each design (the runs that differ only by seed) minus the first design, on every measure of
 * {@link ResampledMeasures#NAMES}, by {@link PairedBootstrap} (one common record resample; seeds resampled within
 * each design first), with Holm's adjustment over all of them. When a run lacks {@code predictions.jsonl} or the
 * runs hold different records, there are no paired differences and {@link #notPaired} says why. Immutable.
 *
 * @param baseline the design every other is compared with
 * @param notPaired why no paired differences were computed, or null
 * @param effects design minus baseline per measure, Holm-adjusted over the list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairedComparison(String baseline, @JsonProperty("not_paired") String notPaired, List<PairedEffect> effects) {
    /** The file {@code debias evaluate compare} writes it to. */
    public static final String JSON_FILE = "paired.json";

    public PairedComparison {
        effects = List.copyOf(effects);
    }

    /**
     * @param names one name per run
     * @param dirs each run's evaluation directory (holding {@code metrics.json} and {@code predictions.jsonl})
     * @param evaluations each run's evaluation
     * @param grouping the grouping to compare by, or null for the first run's first
     */
    public static PairedComparison of(List<String> names, List<Path> dirs, List<Evaluation> evaluations, String grouping,
            int bootstrap, long seed) {
        Map<String, List<RunRecords>> cells = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Evaluation e = evaluations.get(i);
            Path file = dirs.get(i).resolve("predictions.jsonl");
            GroupFairnessResult g = e.groupFairness().stream().filter(x -> grouping == null || x.grouping().equals(grouping))
                    .findFirst().orElse(null);
            if (!Files.isRegularFile(file) || g == null || g.grouping().contains(" x ")) {
                return new PairedComparison(null, names.get(i) + (g == null ? " has no group metrics"
                        : " has no predictions.jsonl beside its metrics.json"), List.of());
            }
            String id = e.config().getOrDefault("id_field", "");
            PredictionColumns columns = new PredictionColumns(e.config().getOrDefault("label_field", "label"),
                    e.config().getOrDefault("prediction_field", "prediction"),
                    Arrays.asList(e.config().getOrDefault("group_fields", g.grouping()).split(",")), id.isEmpty() ? null : id,
                    "text");
            Map<String, String> design = new TreeMap<>(e.design());
            design.remove(Comparisons.SEED);
            String cell = design.isEmpty() ? names.get(i) : design.toString();
            cells.computeIfAbsent(cell, k -> new ArrayList<>()).add(RunRecords.read(names.get(i), file, columns,
                    g.grouping(), g));
        }
        String why = RunRecords.notShared(cells.values().stream().flatMap(List::stream).toList());
        if (why != null || cells.size() < 2) {
            return new PairedComparison(null, why != null ? why : "every run has the same design", List.of());
        }
        PairedBootstrap p = PairedBootstrap.builder().setCells(cells).optBootstrap(bootstrap).optSeed(seed).build();
        List<String> order = p.cells();
        List<PairedEffect> effects = new ArrayList<>();
        for (String c : order.subList(1, order.size())) {
            for (String m : ResampledMeasures.NAMES) {
                effects.add(p.difference(c, order.get(0), m));
            }
        }
        boolean all = effects.stream().allMatch(x -> !Double.isNaN(x.pValue()));
        return new PairedComparison(order.get(0), null, all ? PairedBootstrap.holm(effects) : effects);
    }

    /** As pretty-printed JSON, for {@link #JSON_FILE}. */
    public String json() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
