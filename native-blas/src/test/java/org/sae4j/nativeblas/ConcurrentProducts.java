package org.sae4j.nativeblas;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sae4j.backend.MatrixBackend;

/**
 * Runs large products on two threads at once, as the engine does, and looks for BLAS helper threads
 * two ways: CPU time (helpers' work counts in the process total but not in the callers' own time) and
 * names (native threads a caller starts, like an OpenMP team, inherit the caller's thread name; the
 * pool of a pthreads OpenBLAS was started at load and is seen only by the CPU time).
 */
final class ConcurrentProducts {

    private static final String THREAD_NAME_PREFIX = "sae4j-probe-";
    private static final int CALLERS = 2;
    /** The JVM's own threads: JIT compilers and GC work in bursts that would look like BLAS helpers. */
    private static final Pattern JVM_THREADS = Pattern.compile(
            "C[12] CompilerThre.*|GC Thread.*|G1 .*|VM Thread|VM Periodic.*|Sweeper.*");
    /** Linux reports thread CPU time in clock ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ConcurrentProducts() {
    }

    /**
     * @param processNanos  CPU time of the whole process while the callers ran
     * @param callerNanos   CPU time of the calling threads themselves
     * @param helperThreads most threads seen carrying a caller's name, other than the caller itself
     */
    record Observation(long processNanos, long callerNanos, int helperThreads) {
        double cpuRatio() {
            return (double) processNanos / callerNanos;
        }
    }

    /**
     * CPU time from the round with the least overhead (JIT compilation or GC in the background inflate
     * single rounds, helper threads inflate every round); helper threads from all rounds.
     */
    static Observation observe(int rounds, MatrixBackend backend, int size, int productsPerCaller) throws Exception {
        double[] a = new double[size * size];
        double[] b = new double[size * size];
        Arrays.fill(a, 0.5);
        Arrays.fill(b, 0.25);
        double[][] c = new double[CALLERS][size * size];
        Observation quietest = null;
        int helpers = 0;
        for (int round = 0; round < rounds; round++) {
            // Collect now, so that GC threads do not work during the measurement.
            System.gc();
            Observation o = run(backend, size, productsPerCaller, a, b, c);
            helpers = Math.max(helpers, o.helperThreads());
            if (quietest == null || o.cpuRatio() < quietest.cpuRatio()) {
                quietest = o;
            }
        }
        return new Observation(quietest.processNanos(), quietest.callerNanos(), helpers);
    }

    private static Observation run(MatrixBackend backend, int size, int productsPerCaller,
                                   double[] a, double[] b, double[][] c) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        long[] callerNanos = new long[CALLERS];
        int[] helpers = new int[CALLERS];
        Exception[] failures = new Exception[CALLERS];
        CyclicBarrier start = new CyclicBarrier(CALLERS + 1);
        Thread[] callers = new Thread[CALLERS];
        for (int t = 0; t < CALLERS; t++) {
            int index = t;
            String name = THREAD_NAME_PREFIX + t;
            callers[t] = new Thread(() -> {
                try {
                    start.await();
                    long before = threadBean.getCurrentThreadCpuTime();
                    for (int p = 0; p < productsPerCaller; p++) {
                        backend.dgemm(false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, c[index], 0, size);
                    }
                    callerNanos[index] = threadBean.getCurrentThreadCpuTime() - before;
                    // Counted before this thread ends, because an OpenMP team ends with its master thread.
                    helpers[index] = Math.max(0, LinuxProcess.threadIdsNamed(name).size() - 1);
                } catch (Exception e) {
                    failures[index] = e;
                }
            }, name);
            callers[t].start();
        }
        long processBefore = os.getProcessCpuTime();
        long jvmBefore = jvmThreadsNanos();
        start.await();
        for (Thread caller : callers) {
            caller.join();
        }
        long processNanos = os.getProcessCpuTime() - processBefore - (jvmThreadsNanos() - jvmBefore);
        for (Exception failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return new Observation(processNanos, callerNanos[0] + callerNanos[1], Math.max(helpers[0], helpers[1]));
    }

    /** CPU time of the JVM's compiler and GC threads (Linux; 0 elsewhere), to leave out of the process total. */
    private static long jvmThreadsNanos() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (JVM_THREADS.matcher(name).matches()) {
                        String stat = Files.readString(task.resolve("stat"));
                        // Fields after the parenthesised name: utime and stime are the 12th and 13th.
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException threadEnded) {
                    // the thread ended between listing and reading: it no longer matters
                }
            }
        }
        return ticks * NANOS_PER_TICK;
    }
}
