package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.debias.finetune.model.Weights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Magnitude pruning worked out by hand on two small matrices. */
class MagnitudePrunerTest {
    private static final String QUERY = "encoder.layer.0.attention.self.query.weight";
    private static final String OUTPUT = "encoder.layer.0.output.dense.weight";
    private static final String NORM = "embeddings.LayerNorm.weight";

    private static Weights weights() {
        return new Weights().put(QUERY, new long[] {2, 2}, new float[] {0.1f, -0.5f, 0.2f, 0.05f})
                .put(OUTPUT, new long[] {1, 4}, new float[] {0.3f, -0.05f, 0.4f, 0.6f})
                .put(NORM, new long[] {2}, new float[] {0.01f, 0.02f});
    }

    @Test
    void oneThresholdOverAllMatrices() {
        Weights w = weights();
        MagnitudePruner.Pruned p = MagnitudePruner.prune(w, 0.5, MagnitudePruning.Scope.GLOBAL);
        // 4 of 8: |0.05| twice, 0.1, then 0.2 at the threshold
        assertArrayEquals(new float[] {0, -0.5f, 0, 0}, p.weights().get(QUERY).data());
        assertArrayEquals(new float[] {0.3f, 0, 0.4f, 0.6f}, p.weights().get(OUTPUT).data());
        // LayerNorm is not a linear weight, however small
        assertArrayEquals(new float[] {0.01f, 0.02f}, p.weights().get(NORM).data());
        assertEquals(new Diagnostics.Sparsity("global", 0.5, 0.5, 8, Map.of(QUERY, 0.75, OUTPUT, 0.25)),
                p.diagnostics());
        assertEquals(List.of(QUERY, OUTPUT), List.copyOf(p.diagnostics().byMatrix().keySet()));
        // the input is left as it was
        assertArrayEquals(new float[] {0.1f, -0.5f, 0.2f, 0.05f}, w.get(QUERY).data());
    }

    @Test
    void oneThresholdPerMatrix() {
        MagnitudePruner.Pruned p = MagnitudePruner.prune(weights(), 0.5, MagnitudePruning.Scope.LAYER);
        assertArrayEquals(new float[] {0, -0.5f, 0.2f, 0}, p.weights().get(QUERY).data());
        assertArrayEquals(new float[] {0, 0, 0.4f, 0.6f}, p.weights().get(OUTPUT).data());
        assertEquals(0.5, p.diagnostics().achieved());
        assertEquals("layer", p.diagnostics().scope());
    }

    @Test
    void tiesAtTheThresholdGoByPosition() {
        Weights w = new Weights().put(QUERY, new long[] {4}, new float[] {0.9f, 0.2f, -0.2f, 0.2f});
        MagnitudePruner.Pruned p = MagnitudePruner.prune(w, 0.5, MagnitudePruning.Scope.GLOBAL);
        assertArrayEquals(new float[] {0.9f, 0, 0, 0.2f}, p.weights().get(QUERY).data());
    }

    @Test
    void zeroSparsityChangesNothingAndBadInputIsRefused() {
        MagnitudePruner.Pruned p = MagnitudePruner.prune(weights(), 0, MagnitudePruning.Scope.GLOBAL);
        assertArrayEquals(weights().get(OUTPUT).data(), p.weights().get(OUTPUT).data());
        assertEquals(0.0, p.diagnostics().achieved());
        assertThrows(IllegalArgumentException.class,
                () -> MagnitudePruner.prune(weights(), 1, MagnitudePruning.Scope.GLOBAL));
        Weights none = new Weights().put(NORM, new long[] {2}, new float[] {1, 2});
        assertThrows(IllegalArgumentException.class,
                () -> MagnitudePruner.prune(none, 0.5, MagnitudePruning.Scope.GLOBAL));
    }
}
