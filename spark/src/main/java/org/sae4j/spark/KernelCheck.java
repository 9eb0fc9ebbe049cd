package org.sae4j.spark;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;

/**
 * The kernel a backend computes with (its name, kernel shape, vector width, OpenBLAS version and core):
 * resolved on the driver and required of every executor, because the bits depend on it. An executor
 * started without {@code --add-modules jdk.incubator.vector}, or on another CPU kind, fails the job at
 * once, naming both kernels.
 */
public final class KernelCheck {
    private KernelCheck() {
    }

    /** The kernel {@code backend} runs on this JVM. */
    public static String of(MatrixBackend backend) {
        return backend.name() + " [" + backend.info().kernel() + "]";
    }

    /**
     * The backend {@code name} on this JVM.
     *
     * @throws IllegalStateException naming both kernels, if it runs another kernel than {@code kernel}
     */
    public static MatrixBackend require(String name, String kernel) {
        MatrixBackend here = MatrixBackends.get(name);
        String local = of(here);
        if (!local.equals(kernel)) {
            throw new IllegalStateException("this executor would compute with " + local + " but the driver resolved "
                    + kernel + ", and the bits would differ; give the executors the driver's JVM options"
                    + " (spark.executor.extraJavaOptions: --add-modules jdk.incubator.vector) and CPU kind, or"
                    + " choose the backend");
        }
        return here;
    }
}
