package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CubicInterpolationTest {

    /** p(t) = t³ - 6t² + 9t + 1, p'(t) = 3(t - 1)(t - 3): local minimum at 3. */
    private static double p(double t) {
        return t * t * t - 6 * t * t + 9 * t + 1;
    }

    private static double dp(double t) {
        return 3 * t * t - 12 * t + 9;
    }

    @Test
    void recoversTheLocalMinimumOfACubicExactly() {
        assertEquals(3, CubicInterpolation.minimizer(2, p(2), dp(2), 5, p(5), dp(5)), 1e-12);
        assertEquals(3, CubicInterpolation.minimizer(5, p(5), dp(5), 2, p(2), dp(2)), 1e-12);
        assertEquals(3, CubicInterpolation.minimizer(0, p(0), dp(0), 4, p(4), dp(4)), 1e-12);
    }

    @Test
    void recoversTheMinimumOfAQuadratic() {
        // (t - 1.5)²: values 2.25 and 6.25, slopes -3 and 5 at 0 and 4.
        assertEquals(1.5, CubicInterpolation.minimizer(0, 2.25, -3, 4, 6.25, 5), 1e-12);
    }

    @Test
    void staysAccurateWithHugeSlopes() {
        double s = 1e200;
        assertEquals(3, CubicInterpolation.minimizer(2, s * p(2), s * dp(2), 5, s * p(5), s * dp(5)), 1e-9);
    }

    @Test
    void reportsNaNWhenThereIsNoMinimiser() {
        // t³ + t is increasing everywhere.
        assertTrue(Double.isNaN(CubicInterpolation.minimizer(0, 0, 1, 1, 2, 4)));
        assertTrue(Double.isNaN(CubicInterpolation.minimizer(1, 0, -1, 1, 0, -1)));
        assertTrue(Double.isNaN(CubicInterpolation.minimizer(0, 1, 0, 1, 1, 0)));
    }
}
