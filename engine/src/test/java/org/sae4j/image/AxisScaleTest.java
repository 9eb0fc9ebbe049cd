package org.sae4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AxisScaleTest {

    @Test
    void coversTheRangeWithRoundSteps() {
        AxisScale axis = AxisScale.covering(0.013, 0.97, 5, false);
        assertEquals(0.2, axis.step());
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0}, axis.ticks(), 1e-15);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(axis));
    }

    @Test
    void integralAxesUseWholeSteps() {
        assertEquals(List.of("0", "10", "20", "30", "40", "50"), labels(AxisScale.covering(0, 49, 5, true)));
        assertEquals(List.of("0", "1"), labels(AxisScale.covering(0, 1, 5, true)));
    }

    @Test
    void constantValuesGetARangeAroundThem() {
        assertEquals(List.of("2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"),
                labels(AxisScale.covering(2.5, 2.5, 5, false)));
        assertEquals(List.of("-1.0", "-0.5", "0.0", "0.5", "1.0"), labels(AxisScale.covering(0, 0, 5, false)));
    }

    @Test
    void extremeMagnitudesUseScientificLabelsThatStayDistinct() {
        assertEquals(List.of("1.00e+09", "1.01e+09", "1.02e+09", "1.03e+09", "1.04e+09", "1.05e+09"),
                labels(AxisScale.covering(1.0e9, 1.05e9, 5, false)));
        assertEquals(List.of("1.0e-07", "1.5e-07", "2.0e-07", "2.5e-07", "3.0e-07"),
                labels(AxisScale.covering(1e-7, 3e-7, 5, false)));
    }

    @Test
    void nonFiniteRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AxisScale.covering(0, Double.NaN, 5, false));
        assertThrows(IllegalArgumentException.class, () -> AxisScale.covering(-Double.MAX_VALUE, Double.MAX_VALUE,
                5, false));
    }

    private static List<String> labels(AxisScale axis) {
        return Arrays.stream(axis.ticks()).mapToObj(axis::label).collect(Collectors.toList());
    }
}
