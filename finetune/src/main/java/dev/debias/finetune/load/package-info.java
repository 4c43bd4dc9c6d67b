/**
 * Where a pre-trained model comes from: the embedded all-MiniLM-L6-v2 ({@code builtin:minilm}), a Hugging
 * Face directory, or an ONNX export whose weights are read from the graph; each yields a configuration,
 * weights and a tokenizer.
 */
package dev.debias.finetune.load;
