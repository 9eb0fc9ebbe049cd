package org.sae4j.spark.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sae4j.autoencoder.ChunkProducts;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.GradientDescent;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;
import org.sae4j.spark.FrameBlocks;
import org.sae4j.spark.HadoopCheckpoint;
import org.sae4j.spark.Passes;
import org.sae4j.spark.SampleBlock;
import org.sae4j.spark.SampleBlocks;
import org.sae4j.spark.SparkObjective;
import org.sae4j.spark.SparkTrainer;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sparse autoencoder of {@code docs/objective.md} as a spark.ml {@link Estimator}: {@link #fit} trains
 * on a column of samples (a {@code Vector}, {@code array<double>} or {@code array<float>}) exactly as
 * {@link SparkTrainer} does (L-BFGS on the driver, the objective's sums over blocks of rows on the
 * executors, added in a fixed order), and returns a {@link SparseAutoencoderModel} whose
 * {@code transform} adds the hidden activations.
 *
 * <pre>{@code
 * Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
 *         new VectorAssembler().setInputCols(pixels).setOutputCol("features"),
 *         new SparseAutoencoder().setHiddenSize(64).setMaxIter(100),
 *         new LogisticRegression().setFeaturesCol("hidden")});
 * }</pre>
 *
 * <p>The defaults are those of {@code sae train}. The bits of the result depend on the data (its rows in
 * the same order each time the input is read), the block size, the partitions, the fan-in and the
 * backend, never on the cluster: the default partition count comes from the data, and the driver sends
 * its backend and kernel to the executors. With {@code backend} {@code auto} the driver measures which
 * is fastest, so name one for bits that repeat on another driver. The class and parameter names are what a PySpark {@code JavaEstimator} wrapper would use.
 */
