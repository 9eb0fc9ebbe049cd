package org.sae4j.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.ChunkProducts;
import org.sae4j.autoencoder.Decoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@link SparkTrain} and {@link SparkEval} share: the objective's constants and the engine's
 * settings, named and meaning as in {@code sae train}, plus where Spark runs and how the data is cut.
 */
final class SparkOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--npy", paramLabel = "PATH", required = true,
            description = "NPY data (m, v), one sample per row: a file, or a folder of NPY parts taken in file-name"
                    + " order; any Hadoop path (file://, hdfs://, s3a://).")
    String npy;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.01",
            description = "Target mean activation of each hidden unit, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay, >= 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "3",
            description = "Weight of the sparsity penalty, >= 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--decoder", paramLabel = "sigmoid|linear", defaultValue = "sigmoid",
            description = "Output layer, as in sae train (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f64",
            description = "Precision of data, activations and products (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = MatrixBackends.AUTO,
            description = "Matrix backend: auto, java, native; auto is resolved once, on the driver"
                    + " (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engine threads in each executor (default: the executor's cores, spark.executor.cores,"
                    + " else the driver's processors).")
    Integer threads;

    @Option(names = "--chunk", paramLabel = "N|auto", defaultValue = "auto",
            description = "The most samples per parallel task inside an executor; auto chooses them from each"
                    + " block's shape as sae does (default: ${DEFAULT-VALUE}).")
    String chunk;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: what spark-submit set, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the sample blocks (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--block", paramLabel = "B", defaultValue = "" + SampleBlocks.DEFAULT_BLOCK_SAMPLES,
            description = "Samples per block; the blocks, not the cluster, fix the sums (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--passes", paramLabel = "1|2",
            description = "Spark jobs per evaluation: 2 (activation sums, then gradient sums) or 1 (with the"
                    + " sparsity term added on the driver; 20% more flops) (default: 2).")
    Integer passes;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    /** Usage errors before Spark starts. */
    void check() {
        require(rho > 0 && rho < 1, "--rho must be in (0, 1), got " + rho);
        require(Double.isFinite(lambda) && lambda >= 0, "--lambda must be finite and >= 0, got " + lambda);
        require(Double.isFinite(beta) && beta >= 0, "--beta must be finite and >= 0, got " + beta);
        require(threads == null || threads > 0, "--threads must be >= 1, got " + threads);
        chunk();
        require(block > 0, "--block must be >= 1, got " + block);
        require(partitions == null || partitions > 0, "--partitions must be >= 1, got " + partitions);
        precision();
        passes();
        decoder();
        String name = backend.strip().toLowerCase(Locale.ROOT);
        java.util.List<String> registered = MatrixBackends.providers().stream().map(p -> p.name()).toList();
        require(name.equals(MatrixBackends.AUTO) || registered.contains(name), "--backend: unknown backend '"
                + backend + "'; expected auto or one of " + String.join(", ", registered));
    }

    /** The chunk size, or {@link EvaluationSettings#AUTO_CHUNK}. */
    int chunk() {
        if (chunk.strip().equalsIgnoreCase("auto")) {
            return EvaluationSettings.AUTO_CHUNK;
        }
        try {
            int n = Integer.parseInt(chunk.strip());
            require(n > 0, "--chunk must be auto or >= 1, got " + chunk);
            return n;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk must be auto or a number of samples,"
                    + " got '" + chunk + "'");
        }
    }

    Precision precision() {
        try {
            return Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--precision must be f32 or f64, got '"
                    + precision + "'");
        }
    }

    Passes passes() {
        if (passes == null) {
            return Passes.DEFAULT;
        }
        require(passes == 1 || passes == 2, "--passes must be 1 or 2, got " + passes);
        return passes == 1 ? Passes.ONE : Passes.TWO;
    }

    Decoder decoder() {
        try {
            return Decoder.parse(decoder);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decoder must be sigmoid or linear, got '"
                    + decoder + "'");
        }
    }

    SparseAutoencoder config(int visible, int hidden) {
        require(hidden > 0, "--hidden must be >= 1, got " + hidden);
        return new SparseAutoencoder(visible, hidden, rho, lambda, beta, decoder());
    }

    /** The settings, the backend resolved here on the driver; {@code threads} are each executor's. */
    EvaluationSettings settings(SparseAutoencoder config, int executorThreads) {
        MatrixBackend chosen = MatrixBackends.AUTO.equalsIgnoreCase(backend.strip())
                ? MatrixBackends.auto(ChunkProducts.workload(config.visible(), config.hidden(),
                        chunk() != EvaluationSettings.AUTO_CHUNK ? chunk() : EvaluationSettings.SMALLEST_DEFAULT_CHUNK,
                        precision())).backend()
                : MatrixBackends.get(backend.strip().toLowerCase(Locale.ROOT));
        return new EvaluationSettings(chosen, executorThreads, chunk(), precision(),
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    JavaSparkContext start(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return new JavaSparkContext(conf);
    }

    int executorThreads(JavaSparkContext spark) {
        if (threads != null) {
            return threads;
        }
        return spark.getConf().getInt("spark.executor.cores", Runtime.getRuntime().availableProcessors());
    }

    int partitions(JavaSparkContext spark) {
        return partitions != null ? partitions : spark.defaultParallelism();
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
