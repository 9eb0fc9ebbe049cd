package org.sae4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.io.Json;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.Provenance;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.Termination;
import org.sae4j.options.Checks;
import org.sae4j.options.OptimizerOptions;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class org.sae4j.spark.SparkTrain sae4j-spark.jar --npy ... --out DIR}: trains on
 * Spark and writes {@code DIR/model.sae} (the engine's model format) and {@code DIR/cost.csv}. Options
 * have the names and meanings of {@code sae train}; progress goes to stderr, the result to stdout.
 */
@Command(name = "SparkTrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains a sparse autoencoder on Spark: L-BFGS on the driver, every evaluation one pass"
                + " over the cached sample blocks on the executors.")
public final class SparkTrain implements Callable<Integer> {
    @Mixin
    private SparkOptions options;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "25", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    private int hidden;


    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the initial weights, the same θ as sae train's (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private OptimizerOptions optimizer;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-out",
            description = "Folder (a Hadoop path) for model.sae and cost.csv (default: ${DEFAULT-VALUE}).")
    private String out;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint (--checkpoint FILE) every N iterations and after the last one, for"
                    + " --resume; a run that finds a checkpoint there (an application's re-attempt) resumes from it.")
    private Integer checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE", defaultValue = "checkpoint.ckpt",
            description = "Where the driver writes checkpoints: any Hadoop path, so that they outlive the driver's"
                    + " container (default: ${DEFAULT-VALUE}).")
    private String checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run that wrote checkpoint FILE; give that run's data and options (only"
                    + " --iterations and --threads may differ).")
    private String resume;

    private PrintWriter stdout = new PrintWriter(System.out, true);
    private PrintWriter stderr = new PrintWriter(System.err, true);

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command in the caller's Spark session if there is one (which it leaves running), else in
     * one of its own; returns the exit code (0, 1 when the work failed, 2 for a usage error) and never
     * exits the JVM.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SparkTrain command = new SparkTrain();
        command.stdout = out;
        command.stderr = err;
        return Commands.execute(command, args, out, err);
    }

    @Override
    public Integer call() throws IOException {
        options.check();
        Checks.positive(spec, "--hidden", hidden);
        Checks.positiveIfGiven(spec, "--checkpoint-every", checkpointEvery);
        Optimizer opt = optimizer.build(spec);
        int iterations = optimizer.iterations();
        try (SparkSessions session = options.join("sae4j SparkTrain")) {
            JavaSparkContext spark = session.context();
            String resumeFrom = resume;
            boolean found = resume == null && checkpointEvery != null
                    && new HadoopCheckpoint(spark.hadoopConfiguration(), checkpoint).exists();
            if (found) {
                resumeFrom = checkpoint;
            }
            Checkpoint resumed = resumeFrom == null ? null
                    : new HadoopCheckpoint(spark.hadoopConfiguration(), resumeFrom).read();
            JavaRDD<SampleBlock> blocks = NpyParts.read(spark, options.npy, options.precision(), options.block,
                    options.partitions());
            int visible = blocks.first().features();
            SparseAutoencoderConfig config = options.config(visible, hidden);
            int threads = options.executorThreads(spark);
            EvaluationSettings settings = options.settings(config, threads);
            stderr.printf(Locale.ROOT, "training %d -> %d on Spark (%s, %d partitions of %d-sample blocks): %s; backend"
                            + " %s, %d threads per task, %s%n", visible, hidden, spark.master(),
                    blocks.getNumPartitions(), options.block, opt, settings.backend().name(), threads,
                    settings.precision().shortName());
            long[] last = {System.nanoTime(), 0};
            TrainingSpec run = TrainingSpec.defaults().withSettings(settings).withOptimizer(opt).withSeed(seed)
                    .withListener(info -> {
                        long now = System.nanoTime();
                        int evaluations = info.evaluations() - (int) last[1];
                        stderr.printf(Locale.ROOT, "iteration %d/%d  J %.8g  %.3f s per evaluation%n",
                                info.iteration(), iterations, info.value(),
                                (now - last[0]) / 1e9 / Math.max(1, evaluations));
                        last[0] = now;
                        last[1] = info.evaluations();
                    });
            if (checkpointEvery != null) {
                run = run.withCheckpoints(new HadoopCheckpoint(spark.hadoopConfiguration(), checkpoint),
                        checkpointEvery);
            }
            if (resumed != null) {
                run = run.withResume(resumed);
                stderr.println("resuming from " + resumeFrom + (found ? " (found there: an earlier attempt's)" : "")
                        + " after iteration " + resumed.state().iterations());
            }
            TrainingResult r;
            try {
                r = SparkTrainer.of(config, run, threads, options.passes()).train(spark, blocks);
            } catch (CheckpointMismatchException e) {
                throw new IllegalArgumentException(resumeFrom + " is a checkpoint of another run: " + e.getMessage()
                        + (found ? "; remove it, or give --checkpoint another file"
                        : "; resume with that run's data and options (only --iterations and --threads may differ)"));
            }
            if (!Double.isFinite(r.costHistory()[0])) {
                throw new IllegalArgumentException("J = " + r.costHistory()[0] + " at the initial parameters: the"
                        + " data's values are too large for the objective; nothing was written");
            }
            // as sae train records it, the chunk being the largest within a block, plus the cluster's layout
            Map<String, String> extra = new LinkedHashMap<>(new Provenance(options.npy, opt.toString(),
                    options.engine.chunkFor(options.block, visible, hidden), options.engine.backendChoice())
                    .toMetadata());
            extra.put("spark", spark.master() + ", " + blocks.getNumPartitions() + " partitions, blocks of "
                    + options.block);
            double seconds = r.elapsed().toNanos() / 1e9;
            ModelMetadata meta = new ModelMetadata(r.termination().description(), r.iterations(), r.evaluations(),
                    r.finalCost(), seconds, settings.backend().name(), threads, seed, Instant.now(), extra);
            String model = Outputs.write(spark.hadoopConfiguration(), out,
                    new StoredModel(r.model(), settings.precision(), meta), r.costHistory());
            if (options.json) {
                stdout.println(Json.object()
                        .put("finalCost", r.finalCost())
                        .put("iterations", r.iterations())
                        .put("evaluations", r.evaluations())
                        .put("termination", r.termination().name())
                        .put("seconds", seconds)
                        .put("backend", settings.backend().name())
                        .put("threads", threads)
                        .put("precision", settings.precision().shortName())
                        .put("partitions", blocks.getNumPartitions())
                        .put("model", model));
            } else {
                stdout.printf(Locale.ROOT, "J = %.10g after %d iterations, %d evaluations (%s) in %.1f s%n",
                        r.finalCost(), r.iterations(), r.evaluations(), r.termination().description(), seconds);
                stdout.println("model: " + model);
            }
            stdout.flush();
            return r.termination() == Termination.CANCELLED ? 130 : 0;
        }
    }
}