public final class SparseAutoencoder extends Estimator<SparseAutoencoderModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SparseAutoencoder.class);
    /** Where in {@code checkpointDir} the run's checkpoint goes. */
    static final String CHECKPOINT_FILE = "sae4j.ckpt";

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final IntParam hiddenSize;
    private final DoubleParam sparsity;
    private final DoubleParam regParam;
    private final DoubleParam sparsityWeight;
    private final Param<String> decoder;
    private final Param<String> precision;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final LongParam seed;
    private final Param<String> optimizer;
    private final IntParam blockSize;
    private final IntParam numPartitions;
    private final Param<String> backend;
    private final IntParam threadsPerTask;
    private final IntParam fanIn;
    private final IntParam activationCacheMB;
    private final Param<String> checkpointDir;
    private final IntParam checkpointInterval;

    public SparseAutoencoder() {
        this(Identifiable$.MODULE$.randomUID("sparseAutoencoder"));
    }

    public SparseAutoencoder(String uid) {
        this.uid = uid;
        inputCol = new Param<>(uid, "inputCol", "the column of samples: a vector, array<double> or array<float>");
        outputCol = new Param<>(uid, "outputCol", "the column of hidden activations the model adds (a vector)");
        hiddenSize = new IntParam(uid, "hiddenSize", "hidden units h (>= 1)", ParamValidators.gtEq(1));
        sparsity = new DoubleParam(uid, "sparsity", "target mean activation rho, in (0, 1)",
                ParamValidators.inRange(0, 1, false, false));
        regParam = new DoubleParam(uid, "regParam", "weight decay lambda (>= 0)", ParamValidators.gtEq(0));
        sparsityWeight = new DoubleParam(uid, "sparsityWeight", "weight beta of the sparsity penalty (>= 0)",
                ParamValidators.gtEq(0));
        decoder = new Param<>(uid, "decoder", "output layer: sigmoid or linear",
                ParamValidators.inArray(new String[] {"sigmoid", "linear"}));
        precision = new Param<>(uid, "precision", "arithmetic of the evaluations: f64 or f32",
                ParamValidators.inArray(new String[] {"f64", "f32"}));
        maxIter = new IntParam(uid, "maxIter", "iteration budget (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "stop once every gradient component is at most this in size (>= 0)",
                ParamValidators.gtEq(0));
        seed = new LongParam(uid, "seed", "seed of the initial weights: the same theta as sae train's");
        optimizer = new Param<>(uid, "optimizer", "lbfgs, or gd (gradient descent with backtracking)",
                ParamValidators.inArray(new String[] {"lbfgs", "gd"}));
        blockSize = new IntParam(uid, "blockSize", "samples per block; the blocks, not the cluster, fix the sums",
                ParamValidators.gtEq(1));
        numPartitions = new IntParam(uid, "numPartitions", "partitions of the blocks; 0: from the data's size"
                + " (about 64 MB of samples each), never from the cluster", ParamValidators.gtEq(0));
        backend = new Param<>(uid, "backend", "matrix backend: java, native, or auto (measured on the driver,"
                + " then sent to the executors)");
        threadsPerTask = new IntParam(uid, "threadsPerTask", "engine threads per task; 0: spark.task.cpus",
                ParamValidators.gtEq(0));
        fanIn = new IntParam(uid, "fanIn", "partial sums added per group of the driver's fan-in tree (>= 2)",
                ParamValidators.gtEq(2));
        activationCacheMB = new IntParam(uid, "activationCacheMB", "each executor's budget, in MB, for its blocks'"
                + " hidden activations between the two passes; a block past it computes them again (>= 0)",
                ParamValidators.gtEq(0));
        checkpointDir = new Param<>(uid, "checkpointDir", "a Hadoop folder for the run's checkpoint; a run that"
                + " finds a checkpoint of the same run there resumes from it");
        checkpointInterval = new IntParam(uid, "checkpointInterval", "write the checkpoint every this many"
                + " iterations (>= 1)", ParamValidators.gtEq(1));
        setDefault(inputCol, "features");
        setDefault(outputCol, "hidden");
        setDefault(hiddenSize, 25);
        setDefault(sparsity, 0.01);
        setDefault(regParam, 1e-4);
        setDefault(sparsityWeight, 3.0);
        setDefault(decoder, "sigmoid");
        setDefault(precision, "f64");
        setDefault(maxIter, 400);
        setDefault(tol, 1e-5);
        setDefault(seed, 0L);
        setDefault(optimizer, "lbfgs");
        setDefault(blockSize, SampleBlocks.DEFAULT_BLOCK_SAMPLES);
        setDefault(numPartitions, 0);
        setDefault(backend, MatrixBackends.AUTO);
        setDefault(threadsPerTask, 0);
        setDefault(fanIn, 16);
        setDefault(activationCacheMB, (int) (SparkObjective.DEFAULT_EXECUTOR_CACHE_BYTES >> 20));
        setDefault(checkpointInterval, 10);
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---- params, in Spark's style: the Param, its getter and its setter

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return valueOf(inputCol);
    }

    public SparseAutoencoder setInputCol(String value) {
        return put(inputCol, value);
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public String getOutputCol() {
        return valueOf(outputCol);
    }

    public SparseAutoencoder setOutputCol(String value) {
        return put(outputCol, value);
    }

    public IntParam hiddenSize() {
        return hiddenSize;
    }

    public int getHiddenSize() {
        return valueOf(hiddenSize);
    }

    public SparseAutoencoder setHiddenSize(int value) {
        return put(hiddenSize, value);
    }

    public DoubleParam sparsity() {
        return sparsity;
    }

    public double getSparsity() {
        return valueOf(sparsity);
    }

    public SparseAutoencoder setSparsity(double value) {
        return put(sparsity, value);
    }

    public DoubleParam regParam() {
        return regParam;
    }

    public double getRegParam() {
        return valueOf(regParam);
    }

    public SparseAutoencoder setRegParam(double value) {
        return put(regParam, value);
    }

    public DoubleParam sparsityWeight() {
        return sparsityWeight;
    }

    public double getSparsityWeight() {
        return valueOf(sparsityWeight);
    }

    public SparseAutoencoder setSparsityWeight(double value) {
        return put(sparsityWeight, value);
    }

    public Param<String> decoder() {
        return decoder;
    }

    public String getDecoder() {
        return valueOf(decoder);
    }

    public SparseAutoencoder setDecoder(String value) {
        return put(decoder, value);
    }

    public Param<String> precision() {
        return precision;
    }

    public String getPrecision() {
        return valueOf(precision);
    }

    public SparseAutoencoder setPrecision(String value) {
        return put(precision, value);
    }

    public IntParam maxIter() {
        return maxIter;
    }

    public int getMaxIter() {
        return valueOf(maxIter);
    }

    public SparseAutoencoder setMaxIter(int value) {
        return put(maxIter, value);
    }

    public DoubleParam tol() {
        return tol;
    }

    public double getTol() {
        return valueOf(tol);
    }

    public SparseAutoencoder setTol(double value) {
        return put(tol, value);
    }

    public LongParam seed() {
        return seed;
    }

    public long getSeed() {
        return valueOf(seed);
    }

    public SparseAutoencoder setSeed(long value) {
        return put(seed, value);
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public String getOptimizer() {
        return valueOf(optimizer);
    }

    public SparseAutoencoder setOptimizer(String value) {
        return put(optimizer, value);
    }

    public IntParam blockSize() {
        return blockSize;
    }

    public int getBlockSize() {
        return valueOf(blockSize);
    }

    public SparseAutoencoder setBlockSize(int value) {
        return put(blockSize, value);
    }

    public IntParam numPartitions() {
        return numPartitions;
    }

    public int getNumPartitions() {
        return valueOf(numPartitions);
    }

    public SparseAutoencoder setNumPartitions(int value) {
        return put(numPartitions, value);
    }

    public Param<String> backend() {
        return backend;
    }

    public String getBackend() {
        return valueOf(backend);
    }

    public SparseAutoencoder setBackend(String value) {
        return put(backend, value);
    }

    public IntParam threadsPerTask() {
        return threadsPerTask;
    }

    public int getThreadsPerTask() {
        return valueOf(threadsPerTask);
    }

    public SparseAutoencoder setThreadsPerTask(int value) {
        return put(threadsPerTask, value);
    }

    public IntParam fanIn() {
        return fanIn;
    }

    public int getFanIn() {
        return valueOf(fanIn);
    }

    public SparseAutoencoder setFanIn(int value) {
        return put(fanIn, value);
    }

    public IntParam activationCacheMB() {
        return activationCacheMB;
    }

    public int getActivationCacheMB() {
        return valueOf(activationCacheMB);
    }

    public SparseAutoencoder setActivationCacheMB(int value) {
        return put(activationCacheMB, value);
    }

    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    public String getCheckpointDir() {
        return valueOf(checkpointDir);
    }

    public SparseAutoencoder setCheckpointDir(String value) {
        return put(checkpointDir, value);
    }

    public IntParam checkpointInterval() {
        return checkpointInterval;
    }

    public int getCheckpointInterval() {
        return valueOf(checkpointInterval);
    }

    public SparseAutoencoder setCheckpointInterval(int value) {
        return put(checkpointInterval, value);
    }

    private <T> SparseAutoencoder put(Param<T> param, T value) {
        set(param, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> T valueOf(Param<?> param) {
        return (T) getOrDefault(param);
    }

    // ---- the Estimator

    @Override
    public StructType transformSchema(StructType schema) {
        return SparseAutoencoderModel.withOutput(schema, getInputCol(), getOutputCol());
    }

    /** Trains on the input column; the cluster is the input's session's. */
    @Override
    public SparseAutoencoderModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> frame = dataset.toDF();
        SparkSession session = frame.sparkSession();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        Precision p = Precision.parse(getPrecision());
        int block = getBlockSize();
        SampleBlocks.Layout layout = FrameBlocks.layout(frame, getInputCol());
        int partitions = getNumPartitions() > 0 ? getNumPartitions()
                : SampleBlocks.defaultPartitions(layout, p, block);
        JavaRDD<SampleBlock> blocks = FrameBlocks.of(frame, getInputCol(), layout, p, block, partitions);
        int v = layout.features();
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(v, getHiddenSize(), getSparsity(),
                getRegParam(), getSparsityWeight(), OutputLayer.parse(getDecoder()));
        int threads = getThreadsPerTask() > 0 ? getThreadsPerTask()
                : spark.getConf().getInt("spark.task.cpus", 1);
        int chunk = EvaluationSettings.defaultChunkSize((int) Math.min(block, layout.samples()), v, getHiddenSize());
        MatrixBackend b = MatrixBackends.get(getBackend(), ChunkProducts.workload(v, getHiddenSize(), chunk, p));
        EvaluationSettings settings = new EvaluationSettings(b, threads, EvaluationSettings.AUTO_CHUNK, p,
                (long) getActivationCacheMB() << 20);
        Optimizer opt = buildOptimizer();
        LOG.info(String.format(Locale.ROOT, "sae4j: training %d -> %d on %d samples in %d partitions of %d-sample"
                        + " blocks: %s; backend %s [%s], %d threads per task, %s", v, getHiddenSize(), layout.samples(),
                partitions, block, opt, b.name(), b.info().kernel(), threads, p.shortName()));
        long[] last = {System.nanoTime()};
        TrainingSpec spec = TrainingSpec.defaults().withSettings(settings).withOptimizer(opt).withSeed(getSeed())
                .withListener(info -> {
                    long now = System.nanoTime();
                    LOG.info(String.format(Locale.ROOT, "sae4j: iteration %d/%d  J %.8g  %.3f s", info.iteration(),
                            getMaxIter(), info.value(), (now - last[0]) / 1e9));
                    last[0] = now;
                });
        HadoopCheckpoint checkpoint = null;
        if (isDefined(checkpointDir)) {
            String file = new org.apache.hadoop.fs.Path(getCheckpointDir(), CHECKPOINT_FILE).toString();
            checkpoint = new HadoopCheckpoint(spark.hadoopConfiguration(), file);
            spec = spec.withCheckpoints(checkpoint, getCheckpointInterval());
            try {
                if (checkpoint.exists()) {
                    Checkpoint found = checkpoint.read();
                    LOG.info("sae4j: resuming from the checkpoint " + file + " after iteration "
                            + found.state().iterations());
                    spec = spec.withResume(found);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
        TrainingResult r;
        try {
            r = SparkTrainer.of(config, spec, threads, Passes.DEFAULT).withFanout(getFanIn()).train(spark, blocks);
        } catch (CheckpointMismatchException e) {
            throw new IllegalArgumentException(checkpoint.name() + " is a checkpoint of another run: " + e.getMessage()
                    + "; remove it, or give this run another checkpointDir", e);
        }
        LOG.info(String.format(Locale.ROOT, "sae4j: J = %.10g after %d iterations, %d evaluations (%s)",
                r.finalCost(), r.iterations(), r.evaluations(), r.termination().description()));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("source", "spark.ml SparseAutoencoder " + uid);
        extra.put("optimizer", opt.toString());
        extra.put("spark", spark.master() + ", " + partitions + " partitions, blocks of " + block + ", fan-in "
                + getFanIn());
        ModelMetadata meta = new ModelMetadata(r.termination().description(), r.iterations(), r.evaluations(),
                r.finalCost(), r.elapsed().toNanos() / 1e9, b.name(), threads, getSeed(), Instant.now(), extra);
        SparseAutoencoderModel model = new SparseAutoencoderModel(uid, new StoredModel(r.model(), p, meta),
                r.termination());
        copyValues(model, ParamMap.empty());
        return model.setParent(this);
    }

    private Optimizer buildOptimizer() {
        if (getOptimizer().equals("gd")) {
            return GradientDescent.builder().maxIterations(getMaxIter()).gradientTolerance(getTol()).build();
        }
        return Lbfgs.builder().maxIterations(getMaxIter()).gradientTolerance(getTol()).build();
    }

    @Override
    public SparseAutoencoder copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    // ---- persistence: the params only, as Spark's own estimators

    @Override
    public MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    public static MLReader<SparseAutoencoder> read() {
        return new DefaultParamsReader<>();
    }

    public static SparseAutoencoder load(String path) {
        return read().load(path);
    }
}
