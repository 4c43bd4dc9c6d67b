package dev.debias.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.debias.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The settings of a ModernBERT encoder that BERT's shape does not hold, as its {@code config.json} has them:
 * rotary position embeddings instead of a position table, alternating global and sliding-window
 * ("local") attention, and which of the linear layers and LayerNorms have biases.
 *
 * <p>Layer {@code i} is global when {@code i % globalEvery == 0}: it attends to every token and rotates
 * with {@code globalRopeTheta}. Every other layer is local: query {@code i} attends to key {@code j} only
 * when {@code |i - j| <= localWindow / 2}, and it rotates with {@code localRopeTheta}.
 *
 * @param globalRopeTheta {@code global_rope_theta}: the rotary base of global layers
 * @param localRopeTheta {@code local_rope_theta}: the rotary base of local layers ({@code global_rope_theta}
 *     when the config has none)
 * @param localWindow {@code local_attention}: the width of the sliding window, both sides together
 * @param globalEvery {@code global_attn_every_n_layers}
 * @param normBias {@code norm_bias}: whether every LayerNorm has a bias (else scale only)
 * @param attentionBias {@code attention_bias}: whether {@code Wqkv} and the attention's {@code Wo} have biases
 * @param mlpBias {@code mlp_bias}: whether the feed-forward {@code Wi} and {@code Wo} have biases
 * @param classifierBias {@code classifier_bias}: whether the head's {@code dense} has a bias
 * @param decoderBias {@code decoder_bias}: whether the masked-LM decoder has a bias
 * @param padTokenId {@code pad_token_id}, written back as read
 */
public record ModernBertSettings(double globalRopeTheta, double localRopeTheta, int localWindow, int globalEvery,
        boolean normBias, boolean attentionBias, boolean mlpBias, boolean classifierBias, boolean decoderBias,
        int padTokenId) {
    /** answerdotai/ModernBERT-base's settings. */
    public static final ModernBertSettings BASE =
            new ModernBertSettings(160000.0, 10000.0, 128, 3, false, false, false, false, true, 50283);

    public ModernBertSettings {
        if (!(globalRopeTheta > 0) || !(localRopeTheta > 0) || Double.isInfinite(globalRopeTheta)
                || Double.isInfinite(localRopeTheta)) {
            throw new IllegalArgumentException("the rotary bases must be positive numbers, not " + globalRopeTheta
                    + " and " + localRopeTheta);
        }
        if (localWindow < 0 || globalEvery < 1) {
            throw new IllegalArgumentException("local_attention (" + localWindow + ") must not be negative and "
                    + "global_attn_every_n_layers (" + globalEvery + ") must be at least 1");
        }
    }

    /** Whether layer {@code layer} attends globally ({@code layer % globalEvery == 0}). */
    public boolean isGlobal(int layer) {
        return layer % globalEvery == 0;
    }

    /** The rotary base of layer {@code layer}. */
    public double theta(int layer) {
        return isGlobal(layer) ? globalRopeTheta : localRopeTheta;
    }

    /** The largest distance {@code |i - j|} a local layer attends over: {@code localWindow / 2}. */
    public int halfWindow() {
        return localWindow / 2;
    }

    /**
     * Reads the settings of a {@code modernbert} config, with Hugging Face's defaults for absent keys.
     *
     * @throws InvalidInputException naming {@code file} and the setting when it is one debias does not run: a
     *     {@code hidden_activation} or {@code classifier_activation} other than gelu (erf form), or a
     *     {@code classifier_pooling} other than cls and mean
     */
    static ModernBertSettings read(JsonNode n, Path file) {
        for (String key : new String[] {"hidden_activation", "classifier_activation"}) {
            String act = n.path(key).asText("gelu");
            if (!act.equals("gelu")) {
                throw new InvalidInputException(file + ": " + key + " '" + act + "' is not supported (gelu, the erf "
                        + "form, only)");
            }
        }
        String pooling = n.path("classifier_pooling").asText("cls");
        if (!pooling.equals("cls") && !pooling.equals("mean")) {
            throw new InvalidInputException(file + ": classifier_pooling '" + pooling + "' is not supported (cls or "
                    + "mean)");
        }
        double global = n.path("global_rope_theta").asDouble(160000.0);
        JsonNode local = n.path("local_rope_theta");
        try {
            return new ModernBertSettings(global, local.isNumber() ? local.asDouble() : global,
                    n.path("local_attention").asInt(128), n.path("global_attn_every_n_layers").asInt(3),
                    n.path("norm_bias").asBoolean(false), n.path("attention_bias").asBoolean(false),
                    n.path("mlp_bias").asBoolean(false), n.path("classifier_bias").asBoolean(false),
                    n.path("decoder_bias").asBoolean(true), n.path("pad_token_id").asInt(50283));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    /** The config.json lines of these settings (with a leading comma), so that {@link #read} gives them back. */
    String body() {
        return String.format(Locale.ROOT, ",\n  \"global_rope_theta\": %s,\n  \"local_rope_theta\": %s,\n"
                + "  \"local_attention\": %d,\n  \"global_attn_every_n_layers\": %d,\n  \"norm_bias\": %b,\n"
                + "  \"attention_bias\": %b,\n  \"mlp_bias\": %b,\n  \"classifier_bias\": %b,\n"
                + "  \"decoder_bias\": %b,\n  \"classifier_activation\": \"gelu\",\n  \"pad_token_id\": %d",
                Double.toString(globalRopeTheta), Double.toString(localRopeTheta), localWindow, globalEvery, normBias,
                attentionBias, mlpBias, classifierBias, decoderBias, padTokenId);
    }
}
