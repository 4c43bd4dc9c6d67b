package dev.debias.finetune.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Named float tensors in Hugging Face BERT naming ({@code encoder.layer.0.attention.self.query.weight}), in order. */
public final class Weights {
    /** One tensor: its shape and values, row-major. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
                        + data.length);
            }
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Adds or replaces a tensor. */
    public Weights put(String name, long[] shape, float[] data) {
        tensors.put(Objects.requireNonNull(name), new Tensor(shape.clone(), data));
        return this;
    }

    /** The tensor named {@code name}, or null. */
    public Tensor get(String name) {
        return tensors.get(name);
    }

    /** Every tensor by name, in order. */
    public Map<String, Tensor> all() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }
}
