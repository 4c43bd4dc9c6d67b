package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias export} from the command line: a cls run exports, a mean run and a bad format are bad input. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private Path run(String pooling) throws Exception {
        TinyBert.Toy toy = TinyBert.toy(dir.resolve("toy-" + pooling));
        Path run = dir.resolve("run-" + pooling);
        CliTest.Run r = FinetuneCommandTest.debias("finetune", "--model", toy.model().toString(), "--train",
                toy.train().toString(), "--eval", toy.eval().toString(), "--epochs", "1", "--max-length", "32",
                "--pooling", pooling, "--out", run.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return run;
    }

    @Test
    void exportsAClsRunAndRefusesAMeanRun() throws Exception {
        Path out = dir.resolve("hf");
        CliTest.Run r = FinetuneCommandTest.debias("export", "--model", run("cls").toString(), "--to", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + out + " (hf)"), r.out());
        assertTrue(Files.readString(out.resolve("config.json")).contains("\"BertForSequenceClassification\""));

        Path mean = run("mean");
        r = FinetuneCommandTest.debias("export", "--model", mean.toString(), "--to", dir.resolve("m").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("the run pools by mean"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));

        Path onnx = dir.resolve("onnx");
        r = FinetuneCommandTest.debias("export", "--model", mean.toString(), "--to", onnx.toString(), "--format", "onnx");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("alpha\nbeta\n", Files.readString(onnx.resolve("labels.txt")));
        assertTrue(Files.size(onnx.resolve("model.onnx")) > 10_000);
        assertTrue(Files.isRegularFile(out.resolve("onnx/model.onnx")));

        r = FinetuneCommandTest.debias("export", "--model", mean.toString(), "--to", dir.resolve("x").toString(),
                "--format", "tflite");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--format must be hf or onnx, not 'tflite'"), r.err());
    }
}
