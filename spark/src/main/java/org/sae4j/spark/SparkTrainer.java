package org.sae4j.spark;

import java.nio.charset.StandardCharsets;
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
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.RunFingerprint;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;
import scala.Tuple2;

/**
 * Trains a sparse autoencoder on Spark as a {@link TrainingSpec} says: the engine's optimiser runs on the
 * driver, and every evaluation of J and ∇J is a {@link SparkObjective} pass over the cached blocks.
 *
 * <pre>{@code
 * TrainingResult r = SparkTrainer.of(config, TrainingSpec.defaults().withSeed(42), 4, Passes.DEFAULT)
 *         .train(spark, SampleBlocks.of(spark, data, Precision.F64, 4096, 8));
 * }</pre>
 *
 * <p>The same seed gives the same initial θ as the single-machine {@code Trainer}; the result agrees with
 * it to rounding and is bitwise the same for any number of executors, given the same blocks,
 * partitions and fan-in. Checkpoints go where the spec says (any Hadoop path through
 * {@link HadoopCheckpoint}); their fingerprint also holds the blocks' count, partitioning and fan-in,
 * which decide the bits here.
 */
public final class SparkTrainer {
    private final SparseAutoencoderConfig config;
    private final TrainingSpec spec;
    private final int executorThreads;
    private final Passes passes;
    private final int fanout;

    private SparkTrainer(SparseAutoencoderConfig config, TrainingSpec spec, int executorThreads, Passes passes,
                         int fanout) {
        this.config = Objects.requireNonNull(config, "config");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (executorThreads < 1) {
            throw new IllegalArgumentException("executor threads must be >= 1, got " + executorThreads);
        }
        this.executorThreads = executorThreads;
        this.passes = Objects.requireNonNull(passes, "passes");
        if (fanout < 2) {
            throw new IllegalArgumentException("the fan-in must be >= 2, got " + fanout);
        }
        this.fanout = fanout;
        double[] given = spec.initialParameters();
        if (given != null) {
            config.requireParameters(given, "initial parameters");
        }
    }

    /**
     * @param spec            settings (the threads are {@code executorThreads}; default
     *                        {@link EvaluationSettings#defaults(SparseAutoencoderConfig, Precision)} in the blocks'
     *                        precision, the backend resolved on the driver), optimiser, seed, listener (called
     *                        on the driver), checkpoints
     * @param executorThreads threads of the engine in each executor JVM; match them to {@code spark.task.cpus}
     * @param passes          how each evaluation meets the sparsity term
     */
    public static SparkTrainer of(SparseAutoencoderConfig config, TrainingSpec spec, int executorThreads,
                                  Passes passes) {
        return new SparkTrainer(config, spec, executorThreads, passes, TreeSum.DEFAULT_FANOUT);
    }

    /**
     * The same trainer with another fan-in: the partitions' sums are added in groups of {@code fanout}
     * (default {@value TreeSum#DEFAULT_FANOUT}), so that the driver receives at most that many arrays.
     * The bits depend on it once there are more partitions than it.
     */
    public SparkTrainer withFanout(int fanout) {
        return new SparkTrainer(config, spec, executorThreads, passes, fanout);
    }

    /**
     * Runs the optimiser on the driver, over {@code blocks}, to one of its termination reasons.
     *
     * @throws CheckpointMismatchException if the spec resumes a checkpoint of another run
     */
    public TrainingResult train(JavaSparkContext spark, JavaRDD<SampleBlock> blocks) {
        Precision precision = blocks.first().precision();
        EvaluationSettings s = spec.settings() != null ? spec.settings()
                : EvaluationSettings.defaults(config, precision)
                        .withActivationCacheBytes(SparkObjective.DEFAULT_EXECUTOR_CACHE_BYTES);
        double[] theta0 = spec.start(config::initialParameters);
        Optimizer opt = spec.optimizer();
        try (SparkObjective objective = new SparkObjective(spark, blocks, config, s, executorThreads, passes,
                fanout)) {
            OptimizationResult r = spec.checkpointing().minimize(opt, objective, theta0, spec.listener(),
                    spec.cancellation(), ParallelRuntime.singleThreaded(), () -> fingerprint(blocks, objective, s,
                            opt));
            return new TrainingResult(new TrainedModel(config, r.x()), r.value(), r.termination(),
                    r.iterations(), r.evaluations(), r.valueHistory(), r.elapsed());
        }
    }

    /**
     * The engine's fingerprint with the data hashed block by block on the executors (SHA-256 over the
     * blocks' hashes in block order), and the blocks' layout.
     */
    private Map<String, String> fingerprint(JavaRDD<SampleBlock> blocks, SparkObjective objective,
                                            EvaluationSettings s, Optimizer opt) {
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
        f.put("spark fan-in", Integer.toString(fanout));
        return f;
    }
}
