package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;

/**
 * A mapped file cut short in the middle of an evaluation: the pages the next chunks read are gone, the
 * JVM reports the fault as an InternalError (at once, or a little later on some JVMs), and the
 * evaluation fails with one message naming the file. The JVM goes on.
 */
class MappedFileFaultTest {

    /** The java backend, cutting the file short at its first product after {@link #armed} is set. */
    private static final class CuttingBackend implements MatrixBackend {
        private final MatrixBackend inner = new JavaBackend();
        private final Path file;
        volatile boolean armed;

        CuttingBackend(Path file) {
            this.file = file;
        }

        private void cut() {
            if (armed) {
                armed = false;
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(4096);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public String name() {
            return "cutting";
        }

        @Override
        public BackendInfo info() {
            return inner.info();
        }

        @Override
        public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
                          int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
            cut();
            inner.dgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int offA,
                          int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
            cut();
            inner.sgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void aFileCutShortDuringAnEvaluationEndsItWithTheFileNamed(int threads, @TempDir Path dir) throws IOException {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(64, 8, 0.1, 1e-3, 3);
        int m = 8192;
        Path file = dir.resolve("x.npy");
        NpyWriter.writeSamples(file, Dataset.ofFloats(64, m, new float[64 * m]), ValueType.F32);
        CuttingBackend backend = new CuttingBackend(file);
        EvaluationSettings s = new EvaluationSettings(backend, threads, 256, org.sae4j.precision.Precision.F32,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, NpyReader.mapSamples(file), s)) {
            double[] theta = c.initialParameters(1);
            double[] grad = new double[theta.length];
            for (int i = 0; i < 20; i++) {
                f.evaluate(theta, grad);
            }
            backend.armed = true;
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> f.evaluate(theta, grad));
            assertTrue(e.getCause() instanceof DataFileException, e.toString());
            assertTrue(e.getMessage().contains(file + " changed while training reads it in place")
                    && e.getMessage().contains("it is 4096 now"), e.getMessage());
        }
    }
}
