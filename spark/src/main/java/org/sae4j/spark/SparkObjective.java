package org.sae4j.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sae4j.autoencoder.BlockSums;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.autoencoder.SparsityPenalty;
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.precision.Precision;

/**
 * The sparse autoencoder objective of {@code docs/objective.md} over an RDD of {@link SampleBlock}s.
 *
 * <p>Each evaluation is two Spark jobs over the cached blocks, because ρ̂ must be known over the whole
 * set before any δ2: the first returns each partition's hidden-activation sums, the second (with the
 * sparsity term broadcast) each partition's squared error and gradient sums. A partition adds its blocks
 * in their order, the partitions are added in a tree of fixed shape ({@link TreeSum}), and
 * {@link SparseAutoencoderObjective#finish} scales and adds the weight decay. So J and ∇J depend on the
 * blocks, their partitioning and the fan-in, never on how many executors or cores ran them or in what
 * order the tasks ended. On an executor a block is evaluated by the engine's chunk kernels on its ForkJoin pool
 * ({@link ExecutorEngine}), with the backend the driver resolved.
 *
 * <p>Evaluations are serialised. Closing unpersists the blocks and releases the executors' engines.
 */
public final class SparkObjective implements DifferentiableFunction, AutoCloseable {
    /**
     * Each executor's budget for the activation caches of all its blocks unless the settings say
     * otherwise ({@link EvaluationSettings#activationCacheBytes}): a block past it recomputes its hidden
     * activations in the second pass (one product more) instead of keeping them.
     */
    public static final long DEFAULT_EXECUTOR_CACHE_BYTES = 256L << 20;
    private final JavaSparkContext spark;
    private final JavaRDD<SampleBlock> blocks;
    private final SparseAutoencoderConfig config;
    private final EngineSpec spec;
    private final long samples;
    private final int fanout;
    private final SparsityPenalty penalty;
    private final double[] activationSums;
    /** The one-job form's Σ f′(z2) xᵀ and Σ f′(z2) over all partitions, or null for two jobs. */
    private final double[] fPrimeX;
    private final double[] fPrimeSums;

    /**
     * Persists {@code blocks} ({@code MEMORY_AND_DISK}) and counts their samples, one job.
     *
     * @param settings        backend (resolved; {@code auto} is not allowed here), precision, chunk size, and
     *                        each executor's budget for its blocks' activation caches
     * @param executorThreads threads of each executor's engine (per task)
     */
    public SparkObjective(JavaSparkContext spark, JavaRDD<SampleBlock> blocks, SparseAutoencoderConfig config,
                          EvaluationSettings settings, int executorThreads) {
        this(spark, blocks, config, settings, executorThreads, Passes.TWO);
    }

    /** @param passes how an evaluation meets the sparsity term (both give J and ∇J to rounding) */
    public SparkObjective(JavaSparkContext spark, JavaRDD<SampleBlock> blocks, SparseAutoencoderConfig config,
                          EvaluationSettings settings, int executorThreads, Passes passes) {
        this(spark, blocks, config, settings, executorThreads, passes, TreeSum.DEFAULT_FANOUT);
    }

