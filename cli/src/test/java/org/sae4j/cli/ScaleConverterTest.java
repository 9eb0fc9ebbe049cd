package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ScaleConverterTest {
    private final ScaleConverter converter = new ScaleConverter();

    @Test
    void readsFractionsAndDecimals() {
        assertEquals(1.0 / 255, converter.convert("1/255"));
        assertEquals(2.0 / 3, converter.convert(" 2 / 3 "));
        assertEquals(0.00392156862745098, converter.convert("0.00392156862745098"));
        assertEquals(-1e-3, converter.convert("-1e-3"));
    }

    @Test
    void refusesWhatIsNotAFiniteNumber() {
        for (String bad : new String[] {"abc", "1/", "/255", "1/0", "NaN", "1/2/3", ""}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
