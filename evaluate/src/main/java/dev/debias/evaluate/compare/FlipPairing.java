package dev.debias.evaluate.compare;

import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.paired.FlipRecords;
import dev.debias.evaluate.paired.PairedEffect;
import dev.debias.evaluate.paired.PairedFlips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The paired flip-rate differences of a comparison: each design's flip rate minus the baseline's, over the records
 * every run's {@code counterfactual.jsonl} holds, by {@link PairedFlips} (the paired bootstrap of the recipes,
 * checked by {@code PairedFlipsCoverageTest}). The runs pair only when every one has a {@code counterfactual.jsonl},
 * tested the same axis, and holds the same tested records in the same order, each swapped in the same direction;
 * else {@link #notPaired} says which run or record differs.
 *
 * @param effects design minus baseline on {@link PairedFlips#FLIP_RATE}, one per design after the first
 * @param notPaired why there are none, or null
 */
record FlipPairing(List<PairedEffect> effects, String notPaired) {
    FlipPairing {
        effects = List.copyOf(effects);
    }

    /**
     * @param cells each run's cell (its design without the seed, or its name), in the order of {@code names}
     * @param order the cells, baseline first
     */
    static FlipPairing of(List<String> names, List<Path> dirs, List<Evaluation> evaluations, List<String> cells,
            List<String> order, int bootstrap, long seed) {
        List<FlipRecords> runs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Path file = dirs.get(i).resolve(CounterfactualFile.FILE);
            if (evaluations.get(i).counterfactual() == null || !Files.isRegularFile(file)) {
                return new FlipPairing(List.of(), names.get(i) + " has no " + CounterfactualFile.FILE
                        + " beside its metrics.json (no counterfactual test)");
            }
            try {
                runs.add(FlipRecords.read(names.get(i), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String why = notShared(names, evaluations, runs);
        if (why != null || order.size() < 2) {
            return new FlipPairing(List.of(), why != null ? why : "every run has the same design");
        }
        Map<String, List<FlipRecords>> byCell = new LinkedHashMap<>();
        order.forEach(c -> byCell.put(c, new ArrayList<>()));
        for (int i = 0; i < runs.size(); i++) {
            byCell.get(cells.get(i)).add(runs.get(i));
        }
        PairedFlips p = PairedFlips.of(byCell, bootstrap, seed);
        List<PairedEffect> effects = new ArrayList<>();
        for (String c : order.subList(1, order.size())) {
            effects.add(p.difference(c, order.get(0), PairedFlips.FLIP_RATE));
        }
        return new FlipPairing(effects, null);
    }

    /**
     * Why the runs' flip tests are not over the same units, or null when they are: another axis, other records (or
     * another order), or a record swapped in another direction ({@code jewish->christian} against
     * {@code christian->jewish}, as when the pair or {@code to} group differs).
     */
    static String notShared(List<String> names, List<Evaluation> evaluations, List<FlipRecords> runs) {
        String axis = evaluations.get(0).counterfactual().axis();
        for (int k = 1; k < runs.size(); k++) {
            String other = evaluations.get(k).counterfactual().axis();
            if (!Objects.equals(axis, other)) {
                return String.format(Locale.ROOT, "%s tested axis %s, %s axis %s", names.get(0), axis, names.get(k),
                        other);
            }
        }
        String records = FlipRecords.notShared(runs);
        if (records != null) {
            return records;
        }
        FlipRecords first = runs.get(0);
        for (int k = 1; k < runs.size(); k++) {
            for (int i = 0; i < first.outcomes().size(); i++) {
                String a = first.outcomes().group(i);
                String b = runs.get(k).outcomes().group(i);
                if (!a.equals(b)) {
                    return String.format(Locale.ROOT, "test record %d ('%s') is swapped %s in %s but %s in %s", i + 1,
                            first.outcomes().key(i), a, names.get(0), b, names.get(k));
                }
            }
        }
        return null;
    }
}
