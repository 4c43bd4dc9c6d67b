package dev.debias.upstream;

import dev.debias.finetune.train.Batches;
import dev.debias.finetune.train.Example;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.InferenceSession;
import dev.debias.finetune.train.SentenceEncoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.debias.core.ProgressListener;
import dev.debias.finetune.model.Backward;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * The counterfactual embedding gap of an encoder, {@code G = mean_i (1 - cos(f(x_i), f(x'_i)))} over
 * pairs of a text and its counterfactual, and its gradient with respect to a gate on every attention
 * head and feed-forward neuron (gates at 1). {@code gradient[l][u]} is the first-order estimate of how
 * much G falls when unit {@code u} of layer {@code l} is switched off: G(gate = 0) ≈ G − ∂G/∂gate.
 * The importance scores of head and neuron pruning (Michel et al. 2019, with a bias objective in place
 * of the loss).
 *
 * @param gap G over all pairs
 * @param heads ∂G/∂gate per head, {@code [layer][head]}
 * @param neurons ∂G/∂gate per feed-forward neuron, {@code [layer][neuron]}
 * @param pairs number of pairs
 */
public record GapGradients(double gap, float[][] heads, float[][] neurons, int pairs) {
    /**
     * Computes G and its gradients on {@code encoder}'s model as it is (its masks and projection apply),
     * {@code batchPairs} pairs per forward pass. The model's weights are not changed.
     *
     * @throws IllegalArgumentException when there are no pairs or the lists differ in length
     */
    public static GapGradients of(SentenceEncoder encoder, List<String> originals, List<String> counterfactuals,
            int batchPairs, ProgressListener progress) {
        if (originals.isEmpty() || originals.size() != counterfactuals.size()) {
            throw new IllegalArgumentException(originals.size() + " originals and " + counterfactuals.size()
                    + " counterfactuals; the gap needs at least one pair of each");
        }
        if (batchPairs < 1) {
            throw new IllegalArgumentException("pairs per batch must be at least 1");
        }
        InferenceSession session = encoder.session();
        BertClassifier model = session.model();
        BertConfig c = model.config();
        NDManager m = session.manager();
        int n = originals.size();
        List<Example> a = session.examples(originals);
        List<Example> b = session.examples(counterfactuals);
        double[][] heads = new double[c.layers()][c.heads()];
        double[][] neurons = new double[c.layers()][c.intermediateSize()];
        double gap = 0;
        NDArray headGate = m.ones(new ai.djl.ndarray.types.Shape(c.layers(), c.heads()));
        NDArray neuronGate = m.ones(new ai.djl.ndarray.types.Shape(c.layers(), c.intermediateSize()));
        headGate.setRequiresGradient(true);
        neuronGate.setRequiresGradient(true);
        session.keep().add(headGate);
        session.keep().add(neuronGate);
        model.setGates(headGate, neuronGate);
        progress.start("gap gradients", (n + batchPairs - 1) / batchPairs, "batches");
        try {
            for (int from = 0; from < n; from += batchPairs) {
                int to = Math.min(n, from + batchPairs);
                List<Example> batch = new ArrayList<>(a.subList(from, to));
                batch.addAll(b.subList(from, to));
                int k = to - from;
                try (NDManager s = m.newSubManager()) {
                    NDList inputs = Batches.inputs(s, batch);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray pooled = model.forward(session.store(), inputs, false).get(0);
                        NDArray x = pooled.get("0:" + k);
                        NDArray y = pooled.get(k + ":");
                        NDArray loss = cosineDistances(x, y).sum().div(Scalars.of(s, (float) n));
                        gap += loss.getFloat();
                        Backward.run(gc, loss);
                    }
                    add(heads, headGate.getGradient().toFloatArray());
                    add(neurons, neuronGate.getGradient().toFloatArray());
                }
                zero(headGate);
                zero(neuronGate);
                FineTuner.cleanUp(m, session.keep());
                progress.advance(1);
            }
        } finally {
            model.setGates(null, null);
            session.keep().remove(headGate);
            session.keep().remove(neuronGate);
            headGate.close();
            neuronGate.close();
            progress.finish();
        }
        return new GapGradients(gap, toFloat(heads), toFloat(neurons), n);
    }

    /** {@code 1 - cos} between row i of {@code x} and row i of {@code y}, differentiable; one value per row. */
    static NDArray cosineDistances(NDArray x, NDArray y) {
        // PyTorch-owned scalars where autograd keeps the operand for the backward pass (Scalars says why)
        NDArray cos = x.mul(y).sum(new int[] {1})
                .div(x.norm(new int[] {1}).mul(y.norm(new int[] {1})).maximum(Scalars.of(x.getManager(), 1e-12f)));
        return cos.neg().add(1f);
    }

    private static void add(double[][] into, float[] flat) {
        int w = into[0].length;
        for (int i = 0; i < flat.length; i++) {
            into[i / w][i % w] += flat[i];
        }
    }

    private static void zero(NDArray gated) {
        NDArray g = gated.getGradient();
        g.subi(g);
    }

    private static float[][] toFloat(double[][] d) {
        float[][] f = new float[d.length][d[0].length];
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d[i].length; j++) {
                f[i][j] = (float) d[i][j];
            }
        }
        return f;
    }
}
