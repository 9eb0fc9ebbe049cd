package org.sae4j.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code SparkBench --shape VxHxM --partitions 1,2,4,8}: the median time of one evaluation on Spark for
 * each partition count, beside the engine's own evaluation on the driver with the same threads, on
 * random data. A tiny shape measures what Spark adds per evaluation (two jobs, the broadcasts, the
 * collects); a large one, how close a distributed evaluation comes to the single-machine engine.
 */
@Command(name = "SparkBench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times one evaluation on Spark against the engine's own, per partition count.")
public final class SparkBench implements Callable<Integer> {
    @Option(names = "--shape", paramLabel = "VxHxM", defaultValue = "784x196x10000",
            description = "Visible, hidden, samples (default: ${DEFAULT-VALUE}, shape B).")
    private String shape;

    @Option(names = "--partitions", paramLabel = "N,N,...", split = ",", defaultValue = "1,2,4,8",
            description = "Partition counts to time (default: ${DEFAULT-VALUE}).")
    private int[] partitions;

    @Option(names = "--block", paramLabel = "B", defaultValue = "" + SampleBlocks.DEFAULT_BLOCK_SAMPLES,
            description = "Samples per block (default: ${DEFAULT-VALUE}; smaller than m/N gives N partitions work).")
    private int block;

    @Option(names = "--passes", paramLabel = "1,2", split = ",", defaultValue = "2,1",
            description = "Evaluation forms to time: 2 jobs or 1 per evaluation (default: ${DEFAULT-VALUE}).")
    private int[] passes;

    @Option(names = "--fan-in", paramLabel = "F,F,...", split = ",", defaultValue = "" + TreeSum.DEFAULT_FANOUT,
            description = "Fan-ins of the driver's sum to time; 0 for flat, every partition's sums to the driver"
                    + " (default: ${DEFAULT-VALUE}).")
    private int[] fanIns;

    @Option(names = "--evaluations", paramLabel = "N", defaultValue = "7",
            description = "Timed evaluations per setting, after as many untimed ones (default: ${DEFAULT-VALUE}).")
    private int evaluations;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Engine threads per executor task (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--engine-threads", paramLabel = "N", defaultValue = "2",
            description = "Threads of the single-machine engine it is compared with, on the driver; match them to"
                    + " the cores Spark uses (default: ${DEFAULT-VALUE}).")
    private int engineThreads;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "java",
            description = "Matrix backend (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f64")
    private String precision;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]")
    private String master;

    @Option(names = "--memory", description = "After each setting's evaluations, the live heap of every executor"
            + " JVM after a full collection, with the run's blocks and engines still held.")
    private boolean memory;

    private final PrintWriter out = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        System.exit(Commands.execute(new SparkBench(), args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    @Override
    public Integer call() {
        String[] sizes = shape.toLowerCase(Locale.ROOT).split("x");
        Commands.require(sizes.length == 3, "--shape must be VxHxM, got '" + shape + "'");
        int v = Integer.parseInt(sizes[0]);
        int h = Integer.parseInt(sizes[1]);
        int m = Integer.parseInt(sizes[2]);
        Precision p = Precision.parse(precision);
        SparseAutoencoderConfig config = SparseAutoencoderConfig.ufldl(v, h);
        SplittableRandom rnd = new SplittableRandom(1);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        Dataset data = Dataset.ofDoubles(v, m, x);
        double[] theta = config.initialParameters(2);
        double[] gradient = new double[theta.length];
        EvaluationSettings settings = new EvaluationSettings(MatrixBackends.get(backend), threads,
                EvaluationSettings.AUTO_CHUNK, p, EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
        double engineMs;
        try (SparseAutoencoderObjective engine = new SparseAutoencoderObjective(config, data.toPrecision(p),
                settings.withThreads(engineThreads))) {
            engineMs = medianMs(() -> engine.evaluate(theta, gradient));
        }
        out.printf(Locale.ROOT, "shape %dx%dx%d, %s, backend %s, %d thread(s) per task, %s, blocks of %d samples%n", v, h,
                m, p.shortName(), settings.backend().name(), threads, master, block);
        out.printf(Locale.ROOT, "engine on the driver, %d thread(s): %.1f ms per evaluation%n", engineThreads,
                engineMs);
        out.println("| passes | partitions | fan-in | Spark ms per evaluation | against the engine | Spark's own ms |");
        out.println("|---|---|---|---|---|---|");
        SparkConf conf = new SparkConf().setMaster(master).setAppName("sae4j SparkBench")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            for (int form : passes) {
                Commands.require(form == 1 || form == 2, "--passes takes 1 and 2, got " + form);
                for (int n : partitions) {
                    for (int fanIn : fanIns) {
                        Commands.require(fanIn == 0 || fanIn >= 2, "--fan-in takes 0 (flat) or >= 2, got " + fanIn);
                        int f = fanIn == 0 ? Math.max(2, n) : fanIn;
                        try (SparkObjective objective = new SparkObjective(spark, SampleBlocks.of(spark, data, p,
                                block, n), config, settings, threads, form == 1 ? Passes.ONE : Passes.TWO, f)) {
                            double ms = medianMs(() -> objective.evaluate(theta, gradient));
                            out.printf(Locale.ROOT, "| %d | %d | %s | %.1f | %.2f | %.1f |%n", form, n,
                                    fanIn == 0 ? "flat" : Integer.toString(fanIn), ms, ms / engineMs, ms - engineMs);
                            if (memory) {
                                liveHeaps(spark, objective.engineSpec());
                            }
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** Each executor's heap after a full collection, and what the run's engine holds there. */
    private void liveHeaps(JavaSparkContext spark, EngineSpec spec) {
        int tasks = 4 * spark.defaultParallelism();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(i);
        }
        java.util.Map<String, String> seen = new java.util.TreeMap<>(spark.parallelize(ids, tasks).mapToPair(i -> {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long[] held = ExecutorEngine.held(spec);
            long workspaces = held[1] * org.sae4j.autoencoder.ChunkWorkspaces.bytes(spec.config(), spec.precision(),
                    spec.threads(), spec.chunkCapacity(), true, spec.passes() == Passes.ONE);
            return new scala.Tuple2<>(org.apache.spark.SparkEnv.get().executorId(), String.format(Locale.ROOT,
                    "live heap %.1f MB (max %.0f MB); %d block engines, %d sets of workspaces (%.1f MB), activation"
                            + " caches %.1f MB", (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6,
                    held[0], held[1], workspaces / 1e6, held[2] / 1e6));
        }).collectAsMap());
        seen.forEach((executor, line) -> out.println("  executor " + executor + ": " + line));
    }

    private double medianMs(Runnable evaluation) {
        for (int i = 0; i < evaluations; i++) {
            evaluation.run();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            long start = System.nanoTime();
            evaluation.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
