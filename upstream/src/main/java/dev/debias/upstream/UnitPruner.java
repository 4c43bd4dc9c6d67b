package dev.debias.upstream;

import dev.debias.core.ProgressListener;
import dev.debias.evaluate.intrinsic.EmbeddingGap;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.train.SentenceEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores attention heads or feed-forward neurons by how much switching each off lowers the
 * counterfactual embedding gap of a set of pairs, and switches off the best-scoring ones (after
 * Michel et al. 2019 for heads and the neuron-level pruning of bias studies, with the gap as the
 * objective). Units already switched off are not candidates; units whose score is not positive are
 * never pruned, so asking for more than help gets fewer. The computation behind {@link UnitPruning}.
 */
public final class UnitPruner {
    private UnitPruner() {}

    /**
     * Scores every unit of {@code unit} kind on {@code pairs}, switches off the top {@code count} positive
     * ones on {@code encoder}'s model (on top of its current mask) and returns what was done. Pairs are
     * scored in batches of {@code batchPairs}.
     *
     * @throws IllegalArgumentException for ablation of neurons (one forward pass per neuron is too slow)
     */
    public static Diagnostics.Pruning prune(SentenceEncoder encoder, List<SentencePair> pairs, UnitPruning.Unit unit,
            UnitPruning.Scoring scoring, int count, int batchPairs, ProgressListener progress) {
        if (unit == UnitPruning.Unit.NEURON && scoring == UnitPruning.Scoring.ABLATION) {
            throw new IllegalArgumentException("ablation scores one forward pass per unit; neurons are too many, "
                    + "use gradient scoring");
        }
        BertClassifier model = encoder.model();
        float[][] mask = unit == UnitPruning.Unit.HEAD ? model.headMask() : model.neuronMask();
        int layers = model.config().layers();
        int width = unit == UnitPruning.Unit.HEAD ? model.config().heads() : model.config().intermediateSize();
        if (mask == null) {
            mask = new float[layers][width];
            for (float[] row : mask) {
                java.util.Arrays.fill(row, 1f);
            }
        }
        List<String> a = PairSample.originals(pairs);
        List<String> b = PairSample.counterfactuals(pairs);
        List<UnitScore> scores = new ArrayList<>();
        double before;
        if (scoring == UnitPruning.Scoring.GRADIENT) {
            GapGradients g = GapGradients.of(encoder, a, b, batchPairs, progress);
            before = g.gap();
            float[][] grads = unit == UnitPruning.Unit.HEAD ? g.heads() : g.neurons();
            for (int l = 0; l < layers; l++) {
                for (int u = 0; u < width; u++) {
                    if (mask[l][u] != 0f) {
                        // gap(gate 0) ≈ gap − ∂gap/∂gate: the predicted drop is the gradient itself
                        scores.add(new UnitScore(l, u, grads[l][u]));
                    }
                }
            }
        } else {
            before = gap(encoder, a, b);
            progress.start("ablating heads", (long) layers * width, "heads");
            for (int l = 0; l < layers; l++) {
                for (int u = 0; u < width; u++) {
                    if (mask[l][u] != 0f) {
                        float[][] trial = copy(mask);
                        trial[l][u] = 0f;
                        model.setHeadMask(trial);
                        scores.add(new UnitScore(l, u, before - gap(encoder, a, b)));
                    }
                    progress.advance(1);
                }
            }
            progress.finish();
            model.setHeadMask(isAllOn(mask) ? null : mask);
        }
        scores.sort(Comparator.comparingDouble((UnitScore s) -> -s.score()).thenComparingInt(UnitScore::layer)
                .thenComparingInt(UnitScore::unit));
        List<UnitScore> pruned = new ArrayList<>();
        int requested = Math.min(count, scores.size());
        for (UnitScore s : scores.subList(0, requested)) {
            if (s.score() > 0) {
                pruned.add(s);
                mask[s.layer()][s.unit()] = 0f;
            }
        }
        if (unit == UnitPruning.Unit.HEAD) {
            model.setHeadMask(mask);
        } else {
            model.setNeuronMask(mask);
        }
        double after = gap(encoder, a, b);
        return new Diagnostics.Pruning(unit.cliName(), scoring.cliName(), scores.size(), requested, pruned,
                requested - pruned.size(), List.copyOf(scores.subList(0, Math.min(20, scores.size()))), before, after);
    }

    /** The number of units of {@code unit} kind in {@code model}. */
    public static int units(BertClassifier model, UnitPruning.Unit unit) {
        return model.config().layers()
                * (unit == UnitPruning.Unit.HEAD ? model.config().heads() : model.config().intermediateSize());
    }

    /** Mean cosine distance between the vectors of {@code a[i]} and {@code b[i]} (the embedding gap, no interval). */
    static double gap(SentenceEncoder encoder, List<String> a, List<String> b) {
        return EmbeddingGap.of(encoder.embed(a), encoder.embed(b), 0, 0).meanCosineDistance().value();
    }

    private static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static boolean isAllOn(float[][] m) {
        for (float[] r : m) {
            for (float v : r) {
                if (v != 1f) {
                    return false;
                }
            }
        }
        return true;
    }
}
