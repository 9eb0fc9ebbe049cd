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

    private final F64Gemm f64Gemm;
    private final F32Gemm f32Gemm;

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
            int columns = VectorKernels.columnsForPreferredWidth();
            f64Gemm = new F64Gemm(VectorKernels.f64(columns), blocking);
            f32Gemm = new F32Gemm(VectorKernels.f32(columns), blocking);
        } else {
            f64Gemm = new F64Gemm(new F64ScalarKernel4x4(), blocking);
            f32Gemm = new F32Gemm(new F32ScalarKernel4x4(), blocking);
        }
    }

    private JavaBackend(F64MicroKernel f64Kernel, F32MicroKernel f32Kernel) {
        f64Gemm = new F64Gemm(f64Kernel, GemmBlocking.fromProperty());
        f32Gemm = new F32Gemm(f32Kernel, GemmBlocking.fromProperty());
    }

    /**
     * The Vector API kernels of 2 vectors × {@code columns} (4 or 8) whatever the vector width, for the
     * tests and the benchmarks that compare the shapes.
     */
    public static JavaBackend withVectorColumns(int columns) {
        if (!vectorApiAvailable()) {
            throw new IllegalStateException("the Vector API kernels need the module jdk.incubator.vector");
        }
        return new JavaBackend(VectorKernels.f64(columns), VectorKernels.f32(columns));
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
        String kernel = "f64 " + f64Gemm.kernel().description() + " " + f64Gemm.blocking()
                + ", f32 " + f32Gemm.kernel().description() + " " + f32Gemm.blocking();
        return new BackendInfo(NAME, getClass().getName(), kernel, null, 1);
    }

    /** Whether this instance runs the Vector API kernel. */
    public boolean usesVectorApi() {
        return !(f64Gemm.kernel() instanceof F64ScalarKernel4x4);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int offA, int lda,
                      double[] b, int offB, int ldb,
                      double beta, double[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        f64Gemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int offA, int lda,
                      float[] b, int offB, int ldb,
                      float beta, float[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        f32Gemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }
}
