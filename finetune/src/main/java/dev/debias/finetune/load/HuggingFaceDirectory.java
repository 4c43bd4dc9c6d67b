package dev.debias.finetune.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weights and tokenizer of a Hugging Face model directory: {@code model.safetensors}, or the
 * shards a {@code model.safetensors.index.json} names, and {@code tokenizer.json}. What is missing or
 * in a format debias does not read (a {@code pytorch_model.bin}, a slow tokenizer's vocabulary files) is
 * an {@link InvalidInputException} that says how to convert it.
 */
final class HuggingFaceDirectory {
    static final String WEIGHTS = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";
    static final String TOKENIZER = "tokenizer.json";
    private static final String CONVERT = "save it with safe_serialization=True, e.g. in Python: "
            + "AutoModel.from_pretrained(DIR).save_pretrained(DIR, safe_serialization=True)";

    private HuggingFaceDirectory() {}

    /** Weights and the SHA-256 that identifies them (of the single file, or of the index and every shard). */
    record Loaded(Weights weights, String sha256) {}

    /** Reads every tensor of the directory's safetensors, one file or all shards in name order. */
    static Loaded weights(Path dir) throws IOException {
        Path single = dir.resolve(WEIGHTS);
        if (Files.isRegularFile(single)) {
            return new Loaded(SafeTensors.read(single), Hashing.sha256(single));
        }
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            return sharded(dir, index);
        }
        for (String torch : new String[] {"pytorch_model.bin", "pytorch_model.bin.index.json", "tf_model.h5"}) {
            if (Files.exists(dir.resolve(torch))) {
                throw new InvalidInputException(dir.resolve(torch) + ": debias reads safetensors weights, not "
                        + torch + "; " + CONVERT);
            }
        }
        throw new InvalidInputException(single + ": missing (the model weights; " + WEIGHTS + " or a sharded "
                + INDEX + ")");
    }

    private static Loaded sharded(Path dir, Path index) throws IOException {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        } catch (JacksonException e) {
            throw new InvalidInputException(index + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new InvalidInputException(index + ": expected a non-empty \"weight_map\" of tensor -> shard file");
        }
        TreeSet<String> shards = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            String shard = it.next().getValue().asText();
            if (shard.isEmpty() || shard.contains("/") || shard.contains("\\")) {
                throw new InvalidInputException(index + ": shard '" + shard + "' is not a file name in " + dir);
            }
            shards.add(shard);
        }
        Weights all = new Weights();
        StringBuilder hashes = new StringBuilder(Hashing.sha256(index));
        for (String shard : shards) {
            Path file = dir.resolve(shard);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": missing (a shard that " + index.getFileName() + " names)");
            }
            SafeTensors.read(file).all().forEach((name, t) -> all.put(name, t.shape(), t.data()));
            hashes.append(' ').append(Hashing.sha256(file));
        }
        for (Iterator<String> it = map.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (all.get(name) == null) {
                throw new InvalidInputException(index + ": tensor " + name + " is not in its shard "
                        + map.get(name).asText());
            }
        }
        return new Loaded(all, Hashing.sha256(hashes.toString()));
    }

    /** The bytes of the directory's {@code tokenizer.json}. */
    static byte[] tokenizer(Path dir) throws IOException {
        Path file = dir.resolve(TOKENIZER);
        if (Files.isRegularFile(file)) {
            return Files.readAllBytes(file);
        }
        for (String slow : new String[] {"vocab.txt", "vocab.json", "sentencepiece.bpe.model", "spm.model"}) {
            if (Files.exists(dir.resolve(slow))) {
                throw new InvalidInputException(file + ": missing; the directory has " + slow + " (a slow tokenizer's "
                        + "files); debias needs the fast tokenizer's tokenizer.json, which in Python "
                        + "AutoTokenizer.from_pretrained(DIR).save_pretrained(DIR) writes");
            }
        }
        throw new InvalidInputException(file + ": missing (the tokenizer)");
    }
}
