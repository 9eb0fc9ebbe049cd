package org.sae4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.report.Products;
import org.sae4j.report.Shape;

/**
 * The five products of one evaluation, single thread, per backend × precision × shape, on
 * {@code samples} samples (10 000 by default for every shape). GFLOP/s = 10·h·v·samples / time.
 *
 * <p>Backends: {@code java} (Vector API kernel: the fork adds the module), {@code java-scalar} (the
 * fallback kernel, same JVM), {@code native} (OpenBLAS; the fork sets no threads, so launch with
 * {@code OPENBLAS_NUM_THREADS=1} for a single-thread comparison).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class GemmBenchmark {

    @Param({"java", "java-scalar", "native"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"A", "B", "C"})
    public String shape;

    @Param({"10000"})
    public int samples;

    private MatrixBackend blas;
    private Products products;

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.valueOf(shape);
        blas = Backends.byName(backend);
        products = new Products(s.visible, s.hidden, samples, precision.equals("f32"));
    }

    @Benchmark
    public double fiveProducts() {
        products.run(blas);
        return products.checksum();
    }
}
