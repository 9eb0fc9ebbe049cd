package org.sae4j.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.data.Precision;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.CheckpointedRun;
import org.sae4j.train.RunFingerprint;
import org.sae4j.train.TrainingResult;
import scala.Tuple2;

/**
 * Trains a sparse autoencoder on Spark: the engine's optimiser runs on the driver, and every evaluation
 * of J and ∇J is a {@link SparkObjective} pass over the cached blocks.
 *
 * <pre>{@code
 * TrainingResult r = SparkTrainer.of(spark, config, SampleBlocks.of(spark, data, Precision.F64, 4096, 8))
 *         .optimizer(Lbfgs.builder().maxIterations(400).build())
 *         .seed(42)
 *         .train();
 * }</pre>
 *
 * <p>The same seed gives the same initial θ as the single-machine {@code Trainer}; the result agrees with
 * it to rounding and is bitwise the same for any number of executors, given the same blocks and
 * partitions.
 */
public final class SparkTrainer {
    private final JavaSparkContext spark;
    private final SparseAutoencoder config;
    private final JavaRDD<SampleBlock> blocks;
    private EvaluationSettings settings;
    private int executorThreads = 1;
    private Passes passes = Passes.DEFAULT;
    private Optimizer optimizer;
    private long seed;
    private double[] initialTheta;
    private ProgressListener listener;
    private Cancellation cancellation;
    private final CheckpointedRun checkpointing = new CheckpointedRun();

    private SparkTrainer(JavaSparkContext spark, SparseAutoencoder config, JavaRDD<SampleBlock> blocks) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.config = Objects.requireNonNull(config, "config");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    /**
     * A trainer with defaults: L-BFGS (400 iterations), seed 0, one engine thread per executor, and
     * {@link EvaluationSettings#defaults(SparseAutoencoder, Precision)} in the blocks' precision, its
     * backend resolved here on the driver.
     */
    public static SparkTrainer of(JavaSparkContext spark, SparseAutoencoder config, JavaRDD<SampleBlock> blocks) {
        return new SparkTrainer(spark, config, blocks);
    }

    /** Backend, precision and chunk size; the threads are {@link #executorThreads}. */
    public SparkTrainer settings(EvaluationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Threads of the engine in each executor JVM; match them to {@code spark.task.cpus}. */
    public SparkTrainer executorThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("executor threads must be >= 1, got " + threads);
        }
        this.executorThreads = threads;
        return this;
    }

    /** How each evaluation meets the sparsity term (default {@link Passes#DEFAULT}). */
    public SparkTrainer passes(Passes passes) {
        this.passes = Objects.requireNonNull(passes, "passes");
        return this;
    }

    public SparkTrainer optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    /** Seed of the UFLDL initialisation, as in {@code Trainer.seed}. */
    public SparkTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SparkTrainer initialParameters(double[] theta) {
        config.requireParameters(theta, "initial parameters");
        this.initialTheta = theta.clone();
        return this;
    }

    /** Called on the driver after every iteration. */
    public SparkTrainer listener(ProgressListener listener) {
        this.listener = listener;
        return this;
    }

    public SparkTrainer cancellation(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} on the driver every {@code every} iterations and after the last
     * one, as {@code Trainer.checkpoints} does. Its fingerprint also holds the blocks' count and
     * partitioning, which decide the bits here.
     */
    public SparkTrainer checkpoints(Path file, int every) {
        checkpointing.checkpoints(file, every);
        return this;
    }

    /**
     * Continues the run a checkpoint was taken from; {@link #train()} throws
     * {@link CheckpointMismatchException} if it is of another run.
     */
    public SparkTrainer resumeFrom(Checkpoint checkpoint) {
        checkpointing.resumeFrom(checkpoint);
        return this;
    }

    /** Runs the optimiser on the driver to one of its termination reasons. */
    public TrainingResult train() {
        Precision precision = blocks.first().precision();
        EvaluationSettings s = settings != null ? settings : EvaluationSettings.defaults(config, precision);
        double[] theta0 = initialTheta != null ? initialTheta : config.initialParameters(seed);
        Optimizer opt = optimizer != null ? optimizer : Lbfgs.withDefaults();
        try (SparkObjective objective = new SparkObjective(spark, blocks, config, s, executorThreads, passes)) {
            OptimizationResult r = checkpointing.minimize(opt, objective, theta0, listener, cancellation,
                    ParallelRuntime.singleThreaded(), () -> fingerprint(objective, s, opt));
            return new TrainingResult(new TrainedModel(config, r.x()), r.value(), r.termination(),
                    r.iterations(), r.evaluations(), r.valueHistory(), r.elapsed());
        }
    }

    /**
     * The engine's fingerprint with the data hashed block by block on the executors (SHA-256 over the
     * blocks' hashes in block order), and the blocks' layout.
     */
    private Map<String, String> fingerprint(SparkObjective objective, EvaluationSettings s, Optimizer opt) {
        List<Tuple2<Integer, String>> hashes = new ArrayList<>(blocks.map(b -> new Tuple2<>(b.index(),
                RunFingerprint.contentHash(b.dataset()) + " " + b.samples())).collect());
        hashes.sort(Comparator.comparing(Tuple2::_1));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (Tuple2<Integer, String> h : hashes) {
            sha.update((h._1() + ":" + h._2() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> f = new LinkedHashMap<>(RunFingerprint.of(config, objective.samples(),
                HexFormat.of().formatHex(sha.digest()), s, opt));
        f.put("spark blocks", Integer.toString(hashes.size()));
        f.put("spark partitions", Integer.toString(blocks.getNumPartitions()));
        f.put("spark passes", passes.name());
        return f;
    }
}
