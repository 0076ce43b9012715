package io.tandem.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CSV cells: quoted, quotes doubled, and formula starters defused for spreadsheets. */
class CsvTest {

    @Test
    void formulaStartersArePrefixedWithAnApostrophe() {
        assertEquals("\"'=SUM(A1:A9)\"", Csv.cell("=SUM(A1:A9)"));
        assertEquals("\"'+1+1\"", Csv.cell("+1+1"));
        assertEquals("\"'-2+3\"", Csv.cell("-2+3"));
        assertEquals("\"'@cmd\"", Csv.cell("@cmd"));
        assertEquals("\"'\tx\"", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
        assertEquals("\"a=b\"", Csv.cell("a=b"), "only at the start");
    }

    @Test
    void quotesCommasAndLineBreaksStayInsideTheCell() {
        assertEquals("\"say \"\"hi\"\", then, go\nhome\"", Csv.cell("say \"hi\", then, go\nhome"));
        assertEquals("\"\"", Csv.cell(null));
        assertEquals("\"1\",\"\",\"x\"\r\n", Csv.row(Arrays.asList(1, null, "x")));
    }
}
