package org.sae4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.options.SparsityOptions;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@link SparkTrain} and {@link SparkEval} share: the objective's constants and the engine's
 * settings, the very mixins of {@code sae train} (so the same names, defaults, checks and exit codes),
 * plus where Spark runs and how the data is cut.
 */
final class SparkOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--npy", paramLabel = "PATH", required = true,
            description = "NPY data (m, v), one sample per row: a file, or a folder of NPY parts taken in file-name"
                    + " order; any Hadoop path (file://, hdfs://, s3a://).")
    String npy;

    @Mixin
    private SparsityOptions sparsity;

    @Mixin
    EngineOptions engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: what spark-submit set, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the sample blocks (default: from the data, about 64 MB of samples each;"
                    + " never from the cluster, so that the bits are the same on any cluster).")
    Integer partitions;

    @Option(names = "--block", paramLabel = "B", defaultValue = "" + SampleBlocks.DEFAULT_BLOCK_SAMPLES,
            description = "Samples per block; the blocks, not the cluster, fix the sums (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--passes", paramLabel = "1|2",
            description = "Spark jobs per evaluation: 2 (activation sums, then gradient sums) or 1 (with the"
                    + " sparsity term added on the driver; 20%% more flops) (default: 2).")
    Integer passes;

    @Option(names = "--activation-cache", paramLabel = "MB",
            defaultValue = "" + (SparkObjective.DEFAULT_EXECUTOR_CACHE_BYTES >> 20),
            description = "Each executor's budget for its blocks' hidden activations between the two passes; a"
                    + " block past it computes them again (default: ${DEFAULT-VALUE}).")
    long activationCacheMb;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    /** Usage errors before Spark starts. */
    void check() {
        sparsity.check(1);
        engine.check();
        Checks.require(spec, block > 0, "--block must be >= 1, got " + block);
        Checks.require(spec, activationCacheMb >= 0, "--activation-cache must be >= 0, got " + activationCacheMb);
        Checks.require(spec, partitions == null || partitions > 0, "--partitions must be >= 1, got " + partitions);
        passes();
    }

    Precision precision() {
        return engine.precision();
    }

    Passes passes() {
        if (passes == null) {
            return Passes.DEFAULT;
        }
        Checks.require(spec, passes == 1 || passes == 2, "--passes must be 1 or 2, got " + passes);
        return passes == 1 ? Passes.ONE : Passes.TWO;
    }

    SparseAutoencoderConfig config(int visible, int hidden) {
        return sparsity.config(visible, hidden);
    }

    /**
     * The settings, the backend resolved here on the driver (never {@code auto} on an executor);
     * {@code threads} are each executor's.
     */
    EvaluationSettings settings(SparseAutoencoderConfig config, int executorThreads) {
        return engine.settings(config.visible(), config.hidden(), block, executorThreads)
                .withActivationCacheBytes(activationCacheMb << 20);
    }

    /** The caller's Spark session, or one started here (and stopped when the command ends). */
    SparkSessions join(String appName) {
        return SparkSessions.join(appName, master);
    }

    /** Engine threads per task: {@code --threads}, else {@code spark.task.cpus} (Spark's cores per task). */
    int executorThreads(JavaSparkContext spark) {
        return engine.threadsOr(spark.getConf().getInt("spark.task.cpus", 1));
    }

    /** {@code --partitions}, else 0: from the data's size, never from the cluster. */
    int partitions() {
        return partitions != null ? partitions : 0;
    }
}
