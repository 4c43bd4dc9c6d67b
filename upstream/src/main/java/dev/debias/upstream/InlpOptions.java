package dev.debias.upstream;

import java.util.Objects;

/**
 * When {@link InlpProjection} stops and how its probes are trained: it stops once a fresh probe's dev accuracy is
 * at most the dev set's majority-class rate plus {@code tolerance}, or after {@code maxIterations}
 * projection steps.
 *
 * @param maxIterations the most projection steps, at least 0 (0 only measures the original probe)
 * @param tolerance how far above the majority-class rate still counts as chance, in [0, 1]
 * @param probe how each probe is trained
 */
public record InlpOptions(int maxIterations, double tolerance, ProbeOptions probe) {
    /** The default most projection steps: 20. */
    public static final int MAX_ITERATIONS = 20;
    /** The default tolerance above the majority-class rate: 0.02. */
    public static final double TOLERANCE = 0.02;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when maxIterations is negative, the tolerance is not in [0, 1],
     *     or the probe options are missing
     */
    public InlpOptions {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("INLP max iterations " + maxIterations
                    + " must be >= 0 (default " + MAX_ITERATIONS + ")");
        }
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("INLP tolerance " + tolerance
                    + " must be in [0, 1] (default " + TOLERANCE + ")");
        }
        Objects.requireNonNull(probe, "probe options; use ProbeOptions.defaults()");
    }

    /** At most 20 projection steps, a tolerance of 0.02, and {@link ProbeOptions#defaults()} probes. */
    public static InlpOptions defaults() {
        return new InlpOptions(MAX_ITERATIONS, TOLERANCE, ProbeOptions.defaults());
    }

    /** These options with another most number of projection steps. */
    public InlpOptions withMaxIterations(int n) {
        return new InlpOptions(n, tolerance, probe);
    }

    /** These options with another tolerance above the majority-class rate. */
    public InlpOptions withTolerance(double t) {
        return new InlpOptions(maxIterations, t, probe);
    }

    /** These options with other probe options. */
    public InlpOptions withProbe(ProbeOptions p) {
        return new InlpOptions(maxIterations, tolerance, p);
    }
}
