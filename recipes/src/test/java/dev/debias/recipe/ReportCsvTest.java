package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.stats.Estimate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code results.csv}: text cells are safe to open in a spreadsheet, numbers are written as they are. */
class ReportCsvTest {
    @Test
    void formulaLikeDesignValuesAreNeutralisedAndNumbersAreNot() {
        Report r = new Report(Recipes.resolve(Recipes.parse("kind: quickstart\n", "r.yaml", true, "r")));
        Estimate e = Estimate.of(-0.05, -0.1, 0.0);
        r.cells(List.of(new Cell(Map.of("data", "=HYPERLINK(\"x\")"), List.of("run"),
                Map.of("@gap", new Effects.Summary(-0.05, 0.01, 3, 2, e)))));
        assertEquals("data,measure,value,low,high,runs,note\n\"'=HYPERLINK(\"\"x\"\")\",'@gap,-0.05,-0.1,0.0,2,\n",
                r.csv());
    }
}
