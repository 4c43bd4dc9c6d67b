package dev.debias.finetune.train;

import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Precision;
import java.util.Objects;

/**
 * How a fine-tuning run trains: every setting but the model and the data. Validated on construction;
 * {@link #DEFAULTS} are the settings {@link TrainConfig#builder()} starts from.
 *
 * @param epochs passes over the training data
 * @param batchSize examples per step
 * @param maxLength longest input in tokens; longer texts are truncated and counted
 * @param learningRate peak learning rate
 * @param weightDecay decoupled weight decay (AdamW), not applied to biases and LayerNorm weights
 * @param warmupFraction share of the steps with a linearly rising learning rate (then linear decay to 0)
 * @param clipNorm global gradient norm limit, 0 for none
 * @param classBalanced weight each class by N / (classes x its count)
 * @param patience epochs without improvement of the eval metric before stopping; 0 never stops early
 * @param metric what early stopping and the best checkpoint follow
 * @param pooling mean or [CLS]
 * @param dropout dropout rate during training
 * @param device where the run computes
 * @param seed the seed of every random choice
 * @param precision the number format of the matrix products ({@link Precision}); fp32 by default
 */
public record Hyperparameters(int epochs, int batchSize, int maxLength, double learningRate, double weightDecay,
        double warmupFraction, double clipNorm, boolean classBalanced, int patience, Metric metric, Pooling pooling,
        float dropout, ComputeDevice device, long seed, Precision precision) {
    /** 3 epochs, batch 16, 128 tokens, lr 5e-5, decay 0.01, warm-up 0.1, clip 1, patience 2, macro-F1, mean, 0.1, auto, seed 1, fp32. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(3, 16, 128, 5e-5, 0.01, 0.1, 1.0, false, 2,
            Metric.MACRO_F1, Pooling.MEAN, 0.1f, ComputeDevice.AUTO, 1);

    /** The settings with float32 matrix products. */
    public Hyperparameters(int epochs, int batchSize, int maxLength, double learningRate, double weightDecay,
            double warmupFraction, double clipNorm, boolean classBalanced, int patience, Metric metric, Pooling pooling,
            float dropout, ComputeDevice device, long seed) {
        this(epochs, batchSize, maxLength, learningRate, weightDecay, warmupFraction, clipNorm, classBalanced, patience,
                metric, pooling, dropout, device, seed, Precision.FP32);
    }

    /**
     * @throws IllegalArgumentException when a count or rate is out of its range
     * @throws NullPointerException naming a missing metric, pooling, device or precision
     */
    public Hyperparameters {
        if (epochs < 1 || batchSize < 1 || maxLength < 3) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1 and max length at least 3");
        }
        if (!(learningRate > 0) || weightDecay < 0 || warmupFraction < 0 || warmupFraction >= 1 || clipNorm < 0
                || patience < 0 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("invalid optimisation settings: lr " + learningRate + ", weight decay "
                    + weightDecay + ", warm-up " + warmupFraction + ", clip " + clipNorm + ", dropout " + dropout);
        }
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
    }

    /** These settings with {@code precision}. */
    public Hyperparameters withPrecision(Precision precision) {
        return new Hyperparameters(epochs, batchSize, maxLength, learningRate, weightDecay, warmupFraction, clipNorm,
                classBalanced, patience, metric, pooling, dropout, device, seed, precision);
    }

    /** The learning rate at optimizer step {@code step} of {@code total}: linear warm-up to the peak, then linear decay to 0. */
    public double learningRateAt(long step, long total) {
        long warmup = Math.round(warmupFraction * total);
        if (step <= warmup) {
            return learningRate * step / Math.max(1, warmup);
        }
        return learningRate * Math.max(0, total - step) / Math.max(1, total - warmup);
    }
}