    /**
     * @param fanout partial sums per group of the fan-in tree ({@link TreeSum}); the bits depend on it
     *               once there are more partitions than it
     */
    public SparkObjective(JavaSparkContext spark, JavaRDD<SampleBlock> blocks, SparseAutoencoderConfig config,
                          EvaluationSettings settings, int executorThreads, Passes passes, int fanout) {
        if (fanout < 2) {
            throw new IllegalArgumentException("the fan-in must be >= 2, got " + fanout);
        }
        this.fanout = fanout;
        this.spark = Objects.requireNonNull(spark, "spark");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(passes, "passes");
        this.blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
        int v = config.visible();
        Precision precision = settings.precision();
        // the samples in all, and in the largest block, which sizes the executors' workspaces
        long[] counted = this.blocks.map(b -> {
            if (b.features() != v) {
                throw new IllegalArgumentException("block " + b.index() + " has " + b.features()
                        + " features per sample but the autoencoder has visible = " + v);
            }
            if (b.precision() != precision) {
                throw new IllegalArgumentException("block " + b.index() + " is " + b.precision().shortName()
                        + " but the run is " + precision.shortName());
            }
            return new long[] {b.samples(), b.samples()};
        }).fold(new long[] {0, 0}, (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
        this.samples = counted[0];
        if (samples < 1) {
            throw new IllegalArgumentException("the blocks hold no samples");
        }
        this.spec = EngineSpec.of(config, settings, executorThreads, passes,
                settings.chunkSizeFor((int) counted[1], config.visible(), config.hidden()));
        requireResultsFit(spark, Math.min(fanout, this.blocks.getNumPartitions()), config, passes);
        this.penalty = new SparsityPenalty(config);
        this.activationSums = new double[config.hidden()];
        this.fPrimeX = passes == Passes.ONE ? new double[config.hidden() * config.visible()] : null;
        this.fPrimeSums = passes == Passes.ONE ? new double[config.hidden()] : null;
    }

    /**
     * Every evaluation collects up to {@code fanout} arrays on the driver ({@link TreeSum}); Spark fails a
     * job whose results exceed {@code spark.driver.maxResultSize} (1g by default), so a run that would is
     * refused at once.
     */
    private static void requireResultsFit(JavaSparkContext spark, int partitions, SparseAutoencoderConfig config,
                                          Passes passes) {
        long perPartition = 8L * (config.parameterCount() + 1L
                + (passes == Passes.ONE ? (long) config.hidden() * config.visible() + 2L * config.hidden() : 0));
        long limit = spark.getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g");
        if (limit > 0 && partitions * perPartition > limit) {
            throw new IllegalArgumentException("the driver collects " + partitions + " sums of " + perPartition
                    + " bytes per evaluation, more than spark.driver.maxResultSize (" + limit + " bytes) lets it;"
                    + " use a smaller fan-in or raise spark.driver.maxResultSize");
        }
    }

    @Override
    public int dimension() {
        return config.parameterCount();
    }

    /** What every executor builds its engine from. */
    EngineSpec engineSpec() {
        return spec;
    }

    /** The number of training samples m over all blocks. */
    public long samples() {
        return samples;
    }

    @Override
    public synchronized double evaluate(double[] theta, double[] gradient) {
        config.requireParameters(theta, "theta");
        config.requireParameters(gradient, "gradient");
        if (spec.passes() == Passes.ONE) {
            return evaluateInOnePass(theta, gradient);
        }
        EngineSpec s = spec;
        int h = config.hidden();
        int n = config.parameterCount();
        Broadcast<double[]> point = spark.broadcast(theta.clone());
        Broadcast<double[]> sparsity = null;
        try {
            double[] firstPass = TreeSum.of(blocks.mapPartitions((Iterator<SampleBlock> it) -> {
                double[] sums = new double[h];
                double[] t = point.value();
                while (it.hasNext()) {
                    SampleBlock b = it.next();
                    ExecutorEngine.with(s, b, e -> {
                        e.addActivationSums(t, sums);
                        return null;
                    });
                }
                return List.of(sums).iterator();
            }), h, fanout);
            System.arraycopy(firstPass, 0, activationSums, 0, h);
            penalty.update(activationSums, samples);
            sparsity = spark.broadcast(penalty.sparsity().clone());
            Broadcast<double[]> term = sparsity;
            // each partition returns its gradient sums with its squared error appended
            double[] secondPass = TreeSum.of(blocks.mapPartitions((Iterator<SampleBlock> it) -> {
                double[] g = new double[n];
                double[] t = point.value();
                double[] st = term.value();
                double squaredError = 0;
                while (it.hasNext()) {
                    squaredError += ExecutorEngine.with(s, it.next(), e -> e.addGradientSums(t, st, g));
                }
                double[] sums = Arrays.copyOf(g, n + 1);
                sums[n] = squaredError;
                return List.of(sums).iterator();
            }), n + 1, fanout);
            System.arraycopy(secondPass, 0, gradient, 0, n);
            double squaredError = secondPass[n];
            return SparseAutoencoderObjective.finish(config, theta, gradient, squaredError, penalty.divergence(),
                    samples);
        } finally {
            point.destroy();
            if (sparsity != null) {
                sparsity.destroy();
            }
        }
    }

    /**
     * One job: each partition returns, in one array, its gradient sums without the sparsity term, Σ a2,
     * Σ f′(z2) xᵀ, Σ f′(z2) and its squared error; the driver adds them in partition order and then the
     * sparsity term's share.
     */
    private double evaluateInOnePass(double[] theta, double[] gradient) {
        EngineSpec s = spec;
        int h = config.hidden();
        int n = config.parameterCount();
        int hv = h * config.visible();
        Broadcast<double[]> point = spark.broadcast(theta.clone());
        try {
            int length = n + h + hv + h + 1;
            double[] p = TreeSum.of(blocks.mapPartitions((Iterator<SampleBlock> it) -> {
                double[] sums = new double[length];
                double[] g = new double[n];
                double[] a = new double[h];
                double[] fx = new double[hv];
                double[] fs = new double[h];
                double[] t = point.value();
                double squaredError = 0;
                while (it.hasNext()) {
                    squaredError += ExecutorEngine.with(s, it.next(), e -> e.addOnePassSums(t, g, a, fx, fs));
                }
                System.arraycopy(g, 0, sums, 0, n);
                System.arraycopy(a, 0, sums, n, h);
                System.arraycopy(fx, 0, sums, n + h, hv);
                System.arraycopy(fs, 0, sums, n + h + hv, h);
                sums[sums.length - 1] = squaredError;
                return List.of(sums).iterator();
            }), length, fanout);
            System.arraycopy(p, 0, gradient, 0, n);
            System.arraycopy(p, n, activationSums, 0, h);
            System.arraycopy(p, n + h, fPrimeX, 0, hv);
            System.arraycopy(p, n + h + hv, fPrimeSums, 0, h);
            double squaredError = p[length - 1];
            penalty.update(activationSums, samples);
            BlockSums.addSparsityTerm(config, gradient, penalty.sparsity(), fPrimeX, fPrimeSums);
            return SparseAutoencoderObjective.finish(config, theta, gradient, squaredError, penalty.divergence(),
                    samples);
        } finally {
            point.destroy();
        }
    }

    /** Unpersists the blocks and lets every executor drop its engines for them. */
    @Override
    public void close() {
        EngineSpec s = spec;
        // tasks on no data, several per core, so that they reach every executor however the blocks moved
        int tasks = Math.max(1, 4 * spark.defaultParallelism());
        List<Integer> none = new java.util.ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            none.add(t);
        }
        try {
            spark.parallelize(none, tasks).foreachPartition(it -> ExecutorEngine.release(s));
        } finally {
            ExecutorEngine.release(spec);
            blocks.unpersist(false);
        }
    }
}
