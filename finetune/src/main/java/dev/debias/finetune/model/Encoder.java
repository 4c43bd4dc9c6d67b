package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.function.Function;

/**
 * One forward pass of a {@link BertClassifier}'s encoder: the embeddings and the post-LayerNorm transformer
 * layers, from token ids to token states. The families differ in the embeddings (positions after the
 * padding index, token types, a projection to the hidden width) and, for DeBERTa-v2, in the attention
 * scores ({@link DisentangledAttention}); the rest of a layer is BERT's: {@code attention.output.dense}
 * and a residual LayerNorm, {@code intermediate.dense} with erf GELU, {@code output.dense} and a residual
 * LayerNorm. Head masks and gates multiply each head's attention probabilities, neuron masks and gates the
 * feed-forward activations. A ModernBERT's pass is its own ({@link ModernBertLayers}).
 */
final class Encoder {
    private final BertConfig config;
    private final Function<String, NDArray> param;
    private final boolean training;
    private final float dropout;
    private final boolean bf16;

    /**
     * @param config the encoder's shape
     * @param param the value of a parameter by canonical name, on the inputs' device
     * @param training whether dropout is on
     * @param dropout the dropout rate in training
     * @param precision {@link Precision#BF16} for bfloat16 matrix products, else float32 ({@link Precision} says
     *     what stays float32)
     */
    Encoder(BertConfig config, Function<String, NDArray> param, boolean training, float dropout, Precision precision) {
        this.config = config;
        this.param = param;
        this.training = training;
        this.dropout = dropout;
        this.bf16 = precision == Precision.BF16;
    }

