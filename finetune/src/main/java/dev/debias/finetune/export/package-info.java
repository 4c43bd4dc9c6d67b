/**
 * Writes an encoder classifier as an ONNX model (opset 17) that ONNX Runtime and other runtimes run
 * without DJL: a hand-written protobuf writer for the ModelProto subset needed, a graph builder, and
 * the forward pass of {@link dev.debias.finetune.model.BertClassifier} emitted from canonical
 * (Hugging Face style) weights, with the upstream edits (projection, head and neuron masks) folded in.
 */
package dev.debias.finetune.export;
