package org.sae4j.optim;

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
import org.sae4j.bench.Shape;
import org.sae4j.data.Dataset;

/**
 * The optimiser's cost. {@code bookkeeping}: the L-BFGS work of one iteration without the function,
 * i.e. the two-loop recursion and the history update, with history 100 on shape B's 310 K parameters
 * (target: under 5% of one evaluation). {@code iteration}: L-BFGS iterations end to end on shape B,
 * ten per call from the UFLDL initialisation, reported per call.
 *
 * <p>Lives in {@code org.sae4j.optim} to reach the package-private history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class LbfgsBenchmark {

    @Param({"100"})
    public int history;

    @Param({"B"})
    public String shape;

    /** Threads of the two-loop recursion. */
    @Param({"1", "2"})
    public int threads;

    private BlockedVectors vectors;
    private LbfgsHistory memory;
    private double[] gradient;
    private double[] previousGradient;
    private double[] direction;
    private SparseAutoencoderObjective objective;
    private double[] theta0;

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.valueOf(shape);
        SparseAutoencoder config = new SparseAutoencoder(s.visible, s.hidden, 0.1, 3e-3, 3);
        int n = config.parameterCount();
        SplittableRandom rnd = new SplittableRandom(3);
        vectors = new BlockedVectors(n, threads);
        memory = new LbfgsHistory(history, n, vectors);
        gradient = new double[n];
        previousGradient = new double[n];
        direction = new double[n];
        for (int i = 0; i < n; i++) {
            previousGradient[i] = rnd.nextDouble(-1, 1);
        }
        // Fill the history with valid pairs (y = D s with D positive), as a long run would.
        for (int k = 0; k < history; k++) {
            for (int i = 0; i < n; i++) {
                direction[i] = rnd.nextDouble(-1, 1);
                gradient[i] = previousGradient[i] + (1 + i % 7) * direction[i];
            }
            memory.update(direction, 1, gradient, previousGradient);
        }
        float[] x = new float[s.visible * s.samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        objective = new SparseAutoencoderObjective(config, Dataset.ofFloats(s.visible, s.samples, x),
                EvaluationSettings.defaults());
        theta0 = config.initialParameters(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        objective.close();
        vectors.close();
    }

    /**
     * Two-loop recursion plus one accepted history update: all of L-BFGS's own work in an iteration.
     * The new gradient is built so that the pair has positive curvature (one extra O(n) pass, 1/400
     * of the O(4·m·n) recursion).
     */
    @Benchmark
    public boolean bookkeeping() {
        memory.direction(gradient, direction);
        for (int i = 0; i < direction.length; i++) {
            previousGradient[i] = gradient[i] + (1 + i % 7) * 1e-3 * direction[i];
        }
        return memory.update(direction, 1e-3, previousGradient, gradient);
    }

    /** Ten L-BFGS iterations on the objective, from the same start every call. */
    @Benchmark
    public double tenIterations() {
        return Lbfgs.builder().history(history).threads(threads).maxIterations(10).build()
                .minimize(objective, theta0, null, null).value();
    }
}
