package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.sae4j.backend.MatrixBackendProvider.Availability;

/** Skips a test when the native BLAS is missing, except under CI=true, where a missing library is a failure. */
final class NativeRequired {

    private NativeRequired() {
    }

    static void assumeNativeBlas() {
        Availability availability = new NativeBlasProvider().availability();
        if (availability.available()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, so the native BLAS must be installed, but: " + availability.reason());
        }
        Assumptions.abort("Skipped: the native BLAS is not installed here (with CI=true this would fail): "
                + availability.reason());
    }
}
