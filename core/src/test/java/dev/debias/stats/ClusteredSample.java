package dev.debias.stats;

import java.util.SplittableRandom;

/**
 * A seeded simulation of documents made of sentences, with a document-level random effect: document
 * {@code i} has {@code 1..maxSentences} sentences (uniform) and a rate {@code q_i ~ Beta(a, b)}; each
 * sentence independently holds group G, another group R or no group Z with probabilities
 * {@code share[0..2]}, and the target with probability {@code q_i * factor[side]}. The counts of
 * document {@code i} are {@code {xG, xR, xZ, nG, nR, nZ}}, the variables the audit's clustered cells
 * use, so the truth of every ratio estimator is known: {@code P(t | side) = factor[side] * a / (a + b)}.
 * Shared with later modules through the core test-jar.
 */
public final class ClusteredSample {
    /** Variable positions in a document's count vector. */
    public static final int XG = 0, XR = 1, XZ = 2, NG = 3, NR = 4, NZ = 5;

    private final int documents;
    private final int maxSentences;
    private final int a;
    private final int b;
    private final double[] share;
    private final double[] factor;
    private final boolean oneGroupPerDocument;

    /** As below, each sentence drawing its side independently. */
    public ClusteredSample(int documents, int maxSentences, int a, int b, double[] share, double[] factor) {
        this(documents, maxSentences, a, b, share, factor, false);
    }

    /**
     * @param documents documents per sample
     * @param maxSentences the most sentences of a document
     * @param a first Beta parameter (an integer, drawn as a sum of exponentials)
     * @param b second Beta parameter
     * @param share probabilities of G, R and Z for a sentence
     * @param factor multipliers of the document rate on G, R and Z (their products with 1 stay at most 1)
     * @param oneGroupPerDocument when true, a document is about G or about R (with odds share[0] to
     *     share[1]) and each of its sentences holds that group with probability share[0] + share[1], else
     *     no group: the two sides then lie in different documents, as when documents are about one group
     */
    public ClusteredSample(int documents, int maxSentences, int a, int b, double[] share, double[] factor,
            boolean oneGroupPerDocument) {
        this.oneGroupPerDocument = oneGroupPerDocument;
        this.documents = documents;
        this.maxSentences = maxSentences;
        this.a = a;
        this.b = b;
        this.share = share.clone();
        this.factor = factor.clone();
    }

    /** The true rate of side {@code side} (0 G, 1 R, 2 Z). */
    public double truth(int side) {
        return factor[side] * a / (a + b);
    }

    /** The true rate over all units. */
    public double truthAll() {
        return share[0] * truth(0) + share[1] * truth(1) + share[2] * truth(2);
    }

    /** One sample: {@code [document][variable]}. */
    public double[][] draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[documents][6];
        for (int i = 0; i < documents; i++) {
            double ga = gamma(r, a);
            double q = ga / (ga + gamma(r, b));
            int sentences = 1 + r.nextInt(maxSentences);
            int group = r.nextDouble() * (share[0] + share[1]) < share[0] ? 0 : 1;
            for (int s = 0; s < sentences; s++) {
                double u = r.nextDouble();
                int side = oneGroupPerDocument ? (u < share[0] + share[1] ? group : 2)
                        : u < share[0] ? 0 : u < share[0] + share[1] ? 1 : 2;
                out[i][NG + side]++;
                if (r.nextDouble() < q * factor[side]) {
                    out[i][XG + side]++;
                }
            }
        }
        return out;
    }

    /** A unit coefficient vector over the six variables. */
    public static double[] e(int... variables) {
        double[] c = new double[6];
        for (int v : variables) {
            c[v] = 1;
        }
        return c;
    }

    private static double gamma(SplittableRandom r, int shape) {
        double s = 0;
        for (int k = 0; k < shape; k++) {
            s -= Math.log(1 - r.nextDouble());
        }
        return s;
    }
}
