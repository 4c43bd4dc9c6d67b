package dev.debias.finetune.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.finetune.model.Precision;
import java.util.Locale;

/** Where a fine-tuning run computes: written to {@code run.json} by its {@link #key()}. */
public enum ComputeDevice {
    /** The GPU when PyTorch sees one, else the CPU. */
    AUTO,
    /** The CPU: the same seed gives the same bytes. */
    CPU,
    /** The GPU; a run refuses to start when PyTorch sees none. */
    GPU;

    /** The name in {@code run.json} and on the command line: {@code auto}, {@code cpu} or {@code gpu}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The DJL device this choice means with {@code engine}.
     *
     * @throws InvalidInputException for {@link #GPU} when PyTorch sees no GPU
     */
    public Device select(Engine engine) {
        return switch (this) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new InvalidInputException(Setting.DEVICE + " gpu: no GPU is visible to PyTorch (build with "
                            + "-Pcuda and run on a machine with CUDA 12.4)");
                }
                yield Device.gpu();
            }
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /**
     * {@code precision} decided for {@code device} ({@link Precision#resolve}): on a GPU, auto is bf16 when its
     * CUDA compute capability is 8.0 or more (Ampere and later), on the CPU when its flags name bfloat16.
     */
    public static Precision precisionOn(Precision precision, Device device) {
        boolean gpu = device.isGpu();
        boolean gpuBf16 = false;
        if (gpu && precision == Precision.AUTO) {
            try {
                gpuBf16 = Integer.parseInt(ai.djl.util.cuda.CudaUtils.getComputeCapability(device.getDeviceId())) >= 80;
            } catch (RuntimeException e) {
                gpuBf16 = false;
            }
        }
        return precision.resolve(gpu, gpuBf16);
    }

    /**
     * The device whose {@link #key()} is {@code s}, exactly.
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static ComputeDevice parse(String s) {
        for (ComputeDevice d : values()) {
            if (d.key().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "'; expected auto, cpu or gpu");
    }
}
