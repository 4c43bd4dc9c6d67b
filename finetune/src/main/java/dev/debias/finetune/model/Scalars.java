package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic on arrays that autograd records. DJL 0.32's {@code NDArray.mul(Number)},
 * {@code div(Number)}, {@code maximum(Number)} and the like wrap the number in a 0-d PyTorch tensor that
 * only points into a Java direct buffer, and close it as soon as the operation returns. Autograd keeps
 * that tensor for the backward pass ({@code d(x*c)/dx = c}), so a garbage collection between the
 * forward and the backward pass frees the buffer and the backward pass reads freed memory: gradients
 * that are silently wrong, or infinite. Whether it happens depends on when the JVM collects, that is on
 * load and on whatever else runs in the JVM. A scalar from here is allocated and owned by PyTorch, so
 * the graph keeps it alive; its value is the same 32-bit float, so results do not change.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * {@code value} as a 0-d float32 array on {@code manager}, held by PyTorch itself: safe to pass to an
     * operation whose backward pass needs it.
     */
    public static NDArray of(NDManager manager, float value) {
        return manager.full(new Shape(), value);
    }
}
