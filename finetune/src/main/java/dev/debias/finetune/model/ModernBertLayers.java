package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One forward pass of a ModernBERT encoder ({@link ModelFamily#MODERNBERT}), as Hugging Face's
 * {@code ModernBertModel} computes it, under debias's canonical names ({@link ModelFamily} says which):
 *
 * <pre>
 * x = norm(tok_embeddings[ids])                                  (embeddings.norm)
 * per layer l:  x = x + Wo(attention(attn_norm(x)))              (layer 0 has no attn_norm: the identity)
 *               x = x + mlp.Wo(gelu(a) * g),  [a, g] = mlp.Wi(mlp_norm(x)) split in halves
 * states = final_norm(x)
 * </pre>
 *
 * The attention takes q, k and v from the stacked {@code Wqkv} (in that order), rotates q and k by the rotary
 * embedding of positions {@code 0..length-1} ({@code x cos + rotate_half(x) sin}, {@code inv_freq = theta^(-2i/hd)}
 * over the first half of each head, repeated over the second), with the layer's base ({@link
 * ModernBertSettings#theta}), and scales the scores by {@code 1/sqrt(hd)}. Padding is masked as a key; a local
 * layer also masks keys farther than {@link ModernBertSettings#halfWindow} from the query. Every LayerNorm
 * and linear layer has a bias only when its setting says so. Head masks and gates multiply each head's
 * attention probabilities, neuron masks and gates the gated product {@code gelu(a) * g} (width intermediate).
 * The rotary tables and the window are computed here for the batch's length, so any length works.
 */
final class ModernBertLayers {
    /** Added to masked scores; exp of it is 0 in float32, and adding it to a finite score stays finite. */
    private static final float MASKED = -1e30f;

    private final BertConfig config;
    private final ModernBertSettings settings;
    private final Encoder encoder;

    ModernBertLayers(BertConfig config, Encoder encoder) {
        this.config = config;
        this.settings = config.modern();
        this.encoder = encoder;
    }

    /** Every parameter of a ModernBERT of {@code config} with the given head, by canonical name, in order. */
    static Map<String, long[]> layout(BertConfig config, int labels, boolean pooler) {
        ModernBertSettings s = config.modern();
        Map<String, long[]> out = new LinkedHashMap<>();
        long h = config.hiddenSize();
        long inter = config.intermediateSize();
        out.put("embeddings.tok_embeddings.weight", new long[] {config.vocabSize(), h});
        norm(out, "embeddings.norm", h, s.normBias());
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            if (l > 0) {
                norm(out, p + "attn_norm", h, s.normBias());
            }
            linear(out, p + "attn.Wqkv", 3 * h, h, s.attentionBias());
            linear(out, p + "attn.Wo", h, h, s.attentionBias());
            norm(out, p + "mlp_norm", h, s.normBias());
            linear(out, p + "mlp.Wi", 2 * inter, h, s.mlpBias());
            linear(out, p + "mlp.Wo", h, inter, s.mlpBias());
        }
        norm(out, "encoder.final_norm", h, s.normBias());
        if (pooler) {
            linear(out, "pooler.dense", h, h, s.classifierBias());
            norm(out, "pooler.norm", h, s.normBias());
        }
        if (labels > 0) {
            linear(out, "classifier", labels, h, true);
        }
        return out;
    }

    private static void norm(Map<String, long[]> out, String prefix, long width, boolean bias) {
        out.put(prefix + ".weight", new long[] {width});
        if (bias) {
            out.put(prefix + ".bias", new long[] {width});
        }
    }

    private static void linear(Map<String, long[]> out, String prefix, long rows, long cols, boolean bias) {
        out.put(prefix + ".weight", new long[] {rows, cols});
        if (bias) {
            out.put(prefix + ".bias", new long[] {rows});
        }
    }

    /** The token states {@code (batch, length, hidden)} after {@code final_norm}. */
    NDArray states(NDArray ids, NDArray mask, UpstreamEdits edits, NDArray headGate, NDArray neuronGate) {
        NDManager m = ids.getManager();
        long batch = ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        int h = config.hiddenSize();
        int heads = config.heads();
        int hd = config.headSize();
        NDArray maskF = mask.toType(DataType.FLOAT32, false);
        NDArray padBias = maskF.sub(Scalars.of(m, 1f)).mul(Scalars.of(m, -MASKED)).reshape(batch, 1, 1, length);
        NDArray localBias = padBias.add(NativeArrays.of(m, window(settings.halfWindow(), length),
                new Shape(1, 1, length, length)));
        NDArray[] globalRotary = rotary(m, settings.globalRopeTheta(), length, hd);
        NDArray[] localRotary = rotary(m, settings.localRopeTheta(), length, hd);
        float scale = (float) (1.0 / Math.sqrt(hd));
        NDArray x = encoder.drop(norm("embeddings.norm", encoder.param("embeddings.tok_embeddings.weight").get(ids)));
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            boolean global = settings.isGlobal(l);
            NDArray[] rot = global ? globalRotary : localRotary;
            NDArray in = l == 0 ? x : norm(p + "attn_norm", x);
            NDList qkv = linear(p + "attn.Wqkv", in, settings.attentionBias()).split(3, 2);
            NDArray q = rotate(Encoder.heads(qkv.get(0), batch, length, heads, hd), rot);
            NDArray k = rotate(Encoder.heads(qkv.get(1), batch, length, heads, hd), rot);
            NDArray v = Encoder.heads(qkv.get(2), batch, length, heads, hd);
            // a PyTorch-owned scale: autograd keeps it for the backward pass (Scalars says why)
            NDArray probs = q.matMul(k.transpose(0, 1, 3, 2)).mul(Scalars.of(m, scale))
                    .add(global ? padBias : localBias).softmax(-1);
            probs = encoder.drop(probs);
            float[] headMask = edits.headRow(l);
            if (headMask != null) {
                probs = probs.mul(NativeArrays.of(m, headMask).reshape(1, heads, 1, 1));
            }
            if (headGate != null) {
                probs = probs.mul(headGate.get(l).reshape(1, heads, 1, 1));
            }
            NDArray ctx = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, h);
            x = x.add(encoder.drop(linear(p + "attn.Wo", ctx, settings.attentionBias())));
            NDList wi = linear(p + "mlp.Wi", norm(p + "mlp_norm", x), settings.mlpBias()).split(2, 2);
            NDArray inter = Activation.gelu(wi.get(0)).mul(wi.get(1));
            float[] neuronMask = edits.neuronRow(l);
            if (neuronMask != null) {
                inter = inter.mul(NativeArrays.of(m, neuronMask));
            }
            if (neuronGate != null) {
                inter = inter.mul(neuronGate.get(l));
            }
            x = x.add(linear(p + "mlp.Wo", encoder.drop(inter), settings.mlpBias()));
        }
        return norm("encoder.final_norm", x);
    }

    /** The family's sentence head on pooled vectors {@code (batch, hidden)}: {@code norm(gelu(dense(pooled)))}. */
    NDArray head(NDArray pooled) {
        return norm("pooler.norm", Activation.gelu(linear("pooler.dense", pooled, settings.classifierBias())));
    }

    /** {@code x W^T (+ b)} with {@code prefix.weight} (and {@code prefix.bias} when {@code bias}). */
    private NDArray linear(String prefix, NDArray x, boolean bias) {
        NDArray w = encoder.param(prefix + ".weight");
        return (bias ? Linear.linear(x, w, encoder.param(prefix + ".bias")) : Linear.linear(x, w)).head();
    }

    /** LayerNorm over the hidden width with {@code prefix.weight} and, when {@code norm_bias}, {@code prefix.bias}. */
    private NDArray norm(String prefix, NDArray x) {
        int h = config.hiddenSize();
        NDArray bias = settings.normBias() ? encoder.param(prefix + ".bias")
                : x.getManager().zeros(new Shape(h), DataType.FLOAT32, x.getDevice());
        return LayerNorm.layerNorm(x, new Shape(h), encoder.param(prefix + ".weight"), bias,
                (float) config.layerNormEps()).head();
    }

    /** {@code x cos + rotate_half(x) sin}, {@code rotate_half([x1, x2]) = [-x2, x1]} over the last axis. */
    private static NDArray rotate(NDArray x, NDArray[] cosSin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), 3);
        return x.mul(cosSin[0]).add(rotated.mul(cosSin[1]));
    }

    /**
     * The rotary tables {@code cos} and {@code sin}, each {@code (1, 1, length, hd)}: angle {@code t *
     * theta^(-2i/hd)} at position {@code t} and column {@code i} (for {@code i < hd/2}), repeated for the
     * second half; computed in double, stored in float32.
     */
    static NDArray[] rotary(NDManager m, double theta, int length, int hd) {
        float[] cos = new float[length * hd];
        float[] sin = new float[length * hd];
        int half = hd / 2;
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < half; i++) {
                double angle = t / Math.pow(theta, 2.0 * i / hd);
                for (int c : new int[] {i, i + half}) {
                    cos[t * hd + c] = (float) Math.cos(angle);
                    sin[t * hd + c] = (float) Math.sin(angle);
                }
            }
        }
        Shape s = new Shape(1, 1, length, hd);
        return new NDArray[] {NativeArrays.of(m, cos, s), NativeArrays.of(m, sin, s)};
    }

    /** {@code [i * length + j]}: 0 when {@code |i - j| <= half}, else {@link #MASKED} (the sliding window). */
    static float[] window(int half, int length) {
        float[] out = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                out[i * length + j] = Math.abs(i - j) <= half ? 0f : MASKED;
            }
        }
        return out;
    }
}
