package dev.debias.finetune.load;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Weights;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the initializers of an ONNX export of a BERT model onto Hugging Face parameter names by
 * following the graph. Named initializers (embeddings, biases, LayerNorms) keep their names. An
 * unnamed {@code MatMul} weight ({@code onnx::MatMul_787}) is named after the bias of the
 * {@code Add} node that consumes the {@code MatMul}'s output ({@code ...query.bias} makes it
 * {@code ...query.weight}) and transposed from ONNX's {@code (in, out)} to the Hugging Face
 * {@code (out, in)}. The head count, which no weight shape tells, is read from the constant shape the
 * attention reshapes its keys to.
 */
public final class OnnxBertLoader {
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    private OnnxBertLoader() {}

    /** The model's weights under Hugging Face names and its configuration. */
    public record Loaded(BertConfig config, Weights weights) {}

    /**
     * Loads weights and configuration from a parsed graph; {@code origin} names the model in errors.
     *
     * @throws InvalidInputException when the graph is not a BERT encoder this loader understands
     */
    public static Loaded load(OnnxGraph graph, String origin) {
        Map<String, OnnxGraph.Tensor> inits = graph.initializers();
        if (inits.containsKey("encoder.rel_embeddings.weight")) {
            // a DeBERTa graph (debias's own export): its relative attention is not recoverable from the nodes here
            throw new InvalidInputException(origin + ": a deberta-v2 graph (it holds encoder.rel_embeddings.weight); "
                    + "debias reads BERT ONNX graphs as models, so give the Hugging Face directory instead");
        }
        if (inits.containsKey("embeddings.tok_embeddings.weight")) {
            // a ModernBERT graph (debias's own export): its rotary, windowed layers are not BERT's
            throw new InvalidInputException(origin + ": a modernbert graph (it holds embeddings.tok_embeddings.weight); "
                    + "debias reads BERT ONNX graphs as models, so give the Hugging Face directory instead");
        }
        Map<String, OnnxGraph.Node> producer = new HashMap<>();
        Map<String, java.util.List<OnnxGraph.Node>> consumers = new HashMap<>();
        for (OnnxGraph.Node n : graph.nodes()) {
            n.outputs().forEach(o -> producer.put(o, n));
            n.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new java.util.ArrayList<>()).add(n));
        }
        Weights w = new Weights();
        for (OnnxGraph.Tensor t : inits.values()) {
            if (isHfName(t.name())) {
                w.put(t.name(), t.dims(), t.data());
            }
        }
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!n.opType().equals("MatMul") || n.inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Tensor weight = inits.get(n.inputs().get(1));
            if (weight == null || isHfName(weight.name()) || weight.dims().length != 2) {
                continue;
            }
            String bias = null;
            for (OnnxGraph.Node c : consumers.getOrDefault(n.outputs().get(0), List.of())) {
                if (c.opType().equals("Add")) {
                    for (String in : c.inputs()) {
                        if (in.endsWith(".bias") && inits.containsKey(in)) {
                            bias = in;
                        }
                    }
                }
            }
            if (bias == null) {
                throw new InvalidInputException(origin + ": cannot name the MatMul weight " + weight.name()
                        + " (no bias Add consumes its output); is this a BERT export?");
            }
            String name = bias.substring(0, bias.length() - ".bias".length()) + ".weight";
            w.put(name, new long[] {weight.dims()[1], weight.dims()[0]}, transpose(weight));
        }
        Weights.Tensor words = w.get("embeddings.word_embeddings.weight");
        Weights.Tensor positions = w.get("embeddings.position_embeddings.weight");
        if (words == null || positions == null) {
            throw new InvalidInputException(origin + ": no embeddings.word_embeddings.weight or position table; "
                    + "is this a BERT export?");
        }
        int hidden = (int) words.shape()[1];
        TreeSet<Integer> layers = new TreeSet<>();
        for (String name : w.all().keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                layers.add(Integer.parseInt(m.group(1)));
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidInputException(origin + ": no encoder layers found");
        }
        Weights.Tensor inter = w.get("encoder.layer.0.intermediate.dense.bias");
        Weights.Tensor types = w.get("embeddings.token_type_embeddings.weight");
        BertConfig config = new BertConfig((int) words.shape()[0], hidden, layers.last() + 1, heads(graph, hidden, origin),
                inter == null ? 4 * hidden : (int) inter.shape()[0], (int) positions.shape()[0],
                types == null ? 1 : (int) types.shape()[0], 1e-12);
        return new Loaded(config, w);
    }

    private static boolean isHfName(String name) {
        return name.startsWith("embeddings.") || name.startsWith("encoder.") || name.startsWith("pooler.");
    }

    private static float[] transpose(OnnxGraph.Tensor t) {
        int rows = (int) t.dims()[0];
        int cols = (int) t.dims()[1];
        float[] out = new float[rows * cols];
        float[] in = t.data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return out;
    }

    /** Heads: two constants a, b with a * b = hidden in the shape that attention reshapes to. */
    private static int heads(OnnxGraph graph, int hidden, String origin) {
        Map<String, OnnxGraph.Node> byOutput = new HashMap<>();
        graph.nodes().forEach(n -> n.outputs().forEach(o -> byOutput.put(o, n)));
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!n.opType().equals("Reshape") || n.inputs().size() < 2 || !n.name().contains("attention")) {
                continue;
            }
            OnnxGraph.Node shape = byOutput.get(n.inputs().get(1));
            if (shape == null) {
                continue;
            }
            java.util.List<Long> consts = new java.util.ArrayList<>();
            if (shape.opType().equals("Constant")) {
                for (long v : shape.constant()) {
                    consts.add(v);
                }
            } else if (shape.opType().equals("Concat")) {
                for (String in : shape.inputs()) {
                    OnnxGraph.Node c = byOutput.get(in);
                    if (c != null && c.opType().equals("Constant") && c.constant().length == 1) {
                        consts.add(c.constant()[0]);
                    }
                }
            }
            for (int i = 0; i + 1 < consts.size(); i++) {
                long a = consts.get(i);
                long b = consts.get(i + 1);
                if (a > 1 && b > 1 && a * b == hidden) {
                    return (int) a;
                }
            }
        }
        throw new InvalidInputException(origin + ": cannot find the number of attention heads in the graph");
    }
}
