package dev.debias.finetune.export;

import static dev.debias.finetune.export.OnnxModelBuilder.f;
import static dev.debias.finetune.export.OnnxModelBuilder.i;

import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import java.util.List;

/**
 * Emits the forward pass of an encoder classifier, as {@code BertClassifier} computes it in inference,
 * into an {@link OnnxModelBuilder}: embeddings (word + position + type, LayerNorm, optional projection
 * to the hidden width), post-LayerNorm transformer layers with the additive mask {@code (mask - 1) *
 * 10000} and erf GELU, pooling, the optional pooled-vector projection and pooler, and the classifier. With
 * relative attention (DeBERTa-v2), DeBERTa's embeddings and {@link DisentangledGraph}'s attention scores.
 */
final class EncoderGraph {
    private static final String BATCH = "batch";
    private static final String SEQUENCE = "sequence";

    private final EncoderGraphSpec spec;
    private final ExportWeights w;
    private final OnnxModelBuilder g = new OnnxModelBuilder("debias_encoder_classifier");

    private EncoderGraph(EncoderGraphSpec spec, Weights weights) {
        this.spec = spec;
        this.w = new ExportWeights(spec, weights);
    }

    /**
     * The ModelProto bytes of the graph of {@code spec} over {@code weights}.
     *
     * @throws IllegalArgumentException naming the tensor when one the graph needs is missing or misshapen
     */
    static byte[] build(EncoderGraphSpec spec, Weights weights) {
        EncoderGraph e = new EncoderGraph(spec, weights);
        e.emit();
        return e.g.toModel();
    }

    private void emit() {
        String ids = g.input("input_ids", OnnxModelBuilder.INT64, BATCH, SEQUENCE);
        String mask = g.input("attention_mask", OnnxModelBuilder.INT64, BATCH, SEQUENCE);
        String types = spec.tokenTypes() ? g.input("token_type_ids", OnnxModelBuilder.INT64, BATCH, SEQUENCE) : null;
        String maskF = g.op("Cast", List.of(mask), i("to", OnnxModelBuilder.FLOAT));
        String x = embeddings(ids, types, maskF);
        if (spec.relative() != null) {
            DisentangledGraph relative = new DisentangledGraph(this, g, spec, w, ids, maskF);
            for (int l = 0; l < spec.layers(); l++) {
                x = layer(l, x, null, relative);
            }
            head(x, maskF);
            return;
        }
        String additive = g.op("Mul", List.of(g.op("Sub", List.of(maskF, scalarOnce("one", 1f))),
                g.scalar("mask_scale", 10000f)));
        String bias = g.op("Unsqueeze", List.of(additive, g.longs("mask_axes", new long[] {2}, new long[] {1, 2})));
        for (int l = 0; l < spec.layers(); l++) {
            x = layer(l, x, bias, null);
        }
        head(x, maskF);
    }

    /** Pooling, the optional projection and pooler, the classifier, and the graph's outputs. */
    private void head(String x, String maskF) {
        String pooled = pool(x, maskF);
        float[] projection = w.projection();
        if (projection != null) {
            pooled = g.op("MatMul", List.of(pooled, g.floats("debias.projection", new long[] {spec.hidden(),
                    spec.hidden()}, projection)));
        }
        if (spec.poolerActivation() != PoolerActivation.NONE) {
            pooled = activation(spec.poolerActivation(), linear("pooler.dense", pooled, spec.hidden(), spec.hidden()));
        }
        pooled = g.opNamed("pooled", "Identity", List.of(pooled));
        String logits = linear("classifier", pooled, spec.labels(), spec.hidden());
        g.opNamed("logits", "Identity", List.of(logits));
        g.output("logits", OnnxModelBuilder.FLOAT, BATCH, (long) spec.labels());
        g.output("pooled", OnnxModelBuilder.FLOAT, BATCH, (long) spec.hidden());
    }

