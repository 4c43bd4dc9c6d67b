package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.debias.finetune.model.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW's update against the formula, decay only on weights, and its state surviving save and load. */
class AdamWTest {
    private static Map<String, NDArray> params(NDManager m) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("dense.weight", m.create(new float[] {1f, -2f}));
        p.put("dense.bias", m.create(new float[] {1f, -2f}));
        p.put("embeddings.LayerNorm.weight", m.create(new float[] {1f, -2f}));
        return p;
    }

    private static Map<String, NDArray> grads(NDManager m, Map<String, NDArray> p, float... g) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        p.keySet().forEach(k -> out.put(k, m.create(g)));
        return out;
    }

    @Test
    void theFirstStepMovesEachValueByLrTimesTheGradientsSignPlusDecay() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> p = params(m);
            AdamW adam = new AdamW(0.01);
            adam.init(m, p);
            adam.update(p, grads(m, p, 0.5f, -0.1f), 0.1, 1f);
            assertEquals(1, adam.step());
            // bias-corrected m/sqrt(v) is g/|g| = sign(g) on the first step
            assertArrayEquals(new float[] {1f - 0.1f * (1f + 0.01f * 1f), -2f - 0.1f * (-1f + 0.01f * -2f)},
                    p.get("dense.weight").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f, -1.9f}, p.get("dense.bias").toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f, -1.9f}, p.get("embeddings.LayerNorm.weight").toFloatArray(), 1e-6f);
        }
    }

    @Test
    void savedStateContinuesExactly() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> p = params(m);
            AdamW adam = new AdamW(0.01);
            adam.init(m, p);
            adam.update(p, grads(m, p, 0.5f, -0.1f), 0.1, 1f);
            adam.update(p, grads(m, p, -0.3f, 0.2f), 0.05, 0.5f);
            Weights saved = adam.save();
            assertEquals(6, saved.size());
            Map<String, NDArray> q = new LinkedHashMap<>();
            Map<String, NDArray> r = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                q.put(k, v.duplicate());
                r.put(k, v.duplicate());
            });
            AdamW restored = new AdamW(0.01);
            restored.init(m, q);
            restored.load(saved, adam.step());
            AdamW fresh = new AdamW(0.01);
            fresh.init(m, r);

            adam.update(p, grads(m, p, 0.7f, 0.4f), 0.02, 1f);
            restored.update(q, grads(m, q, 0.7f, 0.4f), 0.02, 1f);
            fresh.update(r, grads(m, r, 0.7f, 0.4f), 0.02, 1f);
            assertEquals(3, restored.step());
            for (String k : p.keySet()) {
                assertArrayEquals(p.get(k).toFloatArray(), q.get(k).toFloatArray(), k);
                // without the saved moments the step differs (so the comparison above can fail)
                assertFalse(Arrays.equals(p.get(k).toFloatArray(), r.get(k).toFloatArray()), k);
            }
        }
    }
}
