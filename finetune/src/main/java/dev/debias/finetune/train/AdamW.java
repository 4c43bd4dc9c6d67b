package dev.debias.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.debias.finetune.model.Scalars;
import dev.debias.finetune.model.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay, whose state (first and second moments,
 * step) can be saved with a checkpoint so a resumed run continues exactly. Biases and LayerNorm
 * weights get no decay. Not thread-safe.
 */
public final class AdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final double weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    public AdamW(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** Creates zero moments for each parameter in {@code manager}. */
    public void init(NDManager manager, Map<String, NDArray> params) {
        params.forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Arrays this optimizer owns (kept across steps). */
    public List<NDArray> state() {
        List<NDArray> out = new java.util.ArrayList<>(m.values());
        out.addAll(v.values());
        return out;
    }

    /**
     * One update of every parameter with its gradient scaled by {@code gradScale}, at learning rate
     * {@code lr}, in PyTorch's formulation: {@code p *= 1 - lr * wd}, then
     * {@code p -= lr * m / (1 - b1^t) / (sqrt(v / (1 - b2^t)) + eps)}, computed as
     * {@code p -= (lr * sqrt(1 - b2^t) / (1 - b1^t)) * m / (sqrt(v) + eps * sqrt(1 - b2^t))}, which is the
     * same value with fewer passes over the weights.
     */
    public void update(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, float gradScale) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = Math.sqrt(1 - Math.pow(BETA2, step));
        float stepSize = (float) (lr * c2 / c1);
        float eps = (float) (EPS * c2);
        if (params.isEmpty()) {
            return;
        }
        // the step's constants as PyTorch-owned scalars shared by every parameter: DJL would make a Java
        // direct buffer, freed only by a garbage collection, for each number operand of each parameter
        // (NativeArrays says why that matters)
        try (NDManager k = params.values().iterator().next().getManager().newSubManager()) {
            NDArray scale = Scalars.of(k, gradScale);
            NDArray beta1 = Scalars.of(k, BETA1);
            NDArray rest1 = Scalars.of(k, 1 - BETA1);
            NDArray beta2 = Scalars.of(k, BETA2);
            NDArray rest2 = Scalars.of(k, 1 - BETA2);
            NDArray decay = Scalars.of(k, (float) (1 - lr * weightDecay));
            NDArray epsilon = Scalars.of(k, eps);
            NDArray size = Scalars.of(k, stepSize);
            for (var e : params.entrySet()) {
                String name = e.getKey();
                NDArray p = e.getValue();
                NDArray g = grads.get(name);
                if (g == null) {
                    continue;
                }
                if (gradScale != 1f) {
                    g = g.mul(scale);
                }
                NDArray mm = m.get(name);
                NDArray vv = v.get(name);
                mm.muli(beta1).addi(g.mul(rest1));
                vv.muli(beta2).addi(g.square().muli(rest2));
                if (weightDecay > 0 && !name.endsWith("bias") && !name.contains("LayerNorm")) {
                    p.muli(decay);
                }
                p.subi(mm.div(vv.sqrt().addi(epsilon)).muli(size));
            }
        }
    }

    /** The state as named tensors ({@code m.NAME}, {@code v.NAME}) and the step. */
    Weights save() {
        Weights w = new Weights();
        m.forEach((k, a) -> w.put("m." + k, a.getShape().getShape(), a.toFloatArray()));
        v.forEach((k, a) -> w.put("v." + k, a.getShape().getShape(), a.toFloatArray()));
        return w;
    }

    public long step() {
        return step;
    }

    /** Restores state saved by {@link #save()}. */
    void load(Weights w, long savedStep) {
        for (var e : m.entrySet()) {
            e.getValue().set(w.get("m." + e.getKey()).data());
        }
        for (var e : v.entrySet()) {
            e.getValue().set(w.get("v." + e.getKey()).data());
        }
        this.step = savedStep;
    }
}
