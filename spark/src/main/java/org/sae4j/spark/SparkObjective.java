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

/**
 * The sparse autoencoder objective of {@code docs/objective.md} over an RDD of {@link SampleBlock}s.
 *
 * <p>Each evaluation is two Spark jobs over the cached blocks, because ρ̂ must be known over the whole
 * set before any δ2: the first returns each partition's hidden-activation sums, the second (with the
 * sparsity term broadcast) each partition's squared error and gradient sums. A partition adds its blocks
 * in their order, the driver adds the partitions in partition order, and
 * {@link SparseAutoencoderObjective#finish} scales and adds the weight decay. So J and ∇J depend on the
 * blocks and their partitioning, never on how many executors or cores ran them or in what order the
 * tasks ended. On an executor a block is evaluated by the engine's chunk kernels on its ForkJoin pool
 * ({@link ExecutorEngine}), with the backend the driver resolved.
 *
 * <p>Evaluations are serialised. Closing unpersists the blocks and releases the executors' engines.
 */
public final class SparkObjective implements DifferentiableFunction, AutoCloseable {
    private final JavaSparkContext spark;
    private final JavaRDD<SampleBlock> blocks;
    private final SparseAutoencoderConfig config;
    private final EngineSpec spec;
    private final long samples;
    private final SparsityPenalty penalty;
    private final double[] activationSums;
    /** The one-job form's Σ f′(z2) xᵀ and Σ f′(z2) over all partitions, or null for two jobs. */
    private final double[] fPrimeX;
    private final double[] fPrimeSums;

    /**
     * Persists {@code blocks} ({@code MEMORY_AND_DISK}) and counts their samples, one job.
     *
     * @param settings        backend (resolved; {@code auto} is not allowed here), precision, chunk size
     * @param executorThreads threads of each executor's engine
     */
    public SparkObjective(JavaSparkContext spark, JavaRDD<SampleBlock> blocks, SparseAutoencoderConfig config,
                          EvaluationSettings settings, int executorThreads) {
        this(spark, blocks, config, settings, executorThreads, Passes.TWO);
    }

    /** @param passes how an evaluation meets the sparsity term (both give J and ∇J to rounding) */
    public SparkObjective(JavaSparkContext spark, JavaRDD<SampleBlock> blocks, SparseAutoencoderConfig config,
                          EvaluationSettings settings, int executorThreads, Passes passes) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.config = Objects.requireNonNull(config, "config");
        this.spec = EngineSpec.of(config, settings, executorThreads, Objects.requireNonNull(passes, "passes"));
        this.blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
        int v = config.visible();
        EngineSpec s = spec;
        this.samples = this.blocks.map(b -> {
            if (b.features() != v) {
                throw new IllegalArgumentException("block " + b.index() + " has " + b.features()
                        + " features per sample but the autoencoder has visible = " + v);
            }
            if (b.precision() != s.precision()) {
                throw new IllegalArgumentException("block " + b.index() + " is " + b.precision().shortName()
                        + " but the run is " + s.precision().shortName());
            }
            return (long) b.samples();
        }).fold(0L, Long::sum);
        if (samples < 1) {
            throw new IllegalArgumentException("the blocks hold no samples");
        }
        requireResultsFit(spark, this.blocks.getNumPartitions(), config, passes);
        this.penalty = new SparsityPenalty(config);
        this.activationSums = new double[config.hidden()];
        this.fPrimeX = passes == Passes.ONE ? new double[config.hidden() * config.visible()] : null;
        this.fPrimeSums = passes == Passes.ONE ? new double[config.hidden()] : null;
    }

    /**
     * Every evaluation collects one array per partition on the driver; Spark fails a job whose results
     * exceed {@code spark.driver.maxResultSize} (1g by default), so a run that would is refused at once.
     */
    private static void requireResultsFit(JavaSparkContext spark, int partitions, SparseAutoencoderConfig config,
                                          Passes passes) {
        long perPartition = 8L * (config.parameterCount() + 1L
                + (passes == Passes.ONE ? (long) config.hidden() * config.visible() + 2L * config.hidden() : 0));
        long limit = spark.getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g");
        if (limit > 0 && partitions * perPartition > limit) {
            throw new IllegalArgumentException(partitions + " partitions each return " + perPartition
                    + " bytes per evaluation, more than spark.driver.maxResultSize (" + limit + " bytes) lets the"
                    + " driver collect; use fewer partitions or raise spark.driver.maxResultSize");
        }
    }

    @Override
    public int dimension() {
        return config.parameterCount();
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
            List<double[]> firstPass = blocks.mapPartitions((Iterator<SampleBlock> it) -> {
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
            }).collect();
            Arrays.fill(activationSums, 0);
            for (double[] partition : firstPass) {
                for (int j = 0; j < h; j++) {
                    activationSums[j] += partition[j];
                }
            }
            penalty.update(activationSums, samples);
            sparsity = spark.broadcast(penalty.sparsity().clone());
            Broadcast<double[]> term = sparsity;
            // each partition returns its gradient sums with its squared error appended
            List<double[]> secondPass = blocks.mapPartitions((Iterator<SampleBlock> it) -> {
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
            }).collect();
            Arrays.fill(gradient, 0);
            double squaredError = 0;
            for (double[] partition : secondPass) {
                for (int i = 0; i < n; i++) {
                    gradient[i] += partition[i];
                }
                squaredError += partition[n];
            }
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
            List<double[]> partitions = blocks.mapPartitions((Iterator<SampleBlock> it) -> {
                double[] sums = new double[n + h + hv + h + 1];
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
            }).collect();
            Arrays.fill(gradient, 0);
            Arrays.fill(activationSums, 0);
            Arrays.fill(fPrimeX, 0);
            Arrays.fill(fPrimeSums, 0);
            double squaredError = 0;
            for (double[] p : partitions) {
                for (int i = 0; i < n; i++) {
                    gradient[i] += p[i];
                }
                for (int j = 0; j < h; j++) {
                    activationSums[j] += p[n + j];
                    fPrimeSums[j] += p[n + h + hv + j];
                }
                for (int i = 0; i < hv; i++) {
                    fPrimeX[i] += p[n + h + i];
                }
                squaredError += p[p.length - 1];
            }
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
        blocks.foreachPartition(it -> ExecutorEngine.release(s));
        ExecutorEngine.release(spec);
        blocks.unpersist(false);
    }
}