    private String embeddings(String ids, String types, String maskF) {
        int e = spec.embeddingSize();
        String x = g.op("Gather", List.of(table("embeddings.word_embeddings.weight", 1, true), ids));
        if (spec.relative() == null || spec.relative().positionBiasedInput()) {
            x = positions(ids, x);
        }
        String typeName = "embeddings.token_type_embeddings.weight";
        if (types != null) {
            x = g.op("Add", List.of(x, g.op("Gather", List.of(table(typeName, 1, true), types))));
        } else {
            Weights.Tensor t = w.table(typeName, e, 1, false);
            if (t != null) {
                x = g.op("Add", List.of(x, g.floats(typeName + ".row0", new long[] {e},
                        java.util.Arrays.copyOf(t.data(), e))));
            }
        }
        if (spec.relative() != null) {
            // DeBERTa: embed_proj (no bias) to the hidden width, LayerNorm, padded tokens zeroed
            if (e != spec.hidden()) {
                float[] proj = w.require("embeddings.embed_proj.weight", spec.hidden(), e).data();
                x = g.op("MatMul", List.of(x, g.floats("matmul.embeddings.embed_proj.weight_t",
                        new long[] {e, spec.hidden()}, ExportWeights.transpose(proj, spec.hidden(), e))));
            }
            x = norm("embeddings.LayerNorm", x, spec.hidden());
            return g.op("Mul", List.of(x, g.op("Unsqueeze", List.of(maskF, g.longs("embedding_mask_axes",
                    new long[] {1}, new long[] {2})))));
        }
        x = norm("embeddings.LayerNorm", x, e);
        if (e != spec.hidden()) {
            x = linear("embeddings_project", x, spec.hidden(), e);
        }
        return x;
    }

    /** {@code x} plus the position rows of the tokens (from the position offset on). */
    private String positions(String ids, String x) {
        String positions = table("embeddings.position_embeddings.weight", spec.positionOffset() + 1L, true);
        String length = g.op("Gather", List.of(g.op("Shape", List.of(ids)), g.longs("sequence_axis", new long[0],
                new long[] {1})), i("axis", 0));
        String offset = g.longs("position_offset", new long[0], new long[] {spec.positionOffset()});
        String positionIds = g.op("Range", List.of(offset, g.op("Add", List.of(length, offset)),
                g.longs("position_step", new long[0], new long[] {1})));
        return g.op("Add", List.of(x, g.op("Gather", List.of(positions, positionIds))));
    }

    private String table(String name, long minRows, boolean required) {
        Weights.Tensor t = w.table(name, spec.embeddingSize(), minRows, required);
        return g.floats(name, t.shape(), t.data());
    }

    /** Layer {@code l}: BERT's attention with {@code maskBias}, or {@code relative}'s when it is not null. */
    private String layer(int l, String x, String maskBias, DisentangledGraph relative) {
        int h = spec.hidden();
        String p = "encoder.layer." + l + ".";
        String q = heads(p + "attention.self.query", x, new long[] {0, 2, 1, 3});
        String k = heads(p + "attention.self.key", x, new long[] {0, 2, 3, 1});
        String v = heads(p + "attention.self.value", x, new long[] {0, 2, 1, 3});
        String probs;
        if (relative != null) {
            probs = relative.probabilities(p, q, k);
        } else {
            float scale = (float) (1.0 / Math.sqrt(spec.headSize()));
            String scores = g.op("Add", List.of(g.op("Mul", List.of(g.op("MatMul", List.of(q, k)),
                    g.scalar(p + "attention.scale", scale))), maskBias));
            probs = g.op("Softmax", List.of(scores), i("axis", -1));
        }
        String ctx = g.op("Transpose", List.of(g.op("MatMul", List.of(probs, v))), OnnxModelBuilder.ints("perm", 0, 2,
                1, 3));
        ctx = g.opNamed(p + "attention.context", "Reshape", List.of(ctx, g.longs(p + "attention.context_shape",
                new long[] {3}, new long[] {0, 0, h})));
        String att = linear(p + "attention.output.dense", ctx, w.attentionOutput(l), h, h);
        x = norm(p + "attention.output.LayerNorm", g.op("Add", List.of(att, x)), h);
        String inter = activation(PoolerActivation.GELU, linear(p + "intermediate.dense", x, spec.intermediate(), h));
        String out = linear(p + "output.dense", inter, w.feedForwardOutput(l), h, spec.intermediate());
        return norm(p + "output.LayerNorm", g.op("Add", List.of(out, x)), h);
    }

