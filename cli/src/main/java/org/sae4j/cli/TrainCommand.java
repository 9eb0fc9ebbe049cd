package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import org.sae4j.data.PatchSampler;
import org.sae4j.data.Preprocessing;
import org.sae4j.data.Zca;
import org.sae4j.model.Provenance;
import org.sae4j.optim.Optimizer;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.options.OptimizerOptions;
import org.sae4j.options.SparsityOptions;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointFile;
import org.sae4j.train.MemoryEstimate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae train}: trains on the user's data and writes the model, the cost plot and the features picture. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a sparse autoencoder on your data.",
                "Preprocessing order: read, --limit, (images: cut --patches patches), --scale, --whiten,"
                        + " (images, sigmoid decoder: UFLDL normalisation), --precision.",
                "An NPY (C order) or uncompressed IDX file is read in place, in its own type (bytes stay bytes):"
                        + " it may be larger than the heap, and than the memory, when it then trains at the disk's"
                        + " speed (the progress line shows the MB/s read). --load reads it into the heap instead.",
                "A run with --checkpoint-every N that dies (a crash, SIGKILL, a lost machine) continues with the"
                        + " same command plus --resume DIR/checkpoint.ckpt, and ends bitwise as if it had not died."})
final class TrainCommand extends Subcommand {
    static final int DEFAULT_PATCHES = 10_000;
    static final String CHECKPOINT_FILE = "checkpoint.ckpt";

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Data source (exactly one):%n")
    private DataSource source;

    @Mixin
    private CsvHeaderOption csvHeader;

    @Option(names = "--patch", paramLabel = "P", description = "Side of the square patches cut from the images.")
    private Integer patch;

    @Option(names = "--patches", paramLabel = "N", description = "How many patches to cut (default: 10000).")
    private Integer patches;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the patch sampling and of the initial weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every value by X, e.g. 1/255 for pixel bytes.")
    private Double scale;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples (images for image sources).")
    private Integer limit;

    @Option(names = "--whiten", paramLabel = "EPS",
            description = "ZCA-whiten the samples with regulariser EPS; the whitened samples are held on the heap.")
    private Double whiten;

    @Option(names = "--whiten-samples", paramLabel = "N",
            description = "Fit ZCA on N samples spread evenly over the set (default: all), and whiten all of them:"
                    + " the covariance costs m·v² flops.")
    private Integer whitenSamples;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "25",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Mixin
    private SparsityOptions sparsity;

