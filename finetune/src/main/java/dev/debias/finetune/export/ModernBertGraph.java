package dev.debias.finetune.export;

import static dev.debias.finetune.export.OnnxModelBuilder.f;
import static dev.debias.finetune.export.OnnxModelBuilder.i;

import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModernBertSettings;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import java.util.Arrays;
import java.util.List;

/**
 * Emits a ModernBERT classifier's forward pass, as {@code BertClassifier} computes it in inference, into an
 * {@link OnnxModelBuilder}: {@code tok_embeddings} and their LayerNorm, the pre-LayerNorm layers (q, k and v
 * from the rows of {@code Wqkv}, rotary embeddings of positions {@code 0..sequence-1} computed in the graph
 * from each layer's base, the padding mask, and on local layers the sliding window {@code |i - j| <=
 * local_attention / 2} built in the graph for the input's length; the GeGLU feed-forward layer from the two
 * halves of {@code Wi}), {@code final_norm}, pooling, the optional projection, the head ({@code dense},
 * GELU, {@code norm}) and the classifier. Biases appear only where the settings have them. Inputs {@code
 * input_ids} and {@code attention_mask} (no token types); outputs {@code logits} and {@code pooled}, the
 * vector the classifier reads. The weights must have their edits folded in ({@link EditFolding}).
 */
final class ModernBertGraph {
    private static final String BATCH = "batch";
    private static final String SEQUENCE = "sequence";
    /** Added to masked scores, as {@code BertClassifier} does. */
    private static final float MASKED = -1e30f;

    private final BertConfig config;
    private final ModernBertSettings s;
    private final Weights w;
    private final OnnxModelBuilder g = new OnnxModelBuilder("debias_modernbert_classifier");

    private ModernBertGraph(BertConfig config, Weights folded) {
        this.config = config;
        this.s = config.modern();
        this.w = folded;
    }

    /**
     * The ModelProto bytes of a ModernBERT classifier of {@code config} over canonical weights with their
     * edits folded in.
     *
     * @param pooler whether the head ({@code pooler.dense}, {@code pooler.norm}) comes before the classifier
     * @throws IllegalArgumentException naming the tensor when one the graph needs is missing or misshapen
     */
    static byte[] build(BertConfig config, Pooling pooling, boolean pooler, int labels, Weights folded) {
        ModernBertGraph e = new ModernBertGraph(config, folded);
        e.emit(pooling, pooler, labels);
        return e.g.toModel();
    }

    private void emit(Pooling pooling, boolean pooler, int labels) {
        int h = config.hiddenSize();
        String ids = g.input("input_ids", OnnxModelBuilder.INT64, BATCH, SEQUENCE);
        String mask = g.input("attention_mask", OnnxModelBuilder.INT64, BATCH, SEQUENCE);
        String maskF = g.op("Cast", List.of(mask), i("to", OnnxModelBuilder.FLOAT));
        String length = g.op("Gather", List.of(g.op("Shape", List.of(ids)), g.longs("sequence_axis", new long[0],
                new long[] {1})), i("axis", 0));
        String positions = g.op("Range", List.of(g.longs("zero", new long[0], new long[] {0}), length,
                g.longs("step", new long[0], new long[] {1})));
        String positionsF = g.op("Cast", List.of(positions), i("to", OnnxModelBuilder.FLOAT));
        // padding as keys: (batch, 1, 1, sequence); local layers add the window: (sequence, sequence)
        String padBias = g.op("Unsqueeze", List.of(g.op("Mul", List.of(g.op("Sub", List.of(maskF, g.scalar("one", 1f))),
                g.scalar("mask_scale", -MASKED))), g.longs("mask_axes", new long[] {2}, new long[] {1, 2})));
        String distance = g.op("Abs", List.of(g.op("Sub", List.of(
                g.op("Unsqueeze", List.of(positions, g.longs("row_axis", new long[] {1}, new long[] {1}))),
                g.op("Unsqueeze", List.of(positions, g.longs("column_axis", new long[] {1}, new long[] {0})))))));
        String outside = g.op("Greater", List.of(distance, g.longs("half_window", new long[0],
                new long[] {s.halfWindow()})));
        String localBias = g.op("Add", List.of(padBias, g.op("Where", List.of(outside, g.scalar("masked", MASKED),
                g.scalar("kept", 0f)))));
        String[] globalRotary = rotary("global", s.globalRopeTheta(), positionsF);
        String[] localRotary = rotary("local", s.localRopeTheta(), positionsF);
        Weights.Tensor table = require("embeddings.tok_embeddings.weight", config.vocabSize(), h);
        String x = norm("embeddings.norm", g.op("Gather", List.of(g.floats("embeddings.tok_embeddings.weight",
                table.shape(), table.data()), ids)));
        for (int l = 0; l < config.layers(); l++) {
            boolean global = s.isGlobal(l);
            x = layer(l, x, global ? padBias : localBias, global ? globalRotary : localRotary);
        }
        x = norm("encoder.final_norm", x);
        String pooled = pool(pooling, x, maskF);
        Weights.Tensor projection = w.get(dev.debias.finetune.model.BertClassifier.PROJECTION);
        if (projection != null) {
            pooled = g.op("MatMul", List.of(pooled, g.floats("debias.projection", new long[] {h, h}, projection.data())));
        }
        if (pooler) {
            pooled = norm("pooler.norm", gelu(linear("pooler.dense", pooled, 0, h, h, s.classifierBias())));
        }
        pooled = g.opNamed("pooled", "Identity", List.of(pooled));
        g.opNamed("logits", "Identity", List.of(linear("classifier", pooled, 0, labels, h, true)));
        g.output("logits", OnnxModelBuilder.FLOAT, BATCH, (long) labels);
        g.output("pooled", OnnxModelBuilder.FLOAT, BATCH, (long) h);
    }