    /**
     * The token states {@code (batch, length, hidden)}.
     *
     * @param ids token ids {@code (batch, length)}
     * @param mask attention mask {@code (batch, length)}, 1 for a token and 0 for padding
     * @param types token type ids, or null for all 0; ignored by a model without token types
     */
    NDArray states(NDArray ids, NDArray mask, NDArray types, UpstreamEdits edits, NDArray headGate,
            NDArray neuronGate) {
        if (config.modern() != null) {
            return new ModernBertLayers(config, this).states(ids, mask, edits, headGate, neuronGate);
        }
        NDManager m = ids.getManager();
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        int h = config.hiddenSize();
        int heads = config.heads();
        int hd = config.headSize();
        NDArray maskF = mask.toType(DataType.FLOAT32, false);
        NDArray x = embeddings(ids, maskF, types);
        DisentangledAttention relative = config.relative() == null ? null
                : new DisentangledAttention(config, this, maskF, (int) length);
        // BERT's additive mask: 0 where attended, a large negative number at padding; (batch, 1, 1, length)
        NDArray bias = relative != null ? null
                : maskF.sub(Scalars.of(m, 1f)).mul(Scalars.of(m, 10000f)).reshape(batch, 1, 1, length);
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            NDArray q = heads(dense(p + "attention.self.query", x), batch, length, heads, hd);
            NDArray k = heads(dense(p + "attention.self.key", x), batch, length, heads, hd);
            NDArray val = heads(dense(p + "attention.self.value", x), batch, length, heads, hd);
            NDArray probs;
            if (relative != null) {
                probs = relative.probabilities(p, q, k);
            } else {
                // a PyTorch-owned scale: autograd keeps it for the backward pass (Scalars says why)
                probs = matMul(q, k.transpose(0, 1, 3, 2)).mul(Scalars.of(m, scale)).add(bias).softmax(-1);
            }
            probs = drop(probs);
            float[] headMask = edits.headRow(l);
            if (headMask != null) {
                probs = probs.mul(NativeArrays.of(m, headMask).reshape(1, heads, 1, 1));
            }
            if (headGate != null) {
                probs = probs.mul(headGate.get(l).reshape(1, heads, 1, 1));
            }
            NDArray ctx = matMul(probs, val).transpose(0, 2, 1, 3).reshape(batch, length, h);
            NDArray att = drop(dense(p + "attention.output.dense", ctx));
            x = norm(p + "attention.output.LayerNorm", att.add(x), h);
            NDArray inter = Activation.gelu(dense(p + "intermediate.dense", x));
            float[] neuronMask = edits.neuronRow(l);
            if (neuronMask != null) {
                inter = inter.mul(NativeArrays.of(m, neuronMask));
            }
            if (neuronGate != null) {
                inter = inter.mul(neuronGate.get(l));
            }
            NDArray out = drop(dense(p + "output.dense", inter));
            x = norm(p + "output.LayerNorm", out.add(x), h);
        }
        return x;
    }

    /**
     * The input of layer 0: word (+ position) (+ token type) embeddings, then BERT's LayerNorm (and
     * ELECTRA's projection after it), or DeBERTa's projection, LayerNorm and zeroing of padded tokens.
     */
    private NDArray embeddings(NDArray ids, NDArray maskF, NDArray types) {
        NDManager m = ids.getManager();
        long length = ids.getShape().get(1);
        NDArray x = param.apply("embeddings.word_embeddings.weight").get(ids);
        if (config.hasPositionEmbeddings()) {
            int offset = config.positionOffset();
            NDArray positions = m.arange(offset, offset + (int) length, 1, DataType.INT64).expandDims(0);
            x = x.add(param.apply("embeddings.position_embeddings.weight").get(positions));
        }
        if (config.hasTokenTypes()) {
            x = x.add(param.apply("embeddings.token_type_embeddings.weight").get(types != null ? types : ids.zerosLike()));
        }
        if (config.relative() != null) {
            if (config.projectsEmbeddings()) {
                x = linear(x, param.apply("embeddings.embed_proj.weight"), null);
            }
            x = norm("embeddings.LayerNorm", x, config.hiddenSize());
            return drop(x.mul(maskF.expandDims(2)));
        }
        x = norm("embeddings.LayerNorm", x, config.embeddingSize());
        if (config.projectsEmbeddings()) {
            x = dense("embeddings_project", x);
        }
        return drop(x);
    }

    /** The parameter {@code name}. */
    NDArray param(String name) {
        return param.apply(name);
    }

    /** {@code x W^T + b} with {@code prefix.weight} and {@code prefix.bias}. */
    NDArray dense(String prefix, NDArray x) {
        return linear(x, param.apply(prefix + ".weight"), param.apply(prefix + ".bias"));
    }

    /** {@code x W^T (+ b)}, in bfloat16 on bfloat16 copies of the operands when the precision says so; float32 out. */
    private NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (!bf16) {
            return Linear.linear(x, weight, bias).head();
        }
        return BFloat16.toFloat32(Linear.linear(BFloat16.of(x), BFloat16.of(weight),
                bias == null ? null : BFloat16.of(bias)).head());
    }

    /** {@code a b}, in bfloat16 when the precision says so; float32 out. */
    NDArray matMul(NDArray a, NDArray b) {
        return bf16 ? BFloat16.toFloat32(BFloat16.of(a).matMul(BFloat16.of(b))) : a.matMul(b);
    }

    /** LayerNorm over the last {@code width} values with {@code prefix.weight} and {@code prefix.bias}. */
    NDArray norm(String prefix, NDArray x, int width) {
        return LayerNorm.layerNorm(x, new Shape(width), param.apply(prefix + ".weight"), param.apply(prefix + ".bias"),
                (float) config.layerNormEps()).head();
    }

    /** Dropout in training, the identity otherwise. */
    NDArray drop(NDArray x) {
        return training && dropout > 0 ? Dropout.dropout(x, dropout, true).head() : x;
    }

    /** {@code (batch, length, heads * hd)} split into heads: {@code (batch, heads, length, hd)}. */
    static NDArray heads(NDArray x, long batch, long length, int heads, int hd) {
        return x.reshape(batch, length, heads, hd).transpose(0, 2, 1, 3);
    }
}