    @Mixin
    private OptimizerOptions optimizer;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-out",
            description = "Folder for model.sae, cost.png and features.png (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--features", paramLabel = "FILE",
            description = "Where to draw the features (default: DIR/features.png when the inputs are square"
                    + " patches).")
    private Path features;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write DIR/checkpoint.ckpt every N iterations and after the last one, so that a run"
                    + " that dies can be continued with --resume.")
    private Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run that wrote checkpoint FILE, ending bitwise where it would have ended."
                    + " Give that run's data and options; only --iterations and --threads may differ.")
    private Path resume;

    @Mixin
    private StoreOptions store;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        CsvReader.Header header = csvHeader.header();
        checkOptions();
        engine.check();
        Optimizer opt = optimizer.build(spec);
        Environment env = sae.env();
        Checkpoint resumed = resume == null ? null : CheckpointFile.read(resume);

        Dataset data = source.isImages() ? patchesFromImages(env.err()) : samplesFromFile(header, env.err());
        data = preprocess(data, env.err());
        SparseAutoencoderConfig config = sparsity.config(data.features(), hidden);
        EvaluationSettings settings = engine.settings(config.visible(), config.hidden(), data.samples());
        int side = patch != null ? patch : squareSide(data.features());
        Checks.require(spec, features == null || side > 0, "--features needs square inputs (p x p values per sample),"
                + " got " + data.features() + " values per sample");
        Path picture = features != null ? features : side > 0 ? out.resolve("features.png") : null;

        Provenance provenance = new Provenance(source.path().toString(), opt.toString(),
                engine.chunkFor(data.samples(), config.visible(), config.hidden()), engine.backendChoice());
        String precisionName = settings.precision().shortName();
        // one pass over the values as training reads them: a NaN of the file, or a value that overflows f32
        Dataset inPrecision = engine.requireFinite(data.toPrecision(settings.precision()), source.path() + " in "
                + precisionName);
        TrainingJob.Plan plan = new TrainingJob.Plan(config, inPrecision, settings, opt,
                optimizer.iterations(), seed, provenance);
        TrainingJob.Outputs outputs = new TrainingJob.Outputs(out.resolve("model.sae"), out.resolve("cost.png"),
                picture, side, side, picture == null ? out.resolve("features.png") : null);
        TrainingJob.Checkpoints checkpoints = new TrainingJob.Checkpoints(
                checkpointEvery == null ? null : out.resolve(CHECKPOINT_FILE), checkpointEvery == null ? 0 : checkpointEvery,
                resume, resumed);
        return TrainingJob.run(plan, outputs, checkpoints, env, report);
    }

    /** Usage errors are reported before any data is read. */
    private void checkOptions() {
        Checks.require(spec, source.isImages() || (patch == null && patches == null),
                "--patch and --patches apply to --images and --image-stack only");
        Checks.require(spec, !source.isImages() || patch != null,
                "--images and --image-stack need --patch P, the side of the patches to cut");
        Checks.positiveIfGiven(spec, "--patch", patch);
        Checks.positiveIfGiven(spec, "--patches", patches);
        Checks.positiveIfGiven(spec, "--limit", limit);
        Checks.positiveIfGiven(spec, "--checkpoint-every", checkpointEvery);
        report.check(spec);
        if (whiten != null) {
            Checks.finiteNonNegative(spec, "--whiten", whiten);
        }
        Checks.require(spec, whitenSamples == null || whiten != null, "--whiten-samples needs --whiten EPS");
        Checks.positiveIfGiven(spec, "--whiten-samples", whitenSamples);
        sparsity.check(hidden);
    }

    private Dataset samplesFromFile(CsvReader.Header header, PrintWriter err) throws IOException {
        Dataset data = source.readSamples(header, store.load);
        err.printf(Locale.ROOT, "%s %d samples of %d values from %s (%s)%n",
                data.mappedFile().isPresent() ? "reading in place" : "read", data.samples(), data.features(),
                source.path(), storeText(data));
        return limit == null ? data : firstSamples(data, err);
    }

    /** How a set is held, for the log: its type and size, and where. */
    static String storeText(Dataset data) {
        String size = String.format(Locale.ROOT, "%.1f MiB", data.storedBytes() / (double) (1 << 20));
        return data.storedType().shortName() + ", " + size + (data.mappedFile().isPresent() ? " mapped, not on the heap"
                : " on the heap");
    }

    private Dataset firstSamples(Dataset data, PrintWriter err) {
        if (limit >= data.samples()) {
            err.printf(Locale.ROOT, "note: --limit %d is not below the %d samples; using all of them%n", limit,
                    data.samples());
            return data;
        }
        return data.firstSamples(limit);
    }

    private Dataset patchesFromImages(PrintWriter err) throws IOException {
        ImageStack images = source.readImages();
        if (limit != null && limit < images.count()) {
            images = images.first(limit);
        }
        int count = patches != null ? patches : DEFAULT_PATCHES;
        err.printf(Locale.ROOT, "cutting %d patches of %dx%d from %d images of %dx%d in %s (seed %d)%n", count, patch,
                patch, images.count(), images.height(), images.width(), source.path(), seed);
        try {
            return PatchSampler.sample(images, patch, count, seed);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(source.path() + ": " + e.getMessage());
        }
    }

    /** Scaling, whitening and the UFLDL normalisation, the last two on a runtime of --threads threads. */
    private Dataset preprocess(Dataset data, PrintWriter err) throws CommandFailure {
        Dataset d = data;
        if (scale != null) {
            d = Preprocessing.scale(d, scale);
        }
        try (ParallelRuntime threads = ParallelRuntime.create(engine.threads())) {
            if (whiten != null) {
                d = whiten(d, threads, err);
            }
            if (source.isImages() && sparsity.outputLayer() == OutputLayer.SIGMOID) {
                d = PatchSampler.normalizeUfldl(d, threads);
            } else if (source.isImages()) {
                err.println("linear decoder: the patches keep their values (no mapping to [0.1, 0.9])");
            }
        }
        return d;
    }

    /** The covariance pass past which a note says how to subsample: about a minute on a few cores. */
    static final double LARGE_ZCA_FLOPS = 1e12;

    private Dataset whiten(Dataset d, ParallelRuntime threads, PrintWriter err) throws CommandFailure {
        long need = (long) d.features() * d.samples() * (d.precision() == Precision.F64 ? 8 : 4);
        long available = MemoryEstimate.heapAvailableBeside(d) - d.heapBytes();
        if (need > available) {
            throw new CommandFailure(String.format(Locale.ROOT, "%s: the whitened samples are held on the heap,"
                    + " %.2f GiB, more than the %.2f GiB the JVM may still use; whiten fewer samples (--limit), or"
                    + " give the JVM more (JAVA_OPTS=-Xmx...)", source.path(), need / (double) (1L << 30),
                    available / (double) (1L << 30)));
        }
        Dataset fitOn = d;
        if (whitenSamples != null && whitenSamples < d.samples()) {
            int[] spread = new int[whitenSamples];
            for (int k = 0; k < spread.length; k++) {
                spread[k] = (int) ((long) k * d.samples() / spread.length);
            }
            fitOn = d.select(spread);
        }
        double flops = (double) fitOn.samples() * d.features() * d.features();
        err.printf(Locale.ROOT, "ZCA whitening %d values per sample (epsilon %s), fitted on %d samples%n", d.features(),
                whiten, fitOn.samples());
        if (flops > LARGE_ZCA_FLOPS) {
            err.printf(Locale.ROOT, "note: ZCA's covariance over %d samples of %d values is %.0f GFLOP; to fit it on"
                    + " fewer, spread over the set, give --whiten-samples N (e.g. %d)%n", fitOn.samples(), d.features(),
                    flops / 1e9, (int) Math.max(d.features() * 10L, (long) (LARGE_ZCA_FLOPS / d.features() / d.features()
                            / 10)));
        }
        return Zca.fit(fitOn, whiten, threads).apply(d, threads);
    }

    /** The side p when {@code visible = p * p}, else 0. */
    static int squareSide(int visible) {
        int p = (int) Math.round(Math.sqrt(visible));
        return p * p == visible ? p : 0;
    }
}
