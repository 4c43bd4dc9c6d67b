package dev.debias.upstream;

import dev.debias.core.ArtifactProvenance;
import dev.debias.core.AtomicFile;
import dev.debias.core.Hashing;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the model directory of an {@link Upstream} run: {@code config.json}, {@code tokenizer.json},
 * {@code model.safetensors} and {@value Upstream#UPSTREAM_JSON}, each file atomically, the description
 * last (its presence marks a complete directory), with provenance beside the weights and the description.
 */
final class UpstreamDirectory {
    private UpstreamDirectory() {}

    /**
     * Writes {@code out}: {@code pre}'s configuration and tokenizer, {@code weights} and {@code result}.
     *
     * @param corpus the corpus the sentences came from, or null for the demo corpus
     * @param evalCorpus the corpus of the held-out pairs, or null
     */
    static void write(Path out, PretrainedModel pre, Weights weights, UpstreamResult result, Path corpus,
            Path evalCorpus) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(Upstream.UPSTREAM_JSON));
        Path config = out.resolve("config.json");
        AtomicFile.write(config, pre.config().toJson().getBytes(StandardCharsets.UTF_8));
        Path tokenizer = out.resolve("tokenizer.json");
        AtomicFile.write(tokenizer, pre.tokenizerJson());
        Path model = out.resolve("model.safetensors");
        SafeTensors.write(model, weights);
        Path json = out.resolve(Upstream.UPSTREAM_JSON);
        // written last: its presence marks a complete directory
        UpstreamFiles.write(result, json);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("model", pre.sha256());
        if (corpus != null) {
            inputs.put("corpus", Hashing.sha256(corpus));
        }
        if (evalCorpus != null) {
            inputs.put("eval_corpus", Hashing.sha256(evalCorpus));
        }
        for (Path p : List.of(model, json)) {
            ArtifactProvenance.of("upstream", result.parameters(), inputs, p, -1).writeBeside(p);
        }
    }
}
