package dev.debias.finetune.export;

/** The activation of a pooler ({@code pooler.dense} then this) between the pooled vector and the classifier. */
public enum PoolerActivation {
    /** No pooler: the classifier reads the pooled vector itself. */
    NONE,
    /** {@code tanh} (BERT's pooler). */
    TANH,
    /** {@code max(0, x)}. */
    RELU,
    /** The exact (erf) GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    GELU
}
