package dev.debias.upstream;

import java.util.Map;

/**
 * What {@link Upstream#run()} did, as written to {@code upstream.json} in the model directory.
 *
 * @param schema {@value Upstream#SCHEMA}
 * @param method the method's command-line name
 * @param parameters every setting, as strings
 * @param seed the seed of every random choice
 * @param pooling the pooling the intervention was made for ({@code mean} or {@code cls}); fine-tuning
 *     the model with another pooling is refused when it has a projection
 * @param source where the pre-trained model came from and the SHA-256 of its weights
 * @param data the corpus the sentences came from, its SHA-256 (or the demo generator's settings) and
 *     the sample's counts
 * @param diagnostics what the method found
 * @param before intrinsic bias of the source model
 * @param after intrinsic bias of the new model
 * @param versions debias and library versions
 */
public record UpstreamResult(String schema, String method, Map<String, String> parameters, long seed, String pooling,
        Map<String, String> source, Map<String, Object> data, Diagnostics diagnostics, IntrinsicSnapshot before,
        IntrinsicSnapshot after, Map<String, String> versions) {
    public UpstreamResult {
        parameters = Map.copyOf(parameters);
        source = Map.copyOf(source);
        data = Map.copyOf(data);
        versions = Map.copyOf(versions);
    }
}
