package dev.debias.evaluate.intrinsic;

/**
 * The outcome of a WEAT/SEAT test (Caliskan et al. 2017).
 *
 * @param effectSize Cohen's-d-like effect size, (mean s over X − mean s over Y) / sample sd of s over
 *     X ∪ Y; null when that sd is 0
 * @param undefined why the effect size is null, else null
 * @param pValue one-sided permutation p-value of the test statistic
 * @param exact whether the p-value enumerated every partition (else it sampled them)
 * @param partitions how many partitions were evaluated
 * @param statistic the test statistic S(X, Y) = Σ_x s(x) − Σ_y s(y)
 * @param meanAssociationX mean s(x, A, B) over the first target
 * @param meanAssociationY mean s(y, A, B) over the second target
 * @param sizeX size of the first target set
 * @param sizeY size of the second target set
 * @param sizeA size of the first attribute set
 * @param sizeB size of the second attribute set
 */
public record WeatResult(Double effectSize, String undefined, double pValue, boolean exact, long partitions,
        double statistic, double meanAssociationX, double meanAssociationY, int sizeX, int sizeY, int sizeA,
        int sizeB) {}
