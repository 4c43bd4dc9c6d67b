package dev.debias.finetune.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The number format of a model's matrix products. {@link #FP32} computes everything in float32. {@link #BF16}
 * is mixed precision: the matrix products (every linear layer, the attention scores {@code q k^T} and the
 * weighted values {@code p v}) run in bfloat16 on bfloat16 copies of their operands, while the weights stay
 * float32 (cast at each use, so the optimizer updates float32 master weights) and LayerNorm, softmax, GELU,
 * dropout, residual sums and the loss stay float32. {@link #AUTO} is {@link #BF16} where the hardware has
 * bfloat16 matrix instructions, else {@link #FP32}; {@link #resolve} says which.
 */
public enum Precision {
    /** Float32 throughout. */
    FP32,
    /** Bfloat16 matrix products, float32 everything else. */
    BF16,
    /** {@link #BF16} where the CPU (or GPU) has bfloat16 matrix instructions, else {@link #FP32}. */
    AUTO;

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** The key in settings and run files: {@code fp32}, {@code bf16} or {@code auto}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision named {@code key} ({@code fp32}, {@code bf16}, {@code auto}; case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code key} is none of them
     */
    public static Precision parse(String key) {
        for (Precision p : values()) {
            if (p.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + key + "' is unknown; use fp32, bf16 or auto");
    }

    /**
     * This precision with {@link #AUTO} decided for this machine: bf16 when a GPU computes and {@code gpuBf16}
     * says it supports bfloat16, or when the CPU's flags (Linux {@code /proc/cpuinfo}) include
     * {@code avx512_bf16} or {@code amx_bf16}; fp32 otherwise, also where the flags cannot be read.
     *
     * @param gpu whether the run computes on a GPU
     * @param gpuBf16 whether that GPU supports bfloat16 matrix products (ignored without a GPU)
     */
    public Precision resolve(boolean gpu, boolean gpuBf16) {
        if (this != AUTO) {
            return this;
        }
        if (gpu) {
            return gpuBf16 ? BF16 : FP32;
        }
        String cpuinfo;
        try {
            cpuinfo = Files.isReadable(CPUINFO) ? Files.readString(CPUINFO) : "";
        } catch (IOException | RuntimeException e) {
            cpuinfo = "";
        }
        return forCpu(cpuinfo);
    }

    /**
     * {@link #AUTO} decided for a CPU described by {@code cpuinfo} (the text of Linux {@code /proc/cpuinfo}):
     * {@link #BF16} when a {@code flags} line lists {@code avx512_bf16} or {@code amx_bf16}, else {@link #FP32}.
     */
    public static Precision forCpu(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equals("flags")) {
                continue;
            }
            boolean bf16 = Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                    .anyMatch(f -> f.equals("avx512_bf16") || f.equals("amx_bf16"));
            if (bf16) {
                return BF16;
            }
        }
        return FP32;
    }
}