    private String layer(int l, String x, String bias, String[] rotary) {
        int h = config.hiddenSize();
        int inter = config.intermediateSize();
        String p = "encoder.layer." + l + ".";
        String in = l == 0 ? x : norm(p + "attn_norm", x);
        boolean ab = s.attentionBias();
        String q = rotate(heads(linear(p + "attn.Wqkv", in, 0, h, h, ab), p + "q"), rotary);
        String k = rotate(heads(linear(p + "attn.Wqkv", in, h, h, h, ab), p + "k"), rotary);
        String v = heads(linear(p + "attn.Wqkv", in, 2 * h, h, h, ab), p + "v");
        String scores = g.op("MatMul", List.of(q, g.op("Transpose", List.of(k), OnnxModelBuilder.ints("perm", 0, 1, 3,
                2))));
        scores = g.op("Add", List.of(g.op("Mul", List.of(scores, g.scalar(p + "attn.scale",
                (float) (1.0 / Math.sqrt(config.headSize()))))), bias));
        String probs = g.op("Softmax", List.of(scores), i("axis", -1));
        String ctx = g.op("Transpose", List.of(g.op("MatMul", List.of(probs, v))), OnnxModelBuilder.ints("perm", 0, 2,
                1, 3));
        ctx = g.op("Reshape", List.of(ctx, g.longs(p + "attn.context_shape", new long[] {3}, new long[] {0, 0, h})));
        x = g.op("Add", List.of(x, linear(p + "attn.Wo", ctx, 0, h, h, ab)));
        String n = norm(p + "mlp_norm", x);
        String input = linear(p + "mlp.Wi", n, 0, inter, h, s.mlpBias());
        String gate = linear(p + "mlp.Wi", n, inter, inter, h, s.mlpBias());
        String product = g.op("Mul", List.of(gelu(input), gate));
        return g.op("Add", List.of(x, linear(p + "mlp.Wo", product, 0, h, inter, s.mlpBias())));
    }

    /**
     * {@code cos} and {@code sin} {@code (sequence, head)} of the angles {@code t * theta^(-2i/hd)}, column
     * {@code i} repeated at {@code i + hd/2}, for the positions {@code positionsF}.
     */
    private String[] rotary(String name, double theta, String positionsF) {
        int hd = config.headSize();
        float[] inv = new float[hd];
        for (int c = 0; c < hd / 2; c++) {
            inv[c] = (float) (1.0 / Math.pow(theta, 2.0 * c / hd));
            inv[c + hd / 2] = inv[c];
        }
        String angles = g.op("Mul", List.of(g.op("Unsqueeze", List.of(positionsF, g.longs(name + ".position_axis",
                new long[] {1}, new long[] {1}))), g.floats(name + ".inv_freq", new long[] {hd}, inv)));
        return new String[] {g.op("Cos", List.of(angles)), g.op("Sin", List.of(angles))};
    }

