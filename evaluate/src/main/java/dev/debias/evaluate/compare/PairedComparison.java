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
 * each design first), and on the counterfactual flip rate ({@link FlipPairing}), with Holm's adjustment over all
 * of them that have a p-value. When a run lacks {@code predictions.jsonl} or the runs hold different records,
 * there are no paired differences of the group measures and {@link #notPaired} says why; when a run lacks
 * {@code counterfactual.jsonl}, or the runs' flip tests are over other records or directions, there is no paired
 * flip-rate difference and {@link #flipsNotPaired} says why. Immutable.
 *
 * @param baseline the design every other is compared with, or null when nothing is paired
 * @param notPaired why no paired differences of the group measures were computed, or null
 * @param flipsNotPaired why no paired flip-rate difference was computed, or null
 * @param effects design minus baseline per measure (the group measures, then the flip rate), Holm-adjusted over
 *     those with a p-value (an effect without one, an undefined difference or no replicates, has no {@code holm})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairedComparison(String baseline, @JsonProperty("not_paired") String notPaired,
        @JsonProperty("flips_not_paired") String flipsNotPaired, List<PairedEffect> effects) {
    /** The file {@code debias evaluate compare} writes it to. */
    public static final String JSON_FILE = "paired.json";

    public PairedComparison {
        effects = List.copyOf(effects);
    }

    /**
     * @param names one name per run
     * @param dirs each run's evaluation directory (holding {@code metrics.json}, {@code predictions.jsonl} and
     *     {@code counterfactual.jsonl})
     * @param evaluations each run's evaluation
     * @param grouping the grouping to compare by, or null for the first run's first
     */
    public static PairedComparison of(List<String> names, List<Path> dirs, List<Evaluation> evaluations, String grouping,
            int bootstrap, long seed) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, String> design = new TreeMap<>(evaluations.get(i).design());
            design.remove(Comparisons.SEED);
            cells.add(design.isEmpty() ? names.get(i) : design.toString());
        }
        List<String> order = cells.stream().distinct().toList();
        List<PairedEffect> effects = new ArrayList<>();
        String notPaired = groupEffects(names, dirs, evaluations, grouping, cells, order, bootstrap, seed, effects);
        FlipPairing flips = FlipPairing.of(names, dirs, evaluations, cells, order, bootstrap, seed);
        effects.addAll(flips.effects());
        return new PairedComparison(effects.isEmpty() ? null : order.get(0), notPaired, flips.notPaired(),
                PairedBootstrap.holm(effects));
    }

    /** Adds the paired differences of the group measures to {@code effects}; returns why there are none, or null. */
    private static String groupEffects(List<String> names, List<Path> dirs, List<Evaluation> evaluations,
            String grouping, List<String> cells, List<String> order, int bootstrap, long seed, List<PairedEffect> effects) {
        Map<String, List<RunRecords>> byCell = new LinkedHashMap<>();
        order.forEach(c -> byCell.put(c, new ArrayList<>()));
        for (int i = 0; i < names.size(); i++) {
            Evaluation e = evaluations.get(i);
            Path file = dirs.get(i).resolve("predictions.jsonl");
            GroupFairnessResult g = e.groupFairness().stream().filter(x -> grouping == null || x.grouping().equals(grouping))
                    .findFirst().orElse(null);
            if (!Files.isRegularFile(file) || g == null || g.grouping().contains(" x ")) {
                return names.get(i) + (g == null ? " has no group metrics"
                        : " has no predictions.jsonl beside its metrics.json");
            }
            String id = e.config().getOrDefault("id_field", "");
            PredictionColumns columns = new PredictionColumns(e.config().getOrDefault("label_field", "label"),
                    e.config().getOrDefault("prediction_field", "prediction"),
                    Arrays.asList(e.config().getOrDefault("group_fields", g.grouping()).split(",")), id.isEmpty() ? null : id,
                    "text");
            byCell.get(cells.get(i)).add(RunRecords.read(names.get(i), file, columns, g.grouping(), g));
        }
        String why = RunRecords.notShared(byCell.values().stream().flatMap(List::stream).toList());
        if (why != null || order.size() < 2) {
            return why != null ? why : "every run has the same design";
        }
        PairedBootstrap p = PairedBootstrap.builder().setCells(byCell).optBootstrap(bootstrap).optSeed(seed).build();
        for (String c : order.subList(1, order.size())) {
            for (String m : ResampledMeasures.NAMES) {
                effects.add(p.difference(c, order.get(0), m));
            }
        }
        return null;
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
