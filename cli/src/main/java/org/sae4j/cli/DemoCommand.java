package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.DeadLeaves;
import org.sae4j.data.ImageStack;
import org.sae4j.data.PatchSampler;
import org.sae4j.model.Provenance;
import org.sae4j.optim.Lbfgs;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.parallel.ParallelRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sae demo}: the UFLDL exercise without downloads. Natural-like images are generated (the
 * dead-leaves model, whitened), 8×8 patches are cut and normalised the UFLDL way, and a 64 → 25
 * autoencoder is trained with L-BFGS; its filters come out as edge detectors.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learns edge detectors from generated natural-like images (the UFLDL exercise, no download).",
                "Whitened dead-leaves images, 8x8 patches normalised the UFLDL way, 64 -> 25 units, L-BFGS,"
                        + " rho 0.01, lambda 1e-4, beta 3.",
                "Writes features.png, model.sae and cost.png into --out."})
final class DemoCommand extends Subcommand {
    static final int PATCH = 8;
    static final int HIDDEN = 25;
    /** 2^14: larger images take minutes to generate and whiten; at 2^16 one has more pixels than a Java array holds. */
    static final int MAX_IMAGE_SIZE = 1 << 14;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-out",
            description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000",
            description = "Patches to train on (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "400",
            description = "L-BFGS iterations (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10",
            description = "Images to generate (default: ${DEFAULT-VALUE}).")
    private int images;

    @Option(names = "--image-size", paramLabel = "PIXELS", defaultValue = "512",
            description = "Side of the images, a power of two >= 16 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the images, the patches and the initial weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        Checks.positive(spec, "--samples", samples);
        Checks.positive(spec, "--iterations", iterations);
        Checks.positive(spec, "--images", images);
        report.check(spec);
        Checks.require(spec, imageSize >= 16 && Integer.bitCount(imageSize) == 1 && imageSize <= MAX_IMAGE_SIZE,
                "--image-size must be a power of two from 16 to " + MAX_IMAGE_SIZE + ", got " + imageSize);
        // the images, and the complex spectrum of one while it is whitened
        long bytes = ((long) images + 2) * imageSize * imageSize * Double.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        Checks.require(spec, bytes <= heap, "--images " + images + " of --image-size " + imageSize + " need about "
                + bytes / (1 << 20) + " MiB, more than this JVM's heap of " + heap / (1 << 20) + " MiB; give it more"
                + " with JAVA_OPTS=-Xmx<size>, or make fewer or smaller images");
        EvaluationSettings settings = engine.settings(PATCH * PATCH, HIDDEN, samples);
        Environment env = sae.env();

        env.err().printf(Locale.ROOT, "generating %d whitened dead-leaves images of %dx%d (seed %d), cutting %d"
                + " patches of %dx%d%n", images, imageSize, imageSize, seed, samples, PATCH, PATCH);
        Dataset patches;
        try (ParallelRuntime threads = ParallelRuntime.create(engine.threads())) {
            ImageStack stack = DeadLeaves.generate(images, imageSize, seed, threads);
            patches = PatchSampler.normalizeUfldl(PatchSampler.sample(stack, PATCH, samples, seed), threads);
        }

        Lbfgs optimizer = Lbfgs.builder().maxIterations(iterations).build();
        Provenance provenance = new Provenance("demo: " + images + " dead-leaves images of " + imageSize + "x" + imageSize
                + ", seed " + seed, optimizer.toString(), engine.chunkFor(samples, PATCH * PATCH, HIDDEN),
                engine.backendChoice());
        TrainingJob.Plan plan = new TrainingJob.Plan(SparseAutoencoderConfig.ufldl(PATCH * PATCH, HIDDEN),
                patches.toPrecision(settings.precision()), settings, optimizer, iterations, seed, provenance);
        TrainingJob.Outputs outputs = new TrainingJob.Outputs(out.resolve("model.sae"), out.resolve("cost.png"),
                out.resolve("features.png"), PATCH, PATCH, null);
        return TrainingJob.run(plan, outputs, TrainingJob.Checkpoints.NONE, env, report);
    }
}
