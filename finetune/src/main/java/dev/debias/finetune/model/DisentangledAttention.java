package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * DeBERTa-v2's disentangled self-attention scores for one batch, as Hugging Face's
 * {@code DisentangledSelfAttention} computes them. With {@code span} the rows per direction of the relative
 * table {@code R} ({@code encoder.rel_embeddings}, through {@code encoder.LayerNorm} when the config says
 * {@code layer_norm}), {@code rel(i, j)} the (bucketed) relative position of query {@code i} to key
 * {@code j} ({@link RelativeAttention#bucket}), and {@code Kr = key_proj(R)}, {@code Qr = query_proj(R)}
 * ({@code pos_key_proj}/{@code pos_query_proj} when keys are not shared), split into heads:
 *
 * <pre>
 * score(i, j) = (q_i . k_j + q_i . Kr[c(rel(i, j) + span)] + k_j . Qr[c(span - rel(j, i))]) / sqrt(hd * factor)
 * </pre>
 *
 * where {@code c} clamps to {@code [0, 2 span - 1]}, the c2p and p2c terms are there when
 * {@code pos_att_type} names them, and {@code factor = 1 + [c2p] + [p2c]}. The mask is
 * {@code m_i * m_j}: masked scores get no probability, and a padded query's whole row is zero (Hugging
 * Face's {@code XSoftmax}). The gathers use index tensors computed here for the batch's length, so any
 * length works.
 */
final class DisentangledAttention {
    /** Added to masked scores; exp of it is 0 in float32, and adding it to a finite score stays finite. */
    private static final float MASKED = -1e30f;

    private final BertConfig config;
    private final RelativeAttention settings;
    private final Encoder encoder;
    private final int span;
    private final long batch;
    private final long length;
    private final NDArray table;
    private final NDArray c2pIndex;
    private final NDArray p2cIndex;
    private final NDArray pairMask;
    private final NDArray pairBias;
    private final float scale;

    /**
     * @param config a deberta-v2 configuration
     * @param encoder the pass's parameters and dropout
     * @param maskF the attention mask {@code (batch, length)} as float32
     * @param length the batch's length
     */
    DisentangledAttention(BertConfig config, Encoder encoder, NDArray maskF, int length) {
        this.config = config;
        this.settings = config.relative();
        this.encoder = encoder;
        this.span = settings.span(config.maxPositions());
        this.batch = maskF.getShape().get(0);
        this.length = length;
        NDManager m = maskF.getManager();
        NDArray rel = encoder.param("encoder.rel_embeddings.weight");
        this.table = settings.normalize() ? encoder.norm("encoder.LayerNorm", rel, config.hiddenSize()) : rel;
        Shape square = new Shape(1, 1, length, length);
        this.c2pIndex = NativeArrays.of(m, c2pIndex(settings, config.maxPositions(), length), square);
        this.p2cIndex = NativeArrays.of(m, p2cIndex(settings, config.maxPositions(), length), square);
        NDArray rows = maskF.reshape(batch, 1, length, 1);
        NDArray cols = maskF.reshape(batch, 1, 1, length);
        this.pairMask = rows.mul(cols);
        this.pairBias = pairMask.sub(Scalars.of(m, 1f)).mul(Scalars.of(m, -MASKED));
        this.scale = (float) (1.0 / Math.sqrt((double) config.headSize() * settings.scaleFactor()));
    }

    /**
     * The attention probabilities {@code (batch, heads, length, length)} of the layer whose parameters start
     * with {@code prefix} ({@code encoder.layer.N.}), for its queries and keys {@code (batch, heads, length, hd)}.
     */
    NDArray probabilities(String prefix, NDArray q, NDArray k) {
        NDManager m = q.getManager();
        String self = prefix + "attention.self.";
        NDArray scores = encoder.matMul(q, k.transpose(0, 1, 3, 2));
        NDArray rel = encoder.drop(table);
        Shape full = new Shape(batch, config.heads(), length, length);
        if (settings.contentToPosition()) {
            NDArray kr = relativeHeads(self + (settings.shareKeys() ? "key" : "pos_key_proj"), rel);
            NDArray c2p = encoder.matMul(q, kr.transpose(0, 1, 3, 2));         // (batch, heads, length, 2 span)
            scores = scores.add(c2p.gather(c2pIndex.broadcast(full), 3));
        }
        if (settings.positionToContent()) {
            NDArray qr = relativeHeads(self + (settings.shareKeys() ? "query" : "pos_query_proj"), rel);
            NDArray p2c = encoder.matMul(k, qr.transpose(0, 1, 3, 2));         // [j, r] = k_j . Qr[r]
            scores = scores.add(p2c.gather(p2cIndex.broadcast(full), 3).transpose(0, 1, 3, 2));
        }
        // a PyTorch-owned scale: autograd keeps it for the backward pass (Scalars says why)
        scores = scores.mul(Scalars.of(m, scale)).add(pairBias);
        return scores.softmax(-1).mul(pairMask);
    }

    /** The relative table projected by {@code prefix} and split into heads: {@code (1, heads, 2 span, hd)}. */
    private NDArray relativeHeads(String prefix, NDArray rel) {
        return Encoder.heads(encoder.dense(prefix, rel).expandDims(0), 1, 2L * span, config.heads(),
                config.headSize());
    }

    /** {@code [i * length + j] = clamp(rel(i, j) + span)}: the row of {@code Kr} that query {@code i} reads for key {@code j}. */
    static long[] c2pIndex(RelativeAttention settings, int maxPositions, int length) {
        int span = settings.span(maxPositions);
        long[] out = new long[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                out[i * length + j] = clamp(settings.bucket(i - j, maxPositions) + span, span);
            }
        }
        return out;
    }

    /**
     * {@code [j * length + i] = clamp(span - rel(j, i))}: the row of {@code Qr} that key {@code j} offers
     * query {@code i}; gathered along {@code i}'s axis and then transposed, as Hugging Face does.
     */
    static long[] p2cIndex(RelativeAttention settings, int maxPositions, int length) {
        int span = settings.span(maxPositions);
        long[] out = new long[length * length];
        for (int j = 0; j < length; j++) {
            for (int i = 0; i < length; i++) {
                out[j * length + i] = clamp(span - settings.bucket(j - i, maxPositions), span);
            }
        }
        return out;
    }

    private static long clamp(int row, int span) {
        return Math.max(0, Math.min(2L * span - 1, row));
    }
}