    /** {@code x cos + rotate_half(x) sin}; {@code rotate_half} as a product with the signed permutation it is. */
    private String rotate(String x, String[] cosSin) {
        int hd = config.headSize();
        int half = hd / 2;
        if (!rotation) {
            float[] r = new float[hd * hd];   // (x R)[c] = -x[c + half] for c < half, x[c - half] after
            for (int c = 0; c < half; c++) {
                r[(c + half) * hd + c] = -1f;
                r[c * hd + c + half] = 1f;
            }
            g.floats("rotate_half", new long[] {hd, hd}, r);
            rotation = true;
        }
        String rotated = g.op("MatMul", List.of(x, "rotate_half"));
        return g.op("Add", List.of(g.op("Mul", List.of(x, cosSin[0])), g.op("Mul", List.of(rotated, cosSin[1]))));
    }

    private boolean rotation;

    /** {@code (batch, sequence, hidden)} split into heads: {@code (batch, heads, sequence, head)}. */
    private String heads(String y, String name) {
        y = g.op("Reshape", List.of(y, g.longs(name + ".heads_shape", new long[] {4},
                new long[] {0, 0, config.heads(), config.headSize()})));
        return g.op("Transpose", List.of(y), OnnxModelBuilder.ints("perm", 0, 2, 1, 3));
    }

    private String pool(Pooling pooling, String x, String maskF) {
        if (pooling == Pooling.CLS) {
            return g.op("Gather", List.of(x, g.longs("first_token", new long[0], new long[] {0})), i("axis", 1));
        }
        String weights = g.op("Unsqueeze", List.of(maskF, g.longs("token_axis", new long[] {1}, new long[] {2})));
        String axes = g.longs("sequence_axes", new long[] {1}, new long[] {1});
        String sum = g.op("ReduceSum", List.of(g.op("Mul", List.of(x, weights)), axes), i("keepdims", 0));
        String count = g.op("ReduceSum", List.of(weights, axes), i("keepdims", 0));
        return g.op("Div", List.of(sum, g.op("Max", List.of(count, g.scalar("min_count", 1e-9f)))));
    }

    private String gelu(String x) {
        if (!geluConstants) {
            g.scalar("sqrt2", (float) Math.sqrt(2));
            g.scalar("half", 0.5f);
            geluConstants = true;
        }
        String erf = g.op("Erf", List.of(g.op("Div", List.of(x, "sqrt2"))));
        return g.op("Mul", List.of(g.op("Mul", List.of(x, "half")), g.op("Add", List.of(erf, "one"))));
    }

    private boolean geluConstants;

    /** LayerNorm with {@code prefix.weight} and, with {@code norm_bias}, {@code prefix.bias} (else zeros). */
    private String norm(String prefix, String x) {
        int h = config.hiddenSize();
        float[] bias = s.normBias() ? require(prefix + ".bias", h).data() : new float[h];
        return g.op("LayerNormalization", List.of(x, g.floats(prefix + ".weight", new long[] {h},
                require(prefix + ".weight", h).data()), g.floats(prefix + ".bias", new long[] {h}, bias)),
                i("axis", -1), f("epsilon", (float) config.layerNormEps()));
    }

    /**
     * {@code x W^T (+ b)} with rows {@code from .. from + out} of {@code prefix.weight} (and of its bias when
     * {@code bias}): one of Wqkv's q, k, v or one of Wi's halves, or the whole matrix.
     */
    private String linear(String prefix, String x, int from, int out, int in, boolean bias) {
        Weights.Tensor t = w.get(prefix + ".weight");
        if (t == null || t.shape().length != 2 || t.shape()[1] != in || t.shape()[0] < from + out) {
            throw new IllegalArgumentException("the graph needs " + prefix + ".weight with at least " + (from + out)
                    + " rows of " + in + (t == null ? "; it is missing" : ", not " + Arrays.toString(t.shape())));
        }
        String name = prefix + (from == 0 && t.shape()[0] == out ? "" : "." + from);
        float[] rows = Arrays.copyOfRange(t.data(), from * in, (from + out) * in);
        String y = g.op("MatMul", List.of(x, g.floats("matmul." + name + ".weight_t", new long[] {in, out},
                ExportWeights.transpose(rows, out, in))));
        if (!bias) {
            return y;
        }
        float[] b = Arrays.copyOfRange(require(prefix + ".bias", t.shape()[0]).data(), from, from + out);
        return g.op("Add", List.of(y, g.floats(name + ".bias", new long[] {out}, b)));
    }

    private Weights.Tensor require(String name, long... shape) {
        Weights.Tensor t = w.get(name);
        if (t == null || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("the graph needs " + name + " of shape " + Arrays.toString(shape)
                    + (t == null ? "; it is missing" : ", not " + Arrays.toString(t.shape())));
        }
        return t;
    }
}
