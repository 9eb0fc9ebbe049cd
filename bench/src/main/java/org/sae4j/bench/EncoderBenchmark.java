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
import org.openjdk.jmh.annotations.Warmup;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;
import org.sae4j.report.Shape;

/**
 * The serving encoder against its bare product, single thread, per backend × precision × shape.
 *
 * <p>{@code encodeOne} and {@code productOne}: one sample, as latency percentiles
 * ({@code Mode.SampleTime}: p50, p99 in the JMH output). {@code encodeBatch} and {@code productBatch}:
 * {@code batch} samples per call (W1·X with n = batch). The encoder adds the bias pass and the sigmoid
 * to the product; the targets are encodeOne ≤ 1.5 × productOne and encodeBatch ≤ 1.2 × productBatch,
 * with 0 bytes allocated per call ({@code -prof gc}).
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class EncoderBenchmark {

    @Param({"java", "native"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"A", "B"})
    public String shape;

    @Param({"64", "4096"})
    public int batch;

    private MatrixBackend blas;
    private Encoder encoder;
    private int v;
    private int h;
    private double[] w1;
    private float[] w1f;
    private double[] sample;
    private float[] sampleF;
    private double[] out;
    private float[] outF;
    private Dataset samples;
    private double[] outs;
    private float[] outsF;

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.valueOf(shape);
        v = s.visible;
        h = s.hidden;
        Precision p = Precision.parse(precision);
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(v, h, 0.1, 3e-3, 3);
        double[] theta = config.initialParameters(1);
        blas = Backends.byName(backend);
        encoder = new Encoder(config, theta, blas, p, batch);
        w1 = theta.clone();
        w1f = new float[h * v];
        for (int i = 0; i < w1f.length; i++) {
            w1f[i] = (float) theta[i];
        }
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[v * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.1, 0.9);
        }
        samples = Dataset.ofDoubles(v, batch, x).toPrecision(p);
        sample = new double[v];
        sampleF = new float[v];
        for (int i = 0; i < v; i++) {
            sample[i] = x[i];
            sampleF[i] = (float) x[i];
        }
        out = new double[h];
        outF = new float[h];
        outs = new double[h * batch];
        outsF = new float[h * batch];
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Object encodeOne() {
        if (precision.equals("f64")) {
            encoder.encode(sample, out);
            return out;
        }
        encoder.encode(sampleF, outF);
        return outF;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Object productOne() {
        if (precision.equals("f64")) {
            blas.dgemm(false, false, h, 1, v, 1, w1, 0, h, sample, 0, v, 0, out, 0, h);
            return out;
        }
        blas.sgemm(false, false, h, 1, v, 1, w1f, 0, h, sampleF, 0, v, 0, outF, 0, h);
        return outF;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Object encodeBatch() {
        if (precision.equals("f64")) {
            encoder.encode(samples, outs);
            return outs;
        }
        encoder.encode(samples, outsF);
        return outsF;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Object productBatch() {
        if (precision.equals("f64")) {
            blas.dgemm(false, false, h, batch, v, 1, w1, 0, h, samples.doubles(), 0, v, 0, outs, 0, h);
            return outs;
        }
        blas.sgemm(false, false, h, batch, v, 1, w1f, 0, h, samples.floats(), 0, v, 0, outsF, 0, h);
        return outsF;
    }
}
