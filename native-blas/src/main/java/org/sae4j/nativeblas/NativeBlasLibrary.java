package org.sae4j.nativeblas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.Cpu;
import org.sae4j.backend.MatrixBackendProvider.Availability;
import org.sae4j.io.UserCache;
import org.sae4j.nativeblas.NativeLibraryChoice.Kind;

/**
 * The native BLAS, loaded at most once per JVM (netlib itself loads once): which library
 * ({@link NativeLibraryChoice}), whether it loaded, what it is and how many threads a product uses.
 *
 * <p>Every candidate is located and opened with {@link System#load} before netlib is asked to use it.
 * netlib can try only once per JVM and prints the loader's error on stderr when it fails; opening the
 * file first lets a failed candidate give way to the next one, and keeps that line away from users.
 */
final class NativeBlasLibrary {

    static final String PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    static final String NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
    static final String SYSTEM_LIBRARY = "libblas.so.3";
    static final String INSTALL_HINT = "For the system OpenBLAS, on Debian/Ubuntu: apt-get install libopenblas0-pthread; "
            + "Fedora: dnf install openblas-serial and -D" + NAME_PROPERTY + "=libopenblas.so.0; "
            + "macOS: brew install openblas and -D" + PATH_PROPERTY + "=$(brew --prefix openblas)/lib/libopenblas.dylib";

    private static final System.Logger LOG = System.getLogger(NativeBlasLibrary.class.getName());

    /** Large enough that OpenBLAS splits it over its threads (by default it keeps m*n*k <= 64^3 on one). */
    private static final int WARM_UP_SIZE = 256;

    private final Availability availability;
    private final NativeBLAS blas;
    private final BackendInfo info;
    private final boolean genericCore;

    private NativeBlasLibrary(Availability availability, NativeBLAS blas, BackendInfo info, boolean genericCore) {
        this.availability = availability;
        this.blas = blas;
        this.info = info;
        this.genericCore = genericCore;
    }

    private static final class Loaded {
        static final NativeBlasLibrary INSTANCE = load(true);
    }

    /** The library as the backend uses it: loaded once, one thread per product where that can be set. */
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

    /** Whether it runs a generic fallback core on a CPU with AVX2 or AVX-512. */
    boolean genericCore() {
        return genericCore;
    }

