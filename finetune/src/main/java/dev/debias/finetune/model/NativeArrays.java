package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays made from Java values whose memory PyTorch owns, so that closing their manager frees it at once.
 * DJL 0.32's {@code NDManager.create(float[])} copies the values into a new Java direct buffer and makes a
 * tensor that only points into it ({@code from_blob}); that memory is freed when a garbage collection finds
 * the buffer unreachable, not when the array is closed. A fine-tune made that way leaves its weights (88 MB
 * for MiniLM) and thousands of small buffers allocated after it returns, and several fine-tunes in one JVM
 * pile them up until the collector happens to run. Here the values pass through one reused staging buffer
 * per thread ({@value #STAGE_BYTES} bytes, in pieces when larger) into a tensor PyTorch allocates.
 */
public final class NativeArrays {
    /** The size of each thread's staging buffer. */
    public static final int STAGE_BYTES = 1 << 20;

    private static final ThreadLocal<ByteBuffer> STAGE =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGE_BYTES).order(ByteOrder.nativeOrder()));

    private NativeArrays() {}

    /** Writes values {@code from} to {@code from + count} of the source into {@code stage}, from its start. */
    @FunctionalInterface
    private interface Fill {
        void into(ByteBuffer stage, int from, int count);
    }

    /** {@code data} as a float32 array of {@code shape} on {@code manager}, held by PyTorch. */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return copy(manager, data.length, DataType.FLOAT32, shape,
                (stage, from, count) -> stage.asFloatBuffer().put(data, from, count));
    }

    /** {@code data} as a one-dimensional float32 array on {@code manager}, held by PyTorch. */
    public static NDArray of(NDManager manager, float[] data) {
        return of(manager, data, new Shape(data.length));
    }

    /** {@code data} as an int64 array of {@code shape} on {@code manager}, held by PyTorch. */
    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        return copy(manager, data.length, DataType.INT64, shape,
                (stage, from, count) -> stage.asLongBuffer().put(data, from, count));
    }

    /** {@code data} as a one-dimensional int64 array on {@code manager}, held by PyTorch. */
    public static NDArray of(NDManager manager, long[] data) {
        return of(manager, data, new Shape(data.length));
    }

    private static NDArray copy(NDManager manager, int n, DataType type, Shape shape, Fill fill) {
        if (shape.size() != n) {
            throw new IllegalArgumentException(n + " values do not fill the shape " + shape);
        }
        if (n == 0) {
            return manager.zeros(shape, type);
        }
        int width = type.getNumOfBytes();
        int per = STAGE_BYTES / width;
        if (n <= per) {
            try (NDArray staged = stage(manager, fill, 0, n, width, type)) {
                return reshaped(staged.duplicate(), shape);
            }
        }
        NDArray flat = manager.zeros(new Shape(n), type);
        for (int from = 0; from < n; from += per) {
            int count = Math.min(per, n - from);
            try (NDArray staged = stage(manager, fill, from, count, width, type)) {
                flat.set(new NDIndex("{}:{}", from, from + count), staged);
            }
        }
        return reshaped(flat, shape);
    }

    /** {@code a} with {@code shape}; {@code a}'s own handle is closed (the reshaped array keeps the storage). */
    private static NDArray reshaped(NDArray a, Shape shape) {
        if (a.getShape().equals(shape)) {
            return a;
        }
        NDArray out = a.reshape(shape);
        a.close();
        return out;
    }

    /** Values {@code from} to {@code from + count} as an array over this thread's staging buffer. */
    private static NDArray stage(NDManager manager, Fill fill, int from, int count, int width, DataType type) {
        ByteBuffer stage = STAGE.get();
        stage.clear();
        fill.into(stage, from, count);
        ByteBuffer view = stage.duplicate();
        view.position(0).limit(count * width);
        return manager.create(view.slice().order(ByteOrder.nativeOrder()), new Shape(count), type);
    }
}
