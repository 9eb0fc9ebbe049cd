package org.sae4j.nativeblas;

import org.sae4j.backend.BackendUnavailableException;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;

/**
 * Registers the {@value #NAME} backend: GEMM in the system BLAS (OpenBLAS) through
 * {@code dev.ludovic.netlib:blas}. It is preferred under {@code auto} when the library loads.
 *
 * <p>The library is loaded once, on the first call to {@link #availability()}; that answer is kept
 * for the life of the JVM because a native library cannot be unloaded or loaded again.
 */
public final class NativeBlasProvider implements MatrixBackendProvider {

    /** The selection name. */
    public static final String NAME = "native";

    /** Above the pure-Java backend's 10, so that {@code auto} picks native BLAS when it loads. */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return NativeBlasLibrary.get().availability();
    }

    @Override
    public MatrixBackend create() {
        NativeBlasLibrary library = NativeBlasLibrary.get();
        if (!library.availability().available()) {
            throw new BackendUnavailableException("Backend '" + NAME + "' is not available: "
                    + library.availability().reason());
        }
        return new NativeBlasBackend(library.blas(), library.info());
    }
}
