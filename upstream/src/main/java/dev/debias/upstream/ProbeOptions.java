package dev.debias.upstream;

/**
 * How a {@link LinearProbe} is trained: {@code steps} full-batch Adam steps of size {@code learningRate}
 * on the mean cross-entropy plus {@code l2}/2 times the squared norm of the weights (the bias is not
 * penalised). Training starts from zero and uses no randomness.
 *
 * @param steps full-batch optimisation steps, at least 1
 * @param learningRate the Adam step size, finite and &gt; 0
 * @param l2 the L2 penalty on the weights, finite and &ge; 0
 */
public record ProbeOptions(int steps, double learningRate, double l2) {
    /** The default number of steps: 300. */
    public static final int STEPS = 300;
    /** The default Adam step size: 0.05. */
    public static final double LEARNING_RATE = 0.05;
    /** The default L2 penalty on the weights: 0.001. */
    public static final double L2 = 1e-3;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when steps is below 1, the learning rate is not a finite positive
     *     number, or the penalty is negative or not finite
     */
    public ProbeOptions {
        if (steps < 1) {
            throw new IllegalArgumentException("probe steps " + steps + " must be >= 1 (default " + STEPS + ")");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("probe learning rate " + learningRate
                    + " must be a finite number > 0 (default " + LEARNING_RATE + ")");
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("probe L2 penalty " + l2
                    + " must be a finite number >= 0 (default " + L2 + ")");
        }
    }

    /** 300 steps of Adam with step size 0.05 and an L2 penalty of 0.001. */
    public static ProbeOptions defaults() {
        return new ProbeOptions(STEPS, LEARNING_RATE, L2);
    }

    /** These options with another number of steps. */
    public ProbeOptions withSteps(int n) {
        return new ProbeOptions(n, learningRate, l2);
    }

    /** These options with another Adam step size. */
    public ProbeOptions withLearningRate(double rate) {
        return new ProbeOptions(steps, rate, l2);
    }

    /** These options with another L2 penalty on the weights. */
    public ProbeOptions withL2(double penalty) {
        return new ProbeOptions(steps, learningRate, penalty);
    }
}
