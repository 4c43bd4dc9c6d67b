/** Writing fine-tuned runs as models other runtimes serve: Hugging Face directories and ONNX graphs. */
package dev.debias.finetune.export;
