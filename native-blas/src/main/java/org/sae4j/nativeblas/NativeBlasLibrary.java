package org.sae4j.nativeblas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Arrays;
import java.util.Locale;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.MatrixBackendProvider.Availability;

/**
 * The system BLAS, loaded at most once per JVM (netlib itself loads once): whether it loaded, what
 * it is and how many threads a product uses.
 */
final class NativeBlasLibrary {

    static final String PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    static final String NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
    static final String INSTALL_HINT = "To install OpenBLAS, on Debian/Ubuntu: apt-get install libopenblas0-pthread; "
            + "Fedora: dnf install openblas-serial and -D" + NAME_PROPERTY + "=libopenblas.so.0; "
            + "macOS: brew install openblas and -D" + PATH_PROPERTY + "=$(brew --prefix openblas)/lib/libopenblas.dylib";

    /** Large enough that OpenBLAS splits it over its threads (by default it keeps m*n*k <= 64^3 on one). */
    private static final int WARM_UP_SIZE = 256;

    private final Availability availability;
    private final NativeBLAS blas;
    private final BackendInfo info;

    private NativeBlasLibrary(Availability availability, NativeBLAS blas, BackendInfo info) {
        this.availability = availability;
        this.blas = blas;
        this.info = info;
    }

    private static final class Loaded {
        static final NativeBlasLibrary INSTANCE = load();
    }

    static NativeBlasLibrary get() {
        return Loaded.INSTANCE;
    }

    Availability availability() {
        return availability;
    }

    /** The loaded library; only when {@link #availability()} is available. */
    NativeBLAS blas() {
        return blas;
    }

    /** What is in use; only when {@link #availability()} is available. */
    BackendInfo info() {
        return info;
    }

    /** What netlib loads: {@value #PATH_PROPERTY}, else {@value #NAME_PROPERTY}, else its default for this OS. */
    static String requestedLibrary() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path != null && !path.isBlank()) {
            return path;
        }
        String name = System.getProperty(NAME_PROPERTY);
        if (name != null && !name.isBlank()) {
            return name;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return "/System/Library/Frameworks/Accelerate.framework/Accelerate";
        }
        return os.startsWith("windows") ? "libopenblas.dll" : "libblas.so.3";
    }

    private static NativeBlasLibrary load() {
        String library = requestedLibrary();
        try {
            return loadAndInspect(library);
        } catch (Throwable failure) {
            // Anything that goes wrong while loading native code means "unavailable": availability()
            // must explain, not throw. netlib 3.2 prints the loader's own error on stderr.
            return new NativeBlasLibrary(Availability.no("the native BLAS library '" + library
                    + "' could not be loaded (" + failure + "); netlib loads -D" + PATH_PROPERTY + " if set, else -D"
                    + NAME_PROPERTY + " if set, else libblas.so.3 on Linux. " + INSTALL_HINT + "."), null, null);
        }
    }

    private static NativeBlasLibrary loadAndInspect(String library) {
        BlasThreads threads = BlasThreads.watchLoading();
        NativeBLAS blas = NativeBLAS.getInstance();
        warmUp(blas);
        BlasLibraryFile file = BlasLibraryFile.identify(library, LinuxProcess.mappedFiles());
        int threadsPerProduct = threads.settle(library, file.kernel());
        BackendInfo info = new BackendInfo(NativeBlasProvider.NAME, blas.getClass().getName(), file.kernel(),
                file.file(), threadsPerProduct);
        return new NativeBlasLibrary(Availability.yes("loaded " + file.file() + " (" + file.kernel() + ")"), blas, info);
    }

    /** Runs one product with a known result, so that a library that loads but computes wrongly is refused. */
    private static void warmUp(NativeBLAS blas) {
        int n = WARM_UP_SIZE;
        double[] ones = new double[n * n];
        Arrays.fill(ones, 1.0);
        double[] product = new double[n * n];
        blas.dgemm("N", "N", n, n, n, 1.0, ones, 0, n, ones, 0, n, 0.0, product, 0, n);
        if (product[0] != n || product[n * n - 1] != n) {
            throw new IllegalStateException("a test product of all-ones " + n + " x " + n + " matrices gave "
                    + product[0] + " and " + product[n * n - 1] + " instead of " + n);
        }
    }
}
