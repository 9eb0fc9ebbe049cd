package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.MatrixBackends;

/** The engine runs one product per core, so the native BLAS must run each product on its calling thread. */
class BlasThreadsTest {

    static final int SIZE = 500;
    static final int PRODUCTS = 10;
    static final int ROUNDS = 3;
    /**
     * Process CPU over callers' CPU: about 1.0 when each product stays on its caller; an OpenBLAS
     * helper thread does part of each product (and spins while idle), which only the process total sees;
     * measured here about 1.0-1.1 against 2.0-2.3 with OPENBLAS_NUM_THREADS=2 on 2 cores.
     */
    private static final double MAX_CPU_RATIO = 1.4;

    private static void assumeSurefireThreadSetting() {
        NativeRequired.assumeNativeBlas();
        Assumptions.assumeTrue("1".equals(System.getenv("OPENBLAS_NUM_THREADS")) || Runtime.version().feature() >= 22,
                "run through Maven: surefire sets OPENBLAS_NUM_THREADS=1 (on JDK 17-21 nothing else can)");
    }

    @Test
    void reportsOneThreadPerProduct() {
        assumeSurefireThreadSetting();
        assertEquals(1, MatrixBackends.get("native").info().blasThreads());
    }

    @Test
    void concurrentProductsStayOnTheirCallingThreads() throws Exception {
        assumeSurefireThreadSetting();
        ConcurrentProducts.Observation seen =
                ConcurrentProducts.observe(ROUNDS, MatrixBackends.get("native"), SIZE, PRODUCTS);
        assertTrue(seen.cpuRatio() < MAX_CPU_RATIO, "the process used " + seen.processNanos() / 1e6 + " ms CPU while "
                + "the two calling threads used " + seen.callerNanos() / 1e6 + " ms: BLAS ran threads of its own");
        assertEquals(0, seen.helperThreads(), "threads started by a calling thread during its products");
    }

    @Test
    void multiThreadedOpenBlasIsReportedAndLimitedWherePossible() throws Exception {
        NativeRequired.assumeNativeBlas();
        String kernel = MatrixBackends.get("native").info().kernel();
        Assumptions.assumeTrue(kernel.startsWith("OpenBLAS") && !kernel.endsWith("serial"),
                "needs a multi-threaded OpenBLAS, this is " + kernel);
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "OpenBLAS caps its threads at the CPUs");

        ForkedJvm.Result child = ForkedJvm.run(ThreadProbeMain.class,
                Map.of("OPENBLAS_NUM_THREADS", "2", "OMP_NUM_THREADS", "2"), sameLibraryOptions());
        String output = child.output();
        assertEquals(0, child.exitCode(), output);
        int threads = Integer.parseInt(child.value("THREADS").orElseThrow(() -> new AssertionError(output)));
        double cpuRatio = Double.parseDouble(child.value("CPU_RATIO").orElseThrow(() -> new AssertionError(output)));
        int helpers = Integer.parseInt(child.value("HELPER_THREADS").orElseThrow(() -> new AssertionError(output)));

        if (Runtime.version().feature() >= 22 && !kernel.endsWith("openmp")) {
            assertEquals(1, threads, output);
            assertTrue(output.contains("openblas_set_num_threads"), output);
            assertTrue(cpuRatio < MAX_CPU_RATIO && helpers == 0,
                    "set to one thread, yet CPU ratio " + cpuRatio + ", helper threads " + helpers + "\n" + output);
        } else {
            assertEquals(2, threads, output);
            assertTrue(output.contains("WARNING: Native BLAS") && output.contains("OPENBLAS_NUM_THREADS=1"), output);
            // The checks that pass above under OPENBLAS_NUM_THREADS=1 must notice the helper threads.
            assertTrue(cpuRatio > MAX_CPU_RATIO || helpers > 0,
                    "two OpenBLAS threads went unnoticed: CPU ratio " + cpuRatio + ", helper threads 0\n" + output);
        }
    }

    /** The child must load the library this JVM loaded. */
    private static List<String> sameLibraryOptions() {
        List<String> options = new ArrayList<>();
        for (String property : List.of(NativeBlasLibrary.PATH_PROPERTY, NativeBlasLibrary.NAME_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options;
    }
}
