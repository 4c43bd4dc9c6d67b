package dev.debias.finetune.export;

import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import java.util.Objects;

/**
 * The shape and options of an encoder classifier graph; the weights must match it.
 *
 * @param hidden width of every encoder layer
 * @param layers number of transformer layers
 * @param heads attention heads per layer (must divide {@code hidden})
 * @param intermediate width of the feed-forward layer
 * @param layerNormEps the LayerNorm epsilon
 * @param embeddingSize width of the embedding tables; when it differs from {@code hidden} (ELECTRA),
 *     {@code embeddings_project} maps the normalized embeddings to {@code hidden}
 * @param positionOffset added to the token index to form position ids (RoBERTa: 2, BERT: 0)
 * @param tokenTypes whether the graph takes {@code token_type_ids}; when false, row 0 of the type
 *     table (if the weights have one) is added to every token
 * @param pooling how token states become one vector
 * @param poolerActivation the pooler after pooling ({@link PoolerActivation#NONE} for none); a pooler
 *     needs {@link Pooling#CLS}
 * @param labels number of classes of the classifier (at least 1)
 */
public record EncoderGraphSpec(int hidden, int layers, int heads, int intermediate, double layerNormEps,
        int embeddingSize, int positionOffset, boolean tokenTypes, Pooling pooling, PoolerActivation poolerActivation,
        int labels) {
    public EncoderGraphSpec {
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(poolerActivation, "poolerActivation");
        if (hidden < 1 || layers < 1 || heads < 1 || intermediate < 1 || embeddingSize < 1 || labels < 1) {
            throw new IllegalArgumentException("hidden, layers, heads, intermediate, embedding size and labels must "
                    + "be positive: hidden " + hidden + ", layers " + layers + ", heads " + heads + ", intermediate "
                    + intermediate + ", embedding size " + embeddingSize + ", labels " + labels);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
        }
        if (!(layerNormEps > 0) || Double.isInfinite(layerNormEps)) {
            throw new IllegalArgumentException("the LayerNorm epsilon must be a positive number, not " + layerNormEps);
        }
        if (positionOffset < 0) {
            throw new IllegalArgumentException("the position offset must not be negative, not " + positionOffset);
        }
        if (poolerActivation != PoolerActivation.NONE && pooling != Pooling.CLS) {
            throw new IllegalArgumentException("a pooler (" + poolerActivation + ") reads the first token's state; "
                    + "use CLS pooling or no pooler activation");
        }
    }

    /**
     * The graph of a {@code BertClassifier} of shape {@code config}: BERT embeddings (width {@code hidden},
     * offset 0, token types), no pooler.
     */
    public static EncoderGraphSpec of(BertConfig config, Pooling pooling, int labels) {
        return of(config, pooling, false, labels);
    }

    /**
     * The graph of a {@link dev.debias.finetune.model.BertClassifier} of {@code config}'s family (its
     * embedding width, position offset and token types), with the family's sentence head when
     * {@code pooler} is set.
     *
     * @throws IllegalArgumentException for a deberta-v2 configuration: the graph has no disentangled attention
     */
    public static EncoderGraphSpec of(BertConfig config, Pooling pooling, boolean pooler, int labels) {
        if (config.relative() != null) {
            throw new IllegalArgumentException(OnnxRunExport.DEBERTA_UNSUPPORTED);
        }
        PoolerActivation activation = !pooler ? PoolerActivation.NONE : switch (config.family().headActivation()) {
            case TANH -> PoolerActivation.TANH;
            case RELU -> PoolerActivation.RELU;
            case GELU -> PoolerActivation.GELU;
        };
        return new EncoderGraphSpec(config.hiddenSize(), config.layers(), config.heads(), config.intermediateSize(),
                config.layerNormEps(), config.embeddingSize(), config.positionOffset(), config.hasTokenTypes(),
                pooling, activation, labels);
    }

    /** Width of one attention head. */
    public int headSize() {
        return hidden / heads;
    }

    /** A copy with {@code offset} as position offset. */
    public EncoderGraphSpec withPositionOffset(int offset) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, offset,
                tokenTypes, pooling, poolerActivation, labels);
    }

    /** A copy with {@code activation} as pooler activation. */
    public EncoderGraphSpec withPoolerActivation(PoolerActivation activation) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, positionOffset,
                tokenTypes, pooling, activation, labels);
    }

    /** A copy with {@code size} as embedding width. */
    public EncoderGraphSpec withEmbeddingSize(int size) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, size, positionOffset,
                tokenTypes, pooling, poolerActivation, labels);
    }

    /** A copy that does ({@code true}) or does not take {@code token_type_ids}. */
    public EncoderGraphSpec withTokenTypes(boolean types) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, positionOffset,
                types, pooling, poolerActivation, labels);
    }
}
