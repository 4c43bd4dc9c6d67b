package dev.debias.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvCellsTest {
    @Test
    void formulaCellsGetAQuote() {
        assertEquals("'=HYPERLINK(\"x\")", CsvCells.safe("=HYPERLINK(\"x\")"));
        assertEquals("'+cmd|' /C calc'!A0", CsvCells.safe("+cmd|' /C calc'!A0"));
        assertEquals("'-2+3+cmd", CsvCells.safe("-2+3+cmd"));
        assertEquals("'@SUM(A1)", CsvCells.safe("@SUM(A1)"));
        assertEquals("'\t=1", CsvCells.safe("\t=1"));
        assertEquals("'\r=1", CsvCells.safe("\r=1"));
        assertEquals("'-", CsvCells.safe("-"));
    }

    @Test
    void otherTextAndNumbersAreUnchanged() {
        assertEquals("nurse", CsvCells.safe("nurse"));
        assertEquals("a=b", CsvCells.safe("a=b"));
        assertEquals("-0.05", CsvCells.safe("-0.05"));
        assertEquals("+3", CsvCells.safe("+3"));
        assertEquals("-1e-5", CsvCells.safe("-1e-5"));
        assertEquals("", CsvCells.safe(""));
        assertEquals("", CsvCells.safe(null));
    }

    @Test
    void fieldQuotesAfterNeutralising() {
        assertEquals("\"'=1,2\"", CsvCells.field("=1,2"));
        assertEquals("\"'=\"\"x\"\"\"", CsvCells.field("=\"x\""));
        assertEquals("female", CsvCells.field("female"));
        assertEquals("\"a,b\"", CsvCells.field("a,b"));
    }
}