    /** A projection of {@code x}, split into heads {@code (batch, heads, sequence, head)} and transposed by {@code perm}. */
    private String heads(String prefix, String x, long[] perm) {
        String y = linear(prefix, x, spec.hidden(), spec.hidden());
        // the shape constant carries heads x head size, which is how OnnxBertLoader finds the head count
        y = g.opNamed(prefix + ".heads", "Reshape", List.of(y, g.longs(prefix + ".heads_shape", new long[] {4},
                new long[] {0, 0, spec.heads(), spec.headSize()})));
        return g.op("Transpose", List.of(y), OnnxModelBuilder.ints("perm", perm));
    }

    private String pool(String x, String maskF) {
        if (spec.pooling() == Pooling.CLS) {
            return g.op("Gather", List.of(x, g.longs("first_token", new long[0], new long[] {0})), i("axis", 1));
        }
        String weights = g.op("Unsqueeze", List.of(maskF, g.longs("token_axis", new long[] {1}, new long[] {2})));
        String axes = g.longs("sequence_axes", new long[] {1}, new long[] {1});
        String sum = g.op("ReduceSum", List.of(g.op("Mul", List.of(x, weights)), axes), i("keepdims", 0));
        String count = g.op("ReduceSum", List.of(weights, axes), i("keepdims", 0));
        return g.op("Div", List.of(sum, g.op("Max", List.of(count, g.scalar("min_count", 1e-9f)))));
    }

    String activation(PoolerActivation a, String x) {
        return switch (a) {
            case NONE -> x;
            case TANH -> g.op("Tanh", List.of(x));
            case RELU -> g.op("Relu", List.of(x));
            case GELU -> {
                String erf = g.op("Erf", List.of(g.op("Div", List.of(x, scalarOnce("sqrt2", (float) Math.sqrt(2))))));
                yield g.op("Mul", List.of(g.op("Mul", List.of(x, scalarOnce("half", 0.5f))),
                        g.op("Add", List.of(erf, scalarOnce("one", 1f)))));
            }
        };
    }

    private final java.util.Set<String> scalars = new java.util.HashSet<>();

    /** A float scalar initializer shared by every node that uses {@code name}. */
    String scalarOnce(String name, float value) {
        return scalars.add(name) ? g.scalar(name, value) : name;
    }

    String norm(String prefix, String x, long width) {
        Weights.Tensor scale = w.require(prefix + ".weight", width);
        Weights.Tensor shift = w.require(prefix + ".bias", width);
        return g.op("LayerNormalization", List.of(x, g.floats(prefix + ".weight", scale.shape(), scale.data()),
                g.floats(prefix + ".bias", shift.shape(), shift.data())), i("axis", -1),
                f("epsilon", (float) spec.layerNormEps()));
    }

    /**
     * {@code x W^T + b} with torch Linear's {@code prefix.weight (out, in)} and {@code prefix.bias (out)}; a
     * second call with the same prefix (DeBERTa's shared keys) reuses the initializers.
     */
    String linear(String prefix, String x, int out, int in) {
        if (linears.containsKey(prefix)) {
            String[] wb = linears.get(prefix);
            return g.op("Add", List.of(g.op("MatMul", List.of(x, wb[0])), wb[1]));
        }
        return linear(prefix, x, w.require(prefix + ".weight", out, in).data(), out, in);
    }

    private final java.util.Map<String, String[]> linears = new java.util.HashMap<>();

    /** {@code x W^T + b} with {@code weight} (row-major {@code (out, in)}) in place of {@code prefix.weight}. */
    private String linear(String prefix, String x, float[] weight, int out, int in) {
        Weights.Tensor b = w.require(prefix + ".bias", out);
        // not a canonical name: the stored matrix is the transpose, (in, out)
        String wt = g.floats("matmul." + prefix + ".weight_t", new long[] {in, out},
                ExportWeights.transpose(weight, out, in));
        String bias = g.floats(prefix + ".bias", b.shape(), b.data());
        linears.put(prefix, new String[] {wt, bias});
        String y = g.op("MatMul", List.of(x, wt));
        return g.op("Add", List.of(y, bias));
    }
}
