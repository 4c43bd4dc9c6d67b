package dev.debias.finetune.export;

import dev.debias.core.AtomicFile;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes an encoder classifier as an ONNX model (IR 8, opset 17) with inputs {@code input_ids},
 * {@code attention_mask} (and {@code token_type_ids} when the spec has token types), all int64
 * {@code (batch, sequence)}, and outputs {@code logits (batch, labels)} and {@code pooled (batch,
 * hidden)}, the vector the classifier reads.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /**
     * The model bytes of {@code spec} over canonical {@code weights}; head and neuron masks are folded
     * into the weights, {@code debias.weight_sparsity} is ignored.
     *
     * @throws IllegalArgumentException naming the tensor when one the graph needs is missing or misshapen
     */
    public static byte[] write(EncoderGraphSpec spec, Weights weights) {
        return EncoderGraph.build(spec, weights);
    }

    /**
     * Writes the model to {@code file}, atomically: an interrupted write leaves any old file as it was.
     *
     * @throws IllegalArgumentException as {@link #write(EncoderGraphSpec, Weights)}
     */
    public static void write(EncoderGraphSpec spec, Weights weights, Path file) throws IOException {
        byte[] bytes = write(spec, weights);
        AtomicFile out = AtomicFile.create(file);
        try {
            try (OutputStream s = out.openStream()) {
                s.write(bytes);
            }
            out.commit();
        } finally {
            out.discard();
        }
    }
}
