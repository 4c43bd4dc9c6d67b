package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Stacking projections: {@code v <- v first second} as one matrix. */
class InterventionInputTest {
    @Test
    void withoutAFirstProjectionTheSecondIsTakenAsItIs() {
        float[] second = {0, 1, 1, 0};
        assertSame(second, InterventionInput.compose(null, second, 2));
    }

    @Test
    void composesInRowVectorOrder() {
        // [[1, 2], [3, 4]] times the swap [[0, 1], [1, 0]] swaps the columns
        assertArrayEquals(new float[] {2, 1, 4, 3},
                InterventionInput.compose(new float[] {1, 2, 3, 4}, new float[] {0, 1, 1, 0}, 2));
        // and the other way round, the rows
        assertArrayEquals(new float[] {3, 4, 1, 2},
                InterventionInput.compose(new float[] {0, 1, 1, 0}, new float[] {1, 2, 3, 4}, 2));
    }

    @Test
    void aProjectionStackedOnItselfStaysTheSame() {
        // removing the direction (0.6, 0.8) twice is removing it once: P = I - u u^T is idempotent
        float[] p = {1 - 0.36f, -0.48f, -0.48f, 1 - 0.64f};
        assertArrayEquals(p, InterventionInput.compose(p, p, 2), 1e-6f);
        // removing two orthogonal directions of the plane leaves nothing
        float[] q = {0.36f, 0.48f, 0.48f, 0.64f};
        assertArrayEquals(new float[4], InterventionInput.compose(p, q, 2), 1e-6f);
    }
}
