package org.sae4j.report;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.BackendUnavailableException;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.nativeblas.BareNativeBlas;

/**
 * Times the bare products of one evaluation in OpenBLAS ({@link ProblemShape#workload}), with as many OpenBLAS threads as the
 * environment of this process allows ({@code OPENBLAS_NUM_THREADS}). Run in a child JVM by the report,
 * because OpenBLAS fixes its thread count when it loads, and only one library can be loaded per JVM.
 * The library is chosen as for the engine ({@code -Dsae4j.native}); its threads are left alone: the
 * engine's native backend would pin OpenBLAS to one thread.
 *
 * <p>Arguments: {@code SHAPE f64|f32}, the shape as {@link ProblemShape#parse} reads it. Prints one line: the median seconds, timed like the evaluations
 * ({@link BenchReport#median}), the library file, its description, and {@code generic} or
 * {@code fitting} for its core, separated by tabs. Exit code 3 when the library cannot be loaded.
 */
public final class BoundProbe {
    private BoundProbe() {
    }

    public static void main(String[] args) {
        Products products = new Products(ProblemShape.parse(args[0]).workload(args[1].equals("f32")));
        BareNativeBlas library;
        try {
            library = BareNativeBlas.load();
        } catch (BackendUnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        MatrixBackend blas = new BareOpenBlas(library.blas());
        double seconds = BenchReport.median(() -> products.run(blas));
        System.out.println(seconds + "\t" + library.file() + "\t" + library.kernel() + "\t"
                + (library.genericCore() ? "generic" : "fitting"));
    }

    /** netlib's native BLAS as it loaded, threads untouched. */
    private record BareOpenBlas(NativeBLAS blas) implements MatrixBackend {
        @Override
        public String name() {
            return "openblas";
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo(name(), blas.getClass().getName(), "OpenBLAS", null, -1);
        }

        @Override
        public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
                          int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
            blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb,
                    beta, c, offC, ldc);
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int offA,
                          int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
            blas.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb,
                    beta, c, offC, ldc);
        }
    }
}
