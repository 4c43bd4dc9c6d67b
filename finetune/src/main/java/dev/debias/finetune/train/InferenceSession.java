package dev.debias.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.model.BertClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A loaded model with its tokenizer, running inference in batches: the part {@link Predictor} (label
 * probabilities) and {@link SentenceEncoder} (pooled vectors) share. Owns the manager and the
 * tokenizer; not thread-safe.
 */
public final class InferenceSession implements AutoCloseable {
    private final NDManager manager;
    private final BertClassifier model;
    private final TextEncoder encoder;
    private final ParameterStore store;
    private final Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());

    InferenceSession(NDManager manager, BertClassifier model, TextEncoder encoder) {
        this.manager = manager;
        this.model = model;
        this.encoder = encoder;
        this.store = new ParameterStore(manager, false);
        for (String name : model.parameterNames()) {
            keep.add(model.parameter(name).getArray());
        }
    }

    /** A manager on the GPU when PyTorch sees one, else on the CPU. */
    public static NDManager newManager() {
        return NDManager.newBaseManager(Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu());
    }

    public BertClassifier model() {
        return model;
    }

    long truncated() {
        return encoder.truncated();
    }

    public NDManager manager() {
        return manager;
    }

    public ParameterStore store() {
        return store;
    }

    /** The arrays that must outlive a batch: the parameters, and whatever the caller adds. */
    public Set<NDArray> keep() {
        return keep;
    }

    /** The texts as unlabelled examples, in order (long ones truncated and counted). */
    public List<Example> examples(List<String> texts) {
        return Batches.unlabelled(encoder, texts);
    }

    /**
     * The model's first output for each text, one row each in input order, in batches of
     * {@code batchSize}; softmaxed over the last axis when asked (logits to probabilities).
     */
    float[][] rows(List<String> texts, int batchSize, boolean softmax) {
        return rowsOf(examples(texts), batchSize, softmax);
    }

    /** The sentence pairs ({@code a[i]}, {@code b[i]}) as unlabelled examples, in order. */
    List<Example> pairExamples(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("pairs need as many second texts as first, not " + b.size() + " and "
                    + a.size());
        }
        List<Example> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            long[][] e = encoder.encode(a.get(i), b.get(i));
            out.add(new Example("", e[0], e[1], -1, 1f));
        }
        return out;
    }

    /** {@link #rows} of encoded examples. */
    float[][] rowsOf(List<Example> examples, int batchSize, boolean softmax) {
        float[][] out = new float[examples.size()][];
        int k = 0;
        for (List<Example> batch : Batches.inOrder(examples, batchSize)) {
            try (NDManager s = manager.newSubManager()) {
                NDArray first = model.forward(store, Batches.inputs(s, batch), false).get(0);
                int width = (int) first.getShape().get(1);
                float[] v = (softmax ? first.softmax(1) : first).toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    out[k++] = Arrays.copyOfRange(v, i * width, (i + 1) * width);
                }
            }
            FineTuner.cleanUp(manager, keep);
        }
        return out;
    }

    @Override
    public void close() {
        encoder.close();
        manager.close();
    }
}
