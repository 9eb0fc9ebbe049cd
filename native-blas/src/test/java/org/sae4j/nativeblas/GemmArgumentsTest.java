package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The checks that stand between a bad call and native code; they need no native library. */
class GemmArgumentsTest {

    private static String rejection(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void negativeDimensionIsNamed() {
        assertEquals("dgemm: k = -1, expected >= 0", rejection(() -> GemmArguments.check("dgemm", false, false,
                2, 2, -1, 4, 0, 2, 4, 0, 1, 4, 0, 2)));
    }

    @Test
    void leadingDimensionMustCoverTheStoredRows() {
        // op(A) = A is 7 x 3, so lda >= 7.
        assertEquals("dgemm: ldA = 6, expected >= max(1, 7) because transA=false, so A is m x k (7 x 3)",
                rejection(() -> GemmArguments.check("dgemm", false, false, 7, 2, 3, 100, 0, 6, 100, 0, 3, 100, 0, 7)));
        // op(A) = A^T is 7 x 5, so A is stored 5 x 7 and lda >= 5.
        assertEquals("sgemm: ldA = 4, expected >= max(1, 5) because transA=true, so A is k x m (5 x 7)",
                rejection(() -> GemmArguments.check("sgemm", true, false, 7, 2, 5, 100, 0, 4, 100, 0, 5, 100, 0, 7)));
        // op(B) = B^T is 3 x 2, so B is stored 2 x 3 and ldb >= 2.
        assertEquals("dgemm: ldB = 1, expected >= max(1, 2) because transB=true, so B is n x k (2 x 3)",
                rejection(() -> GemmArguments.check("dgemm", false, true, 4, 2, 3, 100, 0, 4, 100, 0, 1, 100, 0, 4)));
        // An empty C still needs ldc >= 1, as in BLAS.
        assertEquals("dgemm: ldC = 0, expected >= max(1, 0) because C is m x n (0 x 3)",
                rejection(() -> GemmArguments.check("dgemm", false, false, 0, 3, 2, 0, 0, 1, 6, 0, 2, 0, 0, 0)));
    }

    @Test
    void arrayMustHoldTheWholeMatrixFromItsOffset() {
        // A is 3 x 4 with lda 3 from offset 2: its last element is at 2 + 3 * 3 + 2 = 13.
        assertEquals("dgemm: A (3 x 4, offA = 2, ldA = 3) reaches index 13 but the array has length 13; "
                        + "transA=false, so A is m x k",
                rejection(() -> GemmArguments.check("dgemm", false, false, 3, 2, 4, 13, 2, 3, 8, 0, 4, 6, 0, 3)));
        assertDoesNotThrow(() -> GemmArguments.check("dgemm", false, false, 3, 2, 4, 14, 2, 3, 8, 0, 4, 6, 0, 3));
    }

    @Test
    void offsetMustNotBeNegative() {
        assertEquals("sgemm: offB = -1, expected >= 0",
                rejection(() -> GemmArguments.check("sgemm", false, false, 2, 2, 2, 4, 0, 2, 4, -1, 2, 4, 0, 2)));
    }

    @Test
    void indexBeyondIntRangeIsCaughtNotWrapped() {
        // (cols - 1) * ld overflows int; computed in long it is far beyond the array.
        String message = rejection(() -> GemmArguments.check("dgemm", false, false,
                2, 70_000, 1, 2, 0, 2, 70_000, 0, 1, 10, 0, 70_000));
        assertEquals("dgemm: C (2 x 70000, offC = 0, ldC = 70000) reaches index 4899930001 but the array has "
                + "length 10; C is m x n", message);
    }

    @Test
    void emptyMatrixNeedsNoStorage() {
        assertDoesNotThrow(() -> GemmArguments.check("dgemm", true, true, 3, 2, 0, 0, 5, 1, 0, 9, 2, 6, 0, 3));
    }
}
