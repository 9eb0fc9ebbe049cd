package org.sae4j.bench;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.Precision;
import org.sae4j.report.Shape;

/**
 * One evaluation of J and ∇J per backend × precision × threads × shape. {@code threads = 0} means all
 * available processors. Run with {@code -prof gc} to see the bytes allocated per evaluation, which
 * must not grow with m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class EvaluationBenchmark {

    @Param({"java", "native"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"1", "2", "0"})
    public int threads;

    @Param({"A", "B"})
    public String shape;

    /** Samples; 0 means the shape's own m. */
    @Param({"0"})
    public int samples;

    @Param({"" + EvaluationSettings.DEFAULT_CHUNK_SIZE})
    public int chunk;

    private SparseAutoencoderObjective objective;
    private double[] theta;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.valueOf(shape);
        int m = samples > 0 ? samples : s.samples;
        SparseAutoencoder config = new SparseAutoencoder(s.visible, s.hidden, 0.1, 3e-3, 3);
        EvaluationSettings settings = EvaluationSettings.of(Backends.byName(backend), Precision.F64)
                .withThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
                .withChunkSize(chunk)
                .withPrecision(Precision.parse(precision));
        objective = new SparseAutoencoderObjective(config, randomData(s.visible, m), settings);
        theta = config.initialParameters(1);
        gradient = new double[theta.length];
    }

    static Dataset randomData(int v, int m) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofFloats(v, m, x);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        objective.close();
    }

    @Benchmark
    public double evaluate() {
        return objective.evaluate(theta, gradient);
    }
}
