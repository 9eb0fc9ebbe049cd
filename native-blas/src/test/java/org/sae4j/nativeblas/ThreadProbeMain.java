package org.sae4j.nativeblas;

import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;

/** Run in a forked JVM by {@link BlasThreadsTest} under chosen thread variables: prints what the backend saw. */
public final class ThreadProbeMain {

    private ThreadProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        MatrixBackend backend = MatrixBackends.get("native");
        BackendInfo info = backend.info();
        System.out.println("KERNEL=" + info.kernel());
        System.out.println("THREADS=" + info.blasThreads());
        ConcurrentProducts.Observation seen = ConcurrentProducts.observe(
                BlasThreadsTest.ROUNDS, backend, BlasThreadsTest.SIZE, BlasThreadsTest.PRODUCTS);
        System.out.println("CPU_RATIO=" + seen.cpuRatio());
        System.out.println("HELPER_THREADS=" + seen.helperThreads());
    }
}
