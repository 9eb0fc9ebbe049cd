package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sae4j.autoencoder.Decoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import org.sae4j.data.PatchSampler;
import org.sae4j.data.Preprocessing;
import org.sae4j.data.Zca;
import org.sae4j.optim.Optimizer;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sae train}: trains on the user's data and writes the model, the cost plot and the features picture. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a sparse autoencoder on your data.",
                "Preprocessing order: read, --limit, (images: cut --patches patches), --scale, --whiten,"
                        + " (images, sigmoid decoder: UFLDL normalisation), --precision.",
                "A run with --checkpoint-every N that dies (a crash, SIGKILL, a lost machine) continues with the"
                        + " same command plus --resume DIR/checkpoint.ckpt, and ends bitwise as if it had not died."})
final class TrainCommand implements Callable<Integer> {
    static final int DEFAULT_PATCHES = 10_000;
    static final String CHECKPOINT_FILE = "checkpoint.ckpt";

    @ParentCommand
    private Sae sae;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Data source (exactly one):%n")
    private DataSource source;

    @Option(names = "--csv-header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether the CSV file's first line is a header (default: ${DEFAULT-VALUE}: a first line"
                    + " without any number).")
    private String csvHeader;

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

    @Option(names = "--whiten", paramLabel = "EPS", description = "ZCA-whiten the samples with regulariser EPS.")
    private Double whiten;

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
    private ReportOptions report;

    @Override
    public Integer call() throws IOException {
        CsvReader.Header header = csvHeader();
        checkOptions();
        engine.check();
        Optimizer opt = optimizer.build(spec);
        Environment env = sae.env();
        Checkpoint resumed = resume == null ? null : CheckpointFile.read(resume);

        Dataset data = source.isImages() ? patchesFromImages(env.err()) : samplesFromFile(header, env.err());
        data = preprocess(data, env.err());
        SparseAutoencoder config = sparsity.config(data.features(), hidden);
        EvaluationSettings settings = engine.settings(config.visible(), config.hidden());
        int side = patch != null ? patch : squareSide(data.features());
        Checks.require(spec, features == null || side > 0, "--features needs square inputs (p x p values per sample),"
                + " got " + data.features() + " values per sample");
        Path picture = features != null ? features : side > 0 ? out.resolve("features.png") : null;

        Map<String, String> description = new LinkedHashMap<>();
        description.put("source", source.path().toString());
        description.put("optimizer", opt.toString());
        description.put("chunk", Integer.toString(settings.chunkSize()));
        description.put("backendChoice", engine.backendChoice());
        String precisionName = settings.precision().shortName();
        Dataset inPrecision = data.requireFinite(source.path() + " after preprocessing")
                .toPrecision(settings.precision()).requireFinite(source.path() + " in " + precisionName);
        TrainingJob.Plan plan = new TrainingJob.Plan(config, inPrecision, settings, opt,
                optimizer.iterations, seed, description);
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
        sparsity.check(hidden);
    }

    private CsvReader.Header csvHeader() {
        return csvHeader(spec, csvHeader);
    }

    /** The {@code --csv-header} value as a header rule; anything else is a usage error of {@code spec}. */
    static CsvReader.Header csvHeader(CommandSpec spec, String csvHeader) {
        return switch (csvHeader.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> CsvReader.Header.AUTO;
            case "yes" -> CsvReader.Header.PRESENT;
            case "no" -> CsvReader.Header.ABSENT;
            default -> throw Checks.usage(spec, "--csv-header must be auto, yes or no, got '" + csvHeader + "'");
        };
    }

    private Dataset samplesFromFile(CsvReader.Header header, PrintWriter err) throws IOException {
        Dataset data = source.readSamples(header);
        err.printf(Locale.ROOT, "read %d samples of %d values from %s%n", data.samples(), data.features(),
                source.path());
        return limit == null ? data : firstSamples(data, err);
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
            int n = limit * images.height() * images.width();
            images = new ImageStack(limit, images.height(), images.width(), Arrays.copyOf(images.pixels(), n));
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

    private Dataset preprocess(Dataset data, PrintWriter err) {
        Dataset d = data;
        if (scale != null) {
            d = Preprocessing.scale(d, scale);
        }
        if (whiten != null) {
            err.printf(Locale.ROOT, "ZCA whitening %d values per sample (epsilon %s)%n", d.features(), whiten);
            d = Zca.whiten(d, whiten);
        }
        if (source.isImages() && sparsity.decoder() == Decoder.SIGMOID) {
            d = PatchSampler.normalizeUfldl(d);
        } else if (source.isImages()) {
            err.println("linear decoder: the patches keep their values (no mapping to [0.1, 0.9])");
        }
        return d;
    }

    /** The side p when {@code visible = p * p}, else 0. */
    static int squareSide(int visible) {
        int p = (int) Math.round(Math.sqrt(visible));
        return p * p == visible ? p : 0;
    }
}
