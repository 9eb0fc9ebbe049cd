package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.precision.Precision;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    @Test
    void oneSamplePerLineWithoutHeader() throws IOException {
        Dataset d = CsvReader.read(csv("1,2,3\n4.5, -6e-1 ,+7.\n\n \n"));
        assertEquals(3, d.features());
        assertEquals(2, d.samples());
        assertEquals(Precision.F64, d.precision());
        assertArrayEquals(new double[] {1, 2, 3, 4.5, -0.6, 7}, d.doubles());
    }

    @Test
    void detectsHeaderAndCrLf() throws IOException {
        Dataset d = CsvReader.read(csv("\uFEFFx,y\r\n1,2\r\n.5,3\r\n"));
        assertEquals(2, d.samples());
        assertArrayEquals(new double[] {1, 2, 0.5, 3}, d.doubles());
    }

    @Test
    void explicitHeaderOption() throws IOException {
        Path p = csv("0,1\n5,6\n");
        // pandas-style numeric column names cannot be told from data: the caller says so
        assertArrayEquals(new double[] {5, 6}, CsvReader.read(p, CsvReader.Header.PRESENT).doubles());
        assertArrayEquals(new double[] {0, 1, 5, 6}, CsvReader.read(p, CsvReader.Header.AUTO).doubles());
        Path q = csv("a,b\n5,6\n");
        String msg = assertThrows(DataFileException.class, () -> CsvReader.read(q, CsvReader.Header.ABSENT))
                .getMessage();
        assertTrue(msg.contains("line 1, column 1") && msg.contains("'a'"), msg);
    }

    private String failure(String text) throws IOException {
        Path p = csv(text);
        String msg = assertThrows(DataFileException.class, () -> CsvReader.read(p)).getMessage();
        assertTrue(msg.startsWith(p.toString()), msg);
        return msg;
    }

    @Test
    void raggedRowNamesLineAndCounts() throws IOException {
        String msg = failure("h1,h2,h3\n1,2,3\n4,5,6\n7,8\n");
        assertTrue(msg.contains("line 4") && msg.contains("expected 3 columns, got 2"), msg);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1,2\\n3,abc\\n|line 2, column 2|'abc'",
        "1,2\\n3,\\n|line 2, column 2|''",
        "1,2\\n3,1d\\n|line 2, column 2|'1d'",
        "1,2\\n0x10,1\\n|line 2, column 1|'0x10'",
        "1,2\\n3,1e\\n|line 2, column 2|'1e'",
        "1,zz\\n|line 1, column 2|Header.PRESENT"
    })
    void nonNumericFieldIsQuoted(String text, String where, String quoted) throws IOException {
        String msg = failure(text.replace("\\n", "\n"));
        assertTrue(msg.contains(where) && msg.contains(quoted), msg);
    }

    @Test
    void nonFiniteValues() throws IOException {
        String msg = failure("1,2\n3,NaN\n");
        assertTrue(msg.contains("line 2, column 2") && msg.contains("not finite"), msg);
        msg = failure("1,-inf\n");
        assertTrue(msg.contains("line 1, column 2") && msg.contains("'-inf'"), msg);
        msg = failure("1,2\n1e999,0\n");
        assertTrue(msg.contains("line 2, column 1") && msg.contains("overflows"), msg);
    }

    @Test
    void emptyFilesAndInteriorBlankLines() throws IOException {
        assertTrue(failure("").contains("no data lines"));
        assertTrue(failure("a,b\n\n").contains("no data lines"));
        String msg = failure("1,2\n\n3,4\n");
        assertTrue(msg.contains("line 2: blank line") && msg.contains("line 3"), msg);
    }
}
