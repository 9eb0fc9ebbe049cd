package org.sae4j.nativeblas;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.sae4j.backend.BackendUnavailableException;

/**
 * The native BLAS chosen as for the {@code native} backend ({@code -Dsae4j.native}), but with its
 * threads left as the environment set them: for measuring what the library alone does, as the
 * benchmark report's bound does in a child JVM. Not for the engine, which needs one thread per product.
 */
public final class BareNativeBlas {

    private final NativeBlasLibrary library;

    private BareNativeBlas(NativeBlasLibrary library) {
        this.library = library;
    }

    /**
     * Loads the library; call at most once per JVM, and not in a JVM that uses the {@code native} backend.
     *
     * @throws BackendUnavailableException when it cannot be loaded, with the reason
     */
    public static BareNativeBlas load() {
        NativeBlasLibrary library = NativeBlasLibrary.load(false);
        if (!library.availability().available()) {
            throw new BackendUnavailableException(library.availability().reason());
        }
        return new BareNativeBlas(library);
    }

    public NativeBLAS blas() {
        return library.blas();
    }

    /** The library file loaded. */
    public String file() {
        return library.info().nativeLibrary();
    }

    /** Version, threading and core, e.g. {@code OpenBLAS 0.3.31 pthread, core Haswell, bundled}. */
    public String kernel() {
        return library.info().kernel();
    }

    /** Whether it runs a generic fallback core on a CPU with AVX2 or AVX-512. */
    public boolean genericCore() {
        return library.genericCore();
    }

    /** Threads one product uses. */
    public int threads() {
        return library.info().blasThreads();
    }
}
