package dev.debias.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.debias.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relative-position settings of a DeBERTa-v2 (and DeBERTa-v3) encoder, as its {@code config.json}
 * holds them: the disentangled attention adds, to each content score {@code q_i . k_j}, a
 * content-to-position term {@code q_i . Kr[d(i, j)]} ({@code c2p}) and a position-to-content term
 * {@code k_j . Qr[d'(j, i)]} ({@code p2c}), read from one table of relative-position embeddings
 * ({@code encoder.rel_embeddings}, {@code 2 * span} rows).
 *
 * @param maxRelativePositions {@code max_relative_positions}; below 1 means {@code max_position_embeddings}
 * @param positionBuckets {@code position_buckets}: the number of log-spaced buckets of a relative distance
 *     (v3: 256); 0 or below for none, when the distance itself (clamped to the span) is used
 * @param normalize whether {@code norm_rel_ebd} names {@code layer_norm}: the relative table goes through
 *     {@code encoder.LayerNorm} first
 * @param shareKeys {@code share_att_key}: the relative table is projected by the layer's own
 *     {@code query_proj}/{@code key_proj}; otherwise by {@code pos_query_proj}/{@code pos_key_proj}
 * @param contentToPosition whether {@code pos_att_type} holds {@code c2p}
 * @param positionToContent whether {@code pos_att_type} holds {@code p2c}
 * @param positionBiasedInput {@code position_biased_input}: absolute position embeddings are added to
 *     the word embeddings (v3: false, and there is no position table)
 */
public record RelativeAttention(int maxRelativePositions, int positionBuckets, boolean normalize, boolean shareKeys,
        boolean contentToPosition, boolean positionToContent, boolean positionBiasedInput) {
    /** DeBERTa-v3's settings: 256 buckets over 512 positions, LayerNorm, shared keys, c2p and p2c, no absolute positions. */
    public static final RelativeAttention V3 = new RelativeAttention(-1, 256, true, true, true, true, false);

    /**
     * Rows per direction of the relative table ({@code pos_ebd_size}): the bucket count when there are
     * buckets, else the maximum relative distance ({@code maxPositions} when {@link #maxRelativePositions} is
     * below 1).
     */
    public int span(int maxPositions) {
        return positionBuckets > 0 ? positionBuckets : maxDistance(maxPositions);
    }

    /** The maximum relative distance: {@link #maxRelativePositions}, or {@code maxPositions} when it is below 1. */
    public int maxDistance(int maxPositions) {
        return maxRelativePositions < 1 ? maxPositions : maxRelativePositions;
    }

    /** {@code 1 + [c2p] + [p2c]}: the scores are divided by {@code sqrt(head size * factor)}. */
    public int scaleFactor() {
        return 1 + (contentToPosition ? 1 : 0) + (positionToContent ? 1 : 0);
    }

    /**
     * The relative position of query {@code i} to key {@code j} for the distance {@code r = i - j}: {@code r}
     * itself, or with buckets ({@code b = positionBuckets}, {@code mid = b / 2}) {@code r} when {@code |r| <=
     * mid} and otherwise {@code sign(r) * (mid + ceil(log(|r| / mid) / log((max - 1) / mid) * (mid - 1)))},
     * {@code max} the {@linkplain #maxDistance maximum distance}.
     */
    public int bucket(int r, int maxPositions) {
        int max = maxDistance(maxPositions);
        if (positionBuckets <= 0 || max <= 0) {
            return r;
        }
        int mid = positionBuckets / 2;
        int abs = Math.abs(r);
        if (abs <= mid) {
            return r;
        }
        double log = Math.ceil(Math.log((double) abs / mid) / Math.log((max - 1) / (double) mid) * (mid - 1)) + mid;
        return (int) log * Integer.signum(r);
    }

    /**
     * Reads the settings of a {@code deberta-v2} config, with Hugging Face's defaults for absent keys.
     *
     * @throws InvalidInputException naming {@code file} and the setting when it is one debias does not run:
     *     {@code relative_attention} false, a {@code conv_kernel_size} above 0 (the convolution layer of
     *     deberta-v2-xlarge), an {@code attention_head_size} other than {@code hidden_size / num_attention_heads},
     *     a {@code pooler_hidden_size} other than {@code hidden_size}, a {@code pooler_hidden_act} other than
     *     gelu, or a {@code pos_att_type} entry other than c2p and p2c
     */
    static RelativeAttention read(JsonNode n, Path file, int hidden, int heads) {
        if (!n.path("relative_attention").asBoolean(false)) {
            throw new InvalidInputException(file + ": relative_attention is not true; debias runs deberta-v2 with "
                    + "relative attention only, as every published DeBERTa-v2 and v3 model has it");
        }
        int conv = n.path("conv_kernel_size").asInt(0);
        if (conv > 0) {
            throw new InvalidInputException(file + ": conv_kernel_size is " + conv + "; debias runs deberta-v2 "
                    + "without the convolution after the first layer (DeBERTa-v3 and mDeBERTa have none, "
                    + "deberta-v2-xlarge and -xxlarge do), so this model is not supported yet");
        }
        if (heads > 0 && hidden % heads == 0 && n.has("attention_head_size")
                && n.path("attention_head_size").asInt() != hidden / heads) {
            throw new InvalidInputException(file + ": attention_head_size " + n.path("attention_head_size").asInt()
                    + " is not hidden_size / num_attention_heads (" + hidden / heads + "); not supported");
        }
        int pooler = n.path("pooler_hidden_size").asInt(hidden);
        if (pooler != hidden) {
            throw new InvalidInputException(file + ": pooler_hidden_size " + pooler + " differs from hidden_size "
                    + hidden + "; not supported");
        }
        String act = n.path("pooler_hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new InvalidInputException(file + ": pooler_hidden_act '" + act + "' is not supported (gelu only)");
        }
        List<String> types = new ArrayList<>();
        JsonNode t = n.path("pos_att_type");
        if (t.isArray()) {
            t.forEach(e -> types.add(e.asText().strip().toLowerCase(Locale.ROOT)));
        } else if (t.isTextual()) {
            for (String e : t.asText().split("\\|")) {
                types.add(e.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (String e : types) {
            if (!e.equals("c2p") && !e.equals("p2c")) {
                throw new InvalidInputException(file + ": pos_att_type entry '" + e + "' is not supported "
                        + "(c2p and p2c are)");
            }
        }
        boolean normalize = false;
        for (String e : n.path("norm_rel_ebd").asText("none").toLowerCase(Locale.ROOT).split("\\|")) {
            normalize |= e.strip().equals("layer_norm");
        }
        return new RelativeAttention(n.path("max_relative_positions").asInt(-1), n.path("position_buckets").asInt(-1),
                normalize, n.path("share_att_key").asBoolean(false), types.contains("c2p"), types.contains("p2c"),
                n.path("position_biased_input").asBoolean(true));
    }

    /** The config.json lines of these settings (with a leading comma), so that {@link #read} gives them back. */
    String body(int hidden) {
        List<String> types = new ArrayList<>();
        if (positionToContent) {
            types.add("\"p2c\"");
        }
        if (contentToPosition) {
            types.add("\"c2p\"");
        }
        return String.format(Locale.ROOT, ",\n  \"pad_token_id\": 0,\n  \"relative_attention\": true,\n"
                + "  \"max_relative_positions\": %d,\n  \"position_buckets\": %d,\n  \"norm_rel_ebd\": \"%s\",\n"
                + "  \"share_att_key\": %b,\n  \"pos_att_type\": [%s],\n  \"position_biased_input\": %b,\n"
                + "  \"pooler_hidden_size\": %d,\n  \"pooler_hidden_act\": \"gelu\"", maxRelativePositions,
                positionBuckets, normalize ? "layer_norm" : "none", shareKeys, String.join(", ", types),
                positionBiasedInput, hidden);
    }
}
