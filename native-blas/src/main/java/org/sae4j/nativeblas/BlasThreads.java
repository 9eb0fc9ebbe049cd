package org.sae4j.nativeblas;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds out how many threads the native BLAS runs one product on, brings it down to one where it
 * can, and warns where it cannot: the engine already runs one product per core, so BLAS threads
 * would only oversubscribe the cores.
 *
 * <p>How it finds out, best first: OpenBLAS's {@code openblas_get_num_threads} on JDK 22+ (see
 * {@link OpenBlasFunctions}); else the threads that appeared while the library loaded and ran
 * its first product (OpenBLAS's pthreads build starts its pool when it loads, an OpenMP build on the
 * first large product; new threads inherit the kernel name of the thread that starts them); else,
 * where that cannot be watched, OpenBLAS's environment variables.
 */
final class BlasThreads {

    private static final System.Logger LOG = System.getLogger(BlasThreads.class.getName());

    private final String threadName;
    private final Set<String> threadsBefore;

    private BlasThreads(String threadName, Set<String> threadsBefore) {
        this.threadName = threadName;
        this.threadsBefore = threadsBefore;
    }

    /** Call on the thread that is about to load the library, before loading it. */
    static BlasThreads watchLoading() {
        boolean loadedAlready = LinuxProcess.mappedFiles().stream()
                .anyMatch(f -> BlasLibraryFile.isBlas(f) || BlasLibraryFile.isNetlibGlue(f));
        Optional<String> name = LinuxProcess.currentThreadName();
        if (loadedAlready || name.isEmpty()) {
            return new BlasThreads(null, Set.of());
        }
        return new BlasThreads(name.get(), LinuxProcess.threadIdsNamed(name.get()));
    }

    /**
     * Call on the same thread after the library loaded and ran one product large enough for OpenBLAS
     * to use threads; brings it down to one thread per product where it can, and returns the threads
     * one product now uses.
     */
    int settle(Optional<OpenBlasFunctions> functions, String kernel) {
        int threads = functions.isPresent() ? limitToOne(functions.get(), kernel) : observedOrAssumed(kernel);
        if (threads > 1) {
            LOG.log(Level.WARNING, "Native BLAS ({0}) runs each matrix product on {1} threads, but the sae4j "
                    + "engine already runs one product per core: the extra threads oversubscribe the cores and "
                    + "slow training down. Start the JVM with the environment variable OPENBLAS_NUM_THREADS=1 "
                    + "(OMP_NUM_THREADS=1 for an OpenMP build of OpenBLAS).", kernel, threads);
        }
        return threads;
    }

    /** Like {@link #settle} but leaves the setting alone: the threads one product uses as loaded. */
    int count(Optional<OpenBlasFunctions> functions, String kernel) {
        return functions.isPresent() ? functions.get().numThreads() : observedOrAssumed(kernel);
    }

    private static int limitToOne(OpenBlasFunctions control, String kernel) {
        int configured = control.numThreads();
        // An OpenMP build keeps the setting per calling thread, so setting it here would not reach the
        // engine's worker threads.
        if (configured > 1 && control.parallelMode() != OpenBlasFunctions.OPENMP) {
            control.setNumThreads(1);
            LOG.log(Level.INFO, "{0} was set up for {1} threads per product; set it to 1 with "
                    + "openblas_set_num_threads because the sae4j engine runs one product per core", kernel, configured);
        }
        return control.numThreads();
    }

    private int observedOrAssumed(String kernel) {
        if (threadName != null) {
            Set<String> started = new HashSet<>(LinuxProcess.threadIdsNamed(threadName));
            started.removeAll(threadsBefore);
            LOG.log(Level.DEBUG, "{0} started {1} native threads while loading", kernel, started.size());
            return 1 + started.size();
        }
        return fromEnvironment(kernel);
    }

    /** What OpenBLAS would choose: its variables in its order of precedence, capped at the CPU count. */
    private static int fromEnvironment(String kernel) {
        if (!kernel.startsWith("OpenBLAS") || kernel.contains(" serial")) {
            return 1;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        String[] variables = kernel.contains(" openmp")
                ? new String[] {"OMP_NUM_THREADS"}
                : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"};
        for (String variable : variables) {
            int value = positiveInt(System.getenv(variable));
            if (value > 0) {
                return Math.min(value, cpus);
            }
        }
        return cpus;
    }

    private static int positiveInt(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
