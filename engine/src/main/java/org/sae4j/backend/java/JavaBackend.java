package org.sae4j.backend.java;

import java.lang.System.Logger.Level;
import java.util.Locale;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.GemmArguments;
import org.sae4j.backend.MatrixBackend;

/**
 * Pure-Java backend: blocked, packed GEMM with a register-blocked micro-kernel. Uses the Vector API
 * kernel when the module {@code jdk.incubator.vector} is in the boot layer (launch with
 * {@code --add-modules jdk.incubator.vector}), the scalar kernel otherwise. The system property
 * {@value #KERNEL_PROPERTY} ({@code vector} or {@code scalar}) forces one; {@value GemmBlocking#PROPERTY}
 * sets the block sizes.
 */
public final class JavaBackend implements MatrixBackend {
    public static final String NAME = "java";
    public static final String KERNEL_PROPERTY = "sae4j.java.kernel";

    private static final System.Logger LOG = System.getLogger(JavaBackend.class.getName());

    /** Which micro-kernel runs the products. */
    public enum Kernel {
        /** The Vector API kernel when the module is present, else scalar (or as the property says). */
        AUTO,
        /** The Vector API kernel; requires {@code jdk.incubator.vector}. */
        VECTOR,
        /** The scalar kernel, on any JDK. */
        SCALAR
    }

    private final DoubleGemm doubleGemm;
    private final FloatGemm floatGemm;

    /** The automatic kernel choice. */
    public JavaBackend() {
        this(Kernel.AUTO);
    }

    /**
     * @throws IllegalStateException when {@link Kernel#VECTOR} is asked for without the module
     */
    public JavaBackend(Kernel kernel) {
        this(kernel, GemmBlocking.fromProperty());
    }

    /**
     * A backend with its own block sizes (for tuning on another CPU; {@link GemmBlocking#DEFAULT}
     * otherwise).
     *
     * @throws IllegalStateException when {@link Kernel#VECTOR} is asked for without the module
     */
    public JavaBackend(Kernel kernel, GemmBlocking blocking) {
        boolean vector = switch (kernel) {
            case VECTOR -> {
                if (!vectorApiAvailable()) {
                    throw new IllegalStateException("the Vector API kernel needs the module jdk.incubator.vector:"
                            + " launch java with --add-modules jdk.incubator.vector");
                }
                yield true;
            }
            case SCALAR -> false;
            case AUTO -> autoVector();
        };
        if (vector) {
            doubleGemm = new DoubleGemm(DoubleVectorKernel.forPreferredWidth(), blocking);
            floatGemm = new FloatGemm(FloatVectorKernel.forPreferredWidth(), blocking);
        } else {
            doubleGemm = new DoubleGemm(new DoubleScalarKernel(), blocking);
            floatGemm = new FloatGemm(new FloatScalarKernel(), blocking);
        }
    }

    private JavaBackend(DoubleMicroKernel doubleKernel, FloatMicroKernel floatKernel) {
        doubleGemm = new DoubleGemm(doubleKernel, GemmBlocking.fromProperty());
        floatGemm = new FloatGemm(floatKernel, GemmBlocking.fromProperty());
    }

    /**
     * The Vector API kernels of 2 vectors × {@code columns} (4 or 8) whatever the vector width, for the
     * tests and the benchmarks that compare the shapes.
     */
    public static JavaBackend withVectorColumns(int columns) {
        if (!vectorApiAvailable()) {
            throw new IllegalStateException("the Vector API kernels need the module jdk.incubator.vector");
        }
        return new JavaBackend(DoubleVectorKernel.withColumns(columns), FloatVectorKernel.withColumns(columns));
    }

    /** Whether {@code jdk.incubator.vector} is in the boot layer of this JVM. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static boolean autoVector() {
        String forced = System.getProperty(KERNEL_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        switch (forced) {
            case "":
                return vectorApiAvailable();
            case "scalar":
                return false;
            case "vector":
                if (vectorApiAvailable()) {
                    return true;
                }
                LOG.log(Level.WARNING, "-D" + KERNEL_PROPERTY + "=vector ignored: jdk.incubator.vector is not"
                        + " in the boot layer (launch with --add-modules jdk.incubator.vector); using the scalar kernel");
                return false;
            default:
                throw new IllegalArgumentException("-D" + KERNEL_PROPERTY + " must be 'vector' or 'scalar', got '"
                        + forced + "'");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info() {
        String kernel = "f64 " + doubleGemm.kernel().description() + " " + doubleGemm.blocking()
                + ", f32 " + floatGemm.kernel().description() + " " + floatGemm.blocking();
        return new BackendInfo(NAME, getClass().getName(), kernel, null, 1);
    }

    /** Whether this instance runs the Vector API kernel. */
    public boolean usesVectorApi() {
        return !(doubleGemm.kernel() instanceof DoubleScalarKernel);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int offA, int lda,
                      double[] b, int offB, int ldb,
                      double beta, double[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        doubleGemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int offA, int lda,
                      float[] b, int offB, int ldb,
                      float beta, float[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        floatGemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }
}
