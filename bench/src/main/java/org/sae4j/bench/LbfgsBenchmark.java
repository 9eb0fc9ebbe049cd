package org.sae4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;
import org.sae4j.report.Shape;

/**
 * The optimiser's cost, through its public API. {@code bookkeeping}: L-BFGS's own work per iteration
 * (the two-loop recursion, the history update, the line search's vector work) on a function of shape
 * B's 310 K parameters that costs one pass over x, so nearly all the time is the optimiser's; the mean
 * over {@value #ITERATIONS} iterations from a cold start, whose history is full after {@code history}
 * of them. {@code tenIterations}: L-BFGS end to end on shape B, ten iterations per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class LbfgsBenchmark {

    static final int ITERATIONS = 200;

    @Param({"10", "100"})
    public int history;

    @Param({"B"})
    public String shape;

    /** Threads of the run's runtime, which the recursion shares. */
    @Param({"1", "2"})
    public int threads;

    private ParallelRuntime runtime;
    private DifferentiableFunction cheap;
    private double[] start;
    private SparseAutoencoderObjective objective;
    private double[] theta0;

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.valueOf(shape);
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(s.visible, s.hidden, 0.1, 3e-3, 3);
        int n = config.parameterCount();
        runtime = ParallelRuntime.create(threads);
        cheap = illConditionedQuadratic(n);
        start = new double[n];
        java.util.Arrays.fill(start, 1);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[s.visible * s.samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        objective = new SparseAutoencoderObjective(config, Dataset.ofFloats(s.visible, s.samples, x),
                EvaluationSettings.of(Backends.byName("java"), Precision.F64).withThreads(threads), runtime);
        theta0 = config.initialParameters(1);
        OptimizationResult probe = bookkeepingRun();
        if (probe.iterations() != ITERATIONS) {
            throw new IllegalStateException("the quadratic must not stop early: " + probe.termination());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        objective.close();
        runtime.close();
    }

    /** ½ Σ d_i x_i² with d_i from 1 to 10⁶, which L-BFGS does not solve in {@value #ITERATIONS} iterations. */
    private static DifferentiableFunction illConditionedQuadratic(int n) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double evaluate(double[] x, double[] gradient) {
                double value = 0;
                for (int i = 0; i < n; i++) {
                    double d = 1 + (i % 1000) * 1000.0;
                    gradient[i] = d * x[i];
                    value += 0.5 * d * x[i] * x[i];
                }
                return value;
            }
        };
    }

    private OptimizationResult bookkeepingRun() {
        return Lbfgs.builder().history(history).maxIterations(ITERATIONS).maxEvaluations(10 * ITERATIONS)
                .gradientTolerance(0).progressTolerance(0).build().minimize(cheap, start, null, null, runtime);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public double bookkeeping() {
        return bookkeepingRun().value();
    }

    /** Ten L-BFGS iterations on the objective, from the same start every call. */
    @Benchmark
    public double tenIterations() {
        return Lbfgs.builder().history(history).maxIterations(10).build()
                .minimize(objective, theta0, null, null, runtime).value();
    }
}