    /** netlib's default library name for this OS, used where sae4j cannot locate files itself. */
    static String defaultLibraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return "/System/Library/Frameworks/Accelerate.framework/Accelerate";
        }
        return os.startsWith("windows") ? "libopenblas.dll" : SYSTEM_LIBRARY;
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** A library found and opened, not yet handed to netlib. */
    private record Located(String library, String origin, Optional<String> bundledVersion) {
    }

    /** Why one candidate cannot be used. */
    private static final class CandidateFailure extends Exception {
        CandidateFailure(String message) {
            super(message);
        }
    }

    /**
     * Loads the chosen library.
     *
     * @param limitThreads bring OpenBLAS down to one thread per product (the engine's need); the
     *                     benchmark bound leaves the threads as the environment set them
     */
    static NativeBlasLibrary load(boolean limitThreads) {
        NativeLibraryChoice choice;
        try {
            choice = NativeLibraryChoice.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            return unavailable(e.getMessage());
        }
        BlasThreads threads = BlasThreads.watchLoading();
        List<String> failures = new ArrayList<>();
        Located located = null;
        for (Kind kind : choice.candidates()) {
            try {
                located = locateAndOpen(kind, choice);
                break;
            } catch (CandidateFailure e) {
                failures.add(e.getMessage());
            } catch (RuntimeException e) {
                // availability() must explain, never throw: an unexpected failure is a failed candidate
                failures.add("the " + kind.name().toLowerCase(Locale.ROOT) + " library could not be prepared (" + e + ")");
            }
        }
        if (located == null) {
            // installing OpenBLAS helps unless the bundled library alone was asked for
            boolean hint = choice.kind() != Kind.BUNDLED;
            return unavailable(String.join("; ", failures) + " (library chosen by " + choice.origin() + ")."
                    + (hint ? " " + INSTALL_HINT + "." : ""));
        }
        if (!failures.isEmpty()) {
            LOG.log(Level.WARNING, "{0}; using the {1} instead", String.join("; ", failures), located.origin());
        }
        NativeBLAS blas;
        // netlib's own properties, when the user set them, already say what to load
        boolean ownPath = !choice.fromNetlibProperty();
        try {
            // netlib reads its property once, while it loads; it is put back afterwards so that the
            // JVM's properties keep saying only what the user set.
            if (ownPath) {
                System.setProperty(PATH_PROPERTY, located.library());
            }
            blas = NativeBLAS.getInstance();
            warmUp(blas);
        } catch (Throwable failure) {
            // Anything that goes wrong in native code means "unavailable": availability() must explain, not throw.
            return unavailable("netlib could not use the " + located.origin() + " " + located.library() + " ("
                    + failure + "). " + INSTALL_HINT + ".");
        } finally {
            if (ownPath) {
                System.clearProperty(PATH_PROPERTY);
            }
        }
        return inspect(blas, located, threads, limitThreads);
    }

    private static NativeBlasLibrary inspect(NativeBLAS blas, Located located, BlasThreads threads,
                                             boolean limitThreads) {
        BlasLibraryFile file = BlasLibraryFile.identify(located.library(), LinuxProcess.mappedFiles());
        Optional<OpenBlasFunctions> functions = OpenBlasFunctions.open(located.library());
        boolean openBlas = functions.isPresent() || located.bundledVersion().isPresent()
                || file.kernel().startsWith("OpenBLAS");
        String kernel = file.kernel();
        OpenBlasCore core = null;
        if (openBlas) {
            Optional<String> version = located.bundledVersion();
            String threading = "";
            if (functions.isPresent()) {
                version = OpenBlasCore.versionInConfig(functions.get().config()).or(() -> located.bundledVersion());
                int mode = functions.get().parallelMode();
                threading = mode == OpenBlasFunctions.OPENMP ? " openmp" : mode == 0 ? " serial" : " pthread";
                core = OpenBlasCore.asked(functions.get().corename(), System.getenv(OpenBlasCore.CORETYPE_VARIABLE));
            } else {
                core = OpenBlasCore.fromEnvironment(System.getenv(OpenBlasCore.CORETYPE_VARIABLE));
            }
            kernel = (version.isPresent() ? "OpenBLAS " + version.get() + threading : file.kernel())
                    + ", " + core.describe() + (located.bundledVersion().isPresent() ? ", bundled" : "");
        }
        int threadsPerProduct = limitThreads ? threads.settle(functions, kernel) : threads.count(functions, kernel);
        Cpu cpu = Cpu.thisMachine();
        boolean generic = core != null && core.genericOn(cpu);
        if (generic) {
            warnGeneric(file.file(), core, cpu, located);
        }
        BackendInfo info = new BackendInfo(NativeBlasProvider.NAME, blas.getClass().getName(), kernel, file.file(),
                threadsPerProduct);
        return new NativeBlasLibrary(Availability.yes("loaded the " + located.origin() + " " + file.file() + " ("
                + kernel + (generic ? "; a generic fallback kernel, several times slower on this CPU" : "") + ")"),
                blas, info, generic);
    }

    private static void warnGeneric(String file, OpenBlasCore core, Cpu cpu, Located located) {
        String cause;
        String forced = System.getenv(OpenBlasCore.CORETYPE_VARIABLE);
        if (forced != null && !forced.isBlank()) {
            cause = "The environment variable " + OpenBlasCore.CORETYPE_VARIABLE + "=" + forced.strip()
                    + " forces it; unset it.";
        } else if (located.bundledVersion().isEmpty()) {
            cause = "This OpenBLAS is older than the CPU; the OpenBLAS bundled with sae4j knows it: leave -D"
                    + NativeLibraryChoice.PROPERTY + " unset, or set it to bundled.";
        } else {
            cause = "";
        }
        LOG.log(Level.WARNING, "{0} runs the generic {1} kernel of OpenBLAS on this {2} with {3}: matrix products"
                + " run several times slower than they could, and ''auto'' will prefer another backend if it"
                + " measures faster. {4}", file, core.name().orElse("?"), cpu.model(), cpu.vectorExtension(), cause);
    }

    private static Located locateAndOpen(Kind kind, NativeLibraryChoice choice) throws CandidateFailure {
        switch (kind) {
            case BUNDLED:
                return bundled();
            case SYSTEM:
                if (!linux()) {
                    return new Located(defaultLibraryName(), "system BLAS", Optional.empty());
                }
                Path system = SystemLibraryPath.find(SYSTEM_LIBRARY).orElseThrow(() -> new CandidateFailure(
                        "no system BLAS: " + SYSTEM_LIBRARY + " is not in LD_LIBRARY_PATH, /etc/ld.so.conf or the"
                                + " default library folders"));
                open(system, "the system BLAS " + system);
                return new Located(system.toString(), "system BLAS", Optional.empty());
            case NAME:
                if (!linux()) {
                    return new Located(choice.library(), "BLAS named by " + choice.origin(), Optional.empty());
                }
                Path named = SystemLibraryPath.find(choice.library()).orElseThrow(() -> new CandidateFailure(
                        choice.library() + ", named by " + choice.origin() + ", is not in LD_LIBRARY_PATH,"
                                + " /etc/ld.so.conf or the default library folders"));
                open(named, named + ", named by " + choice.origin());
                return new Located(choice.library(), "BLAS named by " + choice.origin(), Optional.empty());
            case PATH:
                Path path = Path.of(choice.library()).toAbsolutePath();
                if (!Files.isRegularFile(path)) {
                    throw new CandidateFailure(path + ", named by " + choice.origin() + ", "
                            + (Files.isDirectory(path) ? "is a folder, not a library file" : "does not exist"));
                }
                open(path, path + ", named by " + choice.origin());
                return new Located(path.toString(), "BLAS named by " + choice.origin(), Optional.empty());
            default:
                throw new IllegalArgumentException("not a single candidate: " + kind);
        }
    }

    private static Located bundled() throws CandidateFailure {
        BundledOpenBlas bundle = BundledOpenBlas.forThisPlatform().orElseThrow(() -> new CandidateFailure(
                "this sae4j jar bundles no OpenBLAS for " + BundledOpenBlas.platform(System.getProperty("os.name", ""),
                        System.getProperty("os.arch", "")) + " (it bundles linux-x86_64)"));
        Path folder;
        try {
            folder = bundle.unpack(UserCache.root());
        } catch (IOException e) {
            throw new CandidateFailure(e.getMessage());
        }
        List<String> mapped = LinuxProcess.mappedFiles();
        for (String file : bundle.files()) {
            boolean alreadyLoaded = !file.equals(bundle.library()) && mapped.stream()
                    .anyMatch(m -> m.endsWith("/" + file));
            if (!alreadyLoaded) {
                open(folder.resolve(file), "the bundled OpenBLAS file " + folder.resolve(file));
            }
        }
        return new Located(folder.resolve(bundle.library()).toString(), "bundled OpenBLAS " + bundle.openBlasVersion(),
                Optional.of(bundle.openBlasVersion()));
    }

    /** Opens a library file, or says why it cannot be opened. */
    private static void open(Path file, String what) throws CandidateFailure {
        try {
            System.load(file.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError | SecurityException e) {
            String path = file.toAbsolutePath().toString();
            // the JDK's message repeats the path; once, in what, is enough
            String reason = (e.getMessage() == null ? e.toString() : e.getMessage()).replace(path + ": ", "");
            String hint = reason.contains("failed to map segment") || reason.contains("operation not permitted")
                    ? "; its file system seems to be mounted noexec: " + UserCache.howToMove() : "";
            throw new CandidateFailure(what + " does not load: " + reason + hint);
        }
    }

    private static NativeBlasLibrary unavailable(String reason) {
        return new NativeBlasLibrary(Availability.no(reason), null, null, false);
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
