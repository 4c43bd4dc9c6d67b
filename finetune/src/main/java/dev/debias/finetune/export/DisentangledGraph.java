package dev.debias.finetune.export;

import static dev.debias.finetune.export.OnnxModelBuilder.i;

import dev.debias.finetune.model.RelativeAttention;
import dev.debias.finetune.model.Weights;
import java.util.List;

/**
 * DeBERTa-v2's disentangled attention as ONNX nodes, computing what the block's attention computes
 * ({@code dev.debias.finetune.model.DisentangledAttention} says what that is). The relative position of
 * query {@code i} to key {@code j} depends on {@code i - j} only, so the graph holds it for every
 * distance of the model's longest input (two int64 tables of {@code 2 max - 1} entries, for c2p and p2c)
 * and gathers the {@code (length, length)} index matrices of each input from {@code Range} in the graph:
 * any length up to the longest works. The scores gather from {@code q Kr^T} and {@code k Qr^T} with
 * {@code GatherElements}; masked pairs get {@code -1e30} and, after the softmax, probability 0.
 */
final class DisentangledGraph {
    private final EncoderGraph e;
    private final OnnxModelBuilder g;
    private final EncoderGraphSpec spec;
    private final RelativeAttention settings;
    private final int span;
    private final String table;
    private final String c2pIndex;
    private final String p2cIndex;
    private final String pairMask;
    private final String pairBias;
    private final String scale;

    DisentangledGraph(EncoderGraph e, OnnxModelBuilder g, EncoderGraphSpec spec, ExportWeights w, String ids,
            String maskF) {
        this.e = e;
        this.g = g;
        this.spec = spec;
        this.settings = spec.relative();
        int max = spec.maxPositions();
        this.span = settings.span(max);
        Weights.Tensor rel = w.require("encoder.rel_embeddings.weight", 2L * span, spec.hidden());
        String t = g.floats("encoder.rel_embeddings.weight", rel.shape(), rel.data());
        this.table = settings.normalize() ? e.norm("encoder.LayerNorm", t, spec.hidden()) : t;
        long[] c2p = new long[2 * max - 1];
        long[] p2c = new long[2 * max - 1];
        for (int d = -(max - 1); d <= max - 1; d++) {
            c2p[d + max - 1] = clamp(settings.bucket(d, max) + span);
            p2c[d + max - 1] = clamp(span - settings.bucket(d, max));
        }
        // distance[a][b] = a - b + (max - 1), the row of a table; (length, length)
        String length = g.op("Gather", List.of(g.op("Shape", List.of(ids)), g.longs("relative.sequence_axis",
                new long[0], new long[] {1})), i("axis", 0));
        String positions = g.op("Range", List.of(g.longs("relative.start", new long[0], new long[] {0}), length,
                g.longs("relative.step", new long[0], new long[] {1})));
        String rows = g.op("Unsqueeze", List.of(positions, g.longs("relative.row_axis", new long[] {1}, new long[] {1})));
        String cols = g.op("Unsqueeze", List.of(positions, g.longs("relative.col_axis", new long[] {1}, new long[] {0})));
        String distance = g.op("Add", List.of(g.op("Sub", List.of(rows, cols)), g.longs("relative.distance_offset",
                new long[0], new long[] {max - 1})));
        String square = g.longs("relative.square_axes", new long[] {2}, new long[] {0, 1});
        // c2p: [i][j] = clamp(rel(i, j) + span); p2c: [j][i] = clamp(span - rel(j, i)), both from a - b
        this.c2pIndex = g.op("Unsqueeze", List.of(g.op("Gather", List.of(g.longs("relative.c2p_rows",
                new long[] {c2p.length}, c2p), distance), i("axis", 0)), square));
        this.p2cIndex = g.op("Unsqueeze", List.of(g.op("Gather", List.of(g.longs("relative.p2c_rows",
                new long[] {p2c.length}, p2c), distance), i("axis", 0)), square));
        String queryMask = g.op("Unsqueeze", List.of(maskF, g.longs("relative.query_mask_axes", new long[] {2},
                new long[] {1, 3})));
        String keyMask = g.op("Unsqueeze", List.of(maskF, g.longs("relative.key_mask_axes", new long[] {2},
                new long[] {1, 2})));
        this.pairMask = g.op("Mul", List.of(queryMask, keyMask));
        this.pairBias = g.op("Mul", List.of(g.op("Sub", List.of(pairMask, e.scalarOnce("one", 1f))),
                g.scalar("relative.masked", 1e30f)));
        this.scale = g.scalar("relative.scale", (float) (1.0 / Math.sqrt((double) spec.headSize()
                * settings.scaleFactor())));
    }

    /**
     * The attention probabilities {@code (batch, heads, length, length)} of the layer with parameter prefix
     * {@code p}, for queries {@code q (batch, heads, length, hd)} and transposed keys {@code kt (batch,
     * heads, hd, length)}.
     */
    String probabilities(String p, String q, String kt) {
        String self = p + "attention.self.";
        String scores = g.op("MatMul", List.of(q, kt));
        String shape = g.op("Shape", List.of(scores));
        if (settings.contentToPosition()) {
            String krt = relativeHeads(self + (settings.shareKeys() ? "key" : "pos_key_proj"));
            String c2p = g.op("MatMul", List.of(q, krt));                         // (batch, heads, length, 2 span)
            scores = g.op("Add", List.of(scores, g.op("GatherElements", List.of(c2p,
                    g.op("Expand", List.of(c2pIndex, shape))), i("axis", 3))));
        }
        if (settings.positionToContent()) {
            String qrt = relativeHeads(self + (settings.shareKeys() ? "query" : "pos_query_proj"));
            String k = g.op("Transpose", List.of(kt), OnnxModelBuilder.ints("perm", 0, 1, 3, 2));
            String p2c = g.op("MatMul", List.of(k, qrt));                         // [j, r] = k_j . Qr[r]
            String gathered = g.op("GatherElements", List.of(p2c, g.op("Expand", List.of(p2cIndex, shape))),
                    i("axis", 3));
            scores = g.op("Add", List.of(scores, g.op("Transpose", List.of(gathered),
                    OnnxModelBuilder.ints("perm", 0, 1, 3, 2))));
        }
        scores = g.op("Add", List.of(g.op("Mul", List.of(scores, scale)), pairBias));
        return g.op("Mul", List.of(g.op("Softmax", List.of(scores), i("axis", -1)), pairMask));
    }

    /** The relative table projected by {@code prefix}, split into heads and transposed: {@code (heads, hd, 2 span)}. */
    private String relativeHeads(String prefix) {
        String y = e.linear(prefix, table, spec.hidden(), spec.hidden());
        y = g.op("Reshape", List.of(y, g.longs(prefix + ".relative_heads_shape", new long[] {3},
                new long[] {2L * span, spec.heads(), spec.headSize()})));
        return g.op("Transpose", List.of(y), OnnxModelBuilder.ints("perm", 1, 2, 0));
    }

    private long clamp(int row) {
        return Math.max(0, Math.min(2L * span - 1, row));
    }
}
