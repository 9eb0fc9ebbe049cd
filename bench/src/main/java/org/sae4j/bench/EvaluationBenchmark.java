package org.sae4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;
import org.sae4j.precision.Precision;
import org.sae4j.report.Shape;

/**
 * One evaluation of J and ∇J per backend × precision × threads × shape × store. {@code threads = 0} means
 * all available processors; {@code chunk = 0} the engine's default for the shape. {@code store}: {@code heap}
 * is a float array the engine reads in place; {@code mapped} the same floats in an NPY file mapped
 * ({@code NpyReader.mapSamples}) and read chunk by chunk into the workers' buffers; {@code mapped-u8} the
 * values as bytes (scaled by 1/255 as they are read). Run with {@code -prof gc} to see the bytes allocated
 * per evaluation, which must not grow with m.
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

    @Param({"" + EvaluationSettings.AUTO_CHUNK})
    public int chunk;

    @Param({"heap"})
    public String store;

    private Path file;

    private SparseAutoencoderObjective objective;
    private double[] theta;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Shape s = Shape.valueOf(shape);
        int m = samples > 0 ? samples : s.samples;
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(s.visible, s.hidden, 0.1, 3e-3, 3);
        EvaluationSettings settings = EvaluationSettings.of(Backends.byName(backend), Precision.F64)
                .withThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
                .withChunkSize(chunk)
                .withPrecision(Precision.parse(precision));
        objective = new SparseAutoencoderObjective(config, data(s.visible, m), settings);
        theta = config.initialParameters(1);
        gradient = new double[theta.length];
    }

    private Dataset data(int v, int m) throws IOException {
        switch (store) {
            case "heap":
                return randomData(v, m);
            case "mapped":
                file = Files.createTempFile("sae4j-evaluation-", ".npy");
                NpyWriter.writeSamples(file, randomData(v, m), ValueType.F32);
                return NpyReader.mapSamples(file);
            case "mapped-u8":
                file = Files.createTempFile("sae4j-evaluation-", ".npy");
                NpyWriter.writeSamples(file, randomBytes(v, m), ValueType.U8);
                return NpyReader.mapSamples(file).scaled(1 / 255.0);
            default:
                throw new IllegalArgumentException("store must be heap, mapped or mapped-u8, got '" + store + "'");
        }
    }

    static Dataset randomData(int v, int m) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofFloats(v, m, x);
    }

    private static Dataset randomBytes(int v, int m) {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] x = new byte[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) rnd.nextInt(26, 230);
        }
        return Dataset.ofBytes(v, m, ValueType.U8, x, Precision.F64);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        objective.close();
        if (file != null) {
            Files.delete(file);
        }
    }

    @Benchmark
    public double evaluate() {
        return objective.evaluate(theta, gradient);
    }
}
