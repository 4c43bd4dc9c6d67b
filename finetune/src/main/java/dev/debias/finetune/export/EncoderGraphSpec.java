package dev.debias.finetune.export;

import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.RelativeAttention;
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
 * @param relative DeBERTa-v2's relative attention (then the embeddings are DeBERTa's: {@code embed_proj}
 *     without bias before a LayerNorm of the hidden width, padded tokens zeroed, positions only with
 *     {@code position_biased_input}); null for BERT's attention
 * @param maxPositions with {@code relative}: the model's longest input, for which the graph holds the
 *     relative position of every distance; 0 without
 */
public record EncoderGraphSpec(int hidden, int layers, int heads, int intermediate, double layerNormEps,
        int embeddingSize, int positionOffset, boolean tokenTypes, Pooling pooling, PoolerActivation poolerActivation,
        int labels, RelativeAttention relative, int maxPositions) {
    public EncoderGraphSpec {
        Objects.requireNonNull(pooling, "pooling");
        if (relative != null && (maxPositions < 2 || positionOffset != 0)) {
            throw new IllegalArgumentException("relative attention needs the longest input (at least 2, not "
                    + maxPositions + ") and position offset 0 (not " + positionOffset + ")");
        }
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

    /** A graph with BERT's attention (no relative positions). */
    public EncoderGraphSpec(int hidden, int layers, int heads, int intermediate, double layerNormEps,
            int embeddingSize, int positionOffset, boolean tokenTypes, Pooling pooling, PoolerActivation poolerActivation,
            int labels) {
        this(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, positionOffset, tokenTypes, pooling,
                poolerActivation, labels, null, 0);
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
     * {@code pooler} is set; for a DeBERTa its relative attention up to {@link BertConfig#maxLength} tokens.
     *
     * @throws IllegalArgumentException for a ModernBERT, which the graph does not hold
     */
    public static EncoderGraphSpec of(BertConfig config, Pooling pooling, boolean pooler, int labels) {
        if (config.modern() != null) {
            throw new IllegalArgumentException("the ONNX graph has no modernbert layers (rotary positions, "
                    + "sliding-window attention, gated feed-forward)");
        }
        PoolerActivation activation = !pooler ? PoolerActivation.NONE : switch (config.family().headActivation()) {
            case TANH -> PoolerActivation.TANH;
            case RELU -> PoolerActivation.RELU;
            case GELU -> PoolerActivation.GELU;
        };
        return new EncoderGraphSpec(config.hiddenSize(), config.layers(), config.heads(), config.intermediateSize(),
                config.layerNormEps(), config.embeddingSize(), config.positionOffset(), config.hasTokenTypes(),
                pooling, activation, labels, config.relative(), config.relative() == null ? 0 : config.maxLength());
    }

    /** Width of one attention head. */
    public int headSize() {
        return hidden / heads;
    }

    /** A copy with {@code offset} as position offset. */
    public EncoderGraphSpec withPositionOffset(int offset) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, offset,
                tokenTypes, pooling, poolerActivation, labels, relative, maxPositions);
    }

    /** A copy with {@code activation} as pooler activation. */
    public EncoderGraphSpec withPoolerActivation(PoolerActivation activation) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, positionOffset,
                tokenTypes, pooling, activation, labels, relative, maxPositions);
    }

    /** A copy with {@code size} as embedding width. */
    public EncoderGraphSpec withEmbeddingSize(int size) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, size, positionOffset,
                tokenTypes, pooling, poolerActivation, labels, relative, maxPositions);
    }

    /** A copy that does ({@code true}) or does not take {@code token_type_ids}. */
    public EncoderGraphSpec withTokenTypes(boolean types) {
        return new EncoderGraphSpec(hidden, layers, heads, intermediate, layerNormEps, embeddingSize, positionOffset,
                types, pooling, poolerActivation, labels, relative, maxPositions);
    }
}
