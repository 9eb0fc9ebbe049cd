package org.sae4j.deep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.classify.SoftmaxClassifier;
import org.sae4j.classify.SoftmaxTrainer;
import org.sae4j.data.Dataset;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.IterationInfo;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.OptimizerState;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.optim.Termination;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;
import org.sae4j.train.CheckpointFile;
import org.sae4j.train.CheckpointStore;
import org.sae4j.train.RunFingerprint;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/**
 * Trains a stacked network as UFLDL's "Building Deep Networks for Classification" does: greedily, one
 * sparse autoencoder a layer, each on the features of the one below (encoded through the engine); then
 * softmax on the top features; then, unless the plan skips it, fine-tuning of the whole network by
 * backpropagation ({@link NetworkObjective}) from those weights.
 *
 * <pre>{@code
 * DeepTrainer.Plan plan = DeepTrainer.Plan.uniform(new int[] {200, 200}, 0.1, 3e-3, 3,
 *         Lbfgs.builder().maxIterations(400).build(), 1e-4, Lbfgs.builder().maxIterations(100).build(),
 *         Lbfgs.builder().maxIterations(400).build());
 * DeepTrainer.Result r = DeepTrainer.of(plan, TrainingSpec.defaults().withSeed(0)).train(images, labels);
 * int[] predicted = r.network().predict(testImages, settings);
 * }</pre>
 *
 * <p>Layer l's weights are drawn from seed + l − 1, so a one-layer plan without fine-tuning is exactly
 * {@code Trainer} then {@code SoftmaxTrainer} on the autoencoder's features, as {@code sae self-taught}
 * runs them. Every phase is deterministic: the same data, plan, seed and chunk size give the same bits on
 * any thread count. With {@link #withCheckpoints} each phase writes its own checkpoint in a folder
 * ({@code layer-1.ckpt} …, {@code softmax.ckpt}, {@code fine-tune.ckpt}); {@link #resumingFrom} continues
 * each phase from its checkpoint, so a run killed in any phase ends bitwise as if it had not been. A
 * phase that converged between two checkpoints repeats its last few iterations on resume, to the same bits.
 */
public final class DeepTrainer {
    /** The checkpoint file of each phase, in the checkpoint folder. */
    public static final String SOFTMAX_CHECKPOINT = "softmax.ckpt";
    public static final String FINE_TUNE_CHECKPOINT = "fine-tune.ckpt";

    private final Plan plan;
    private final TrainingSpec spec;
    private final Path checkpointFolder;
    private final int checkpointEvery;
    private final Path resumeFolder;
    private final Listener listener;

    /**
     * One layer's sparse autoencoder.
     *
     * @param hidden its width, ≥ 1
     */
    public record Layer(int hidden, double rho, double lambda, double beta, Optimizer optimizer) {
        public Layer {
            Objects.requireNonNull(optimizer, "optimizer");
            if (hidden < 1) {
                throw new IllegalArgumentException("a layer needs at least 1 unit, got " + hidden);
            }
        }
    }

    /**
     * What to train.
     *
     * @param layers             the autoencoders, bottom first
     * @param softmaxLambda      softmax's weight decay (UFLDL: 1e-4)
     * @param softmaxOptimizer   softmax's optimiser
     * @param fineTuneLambda     the fine-tuning weight decay on every layer's weights
     * @param fineTuneOptimizer  fine-tuning's optimiser, or null to stop after softmax
     */
    public record Plan(List<Layer> layers, double softmaxLambda, Optimizer softmaxOptimizer, double fineTuneLambda,
                       Optimizer fineTuneOptimizer) {
        public Plan {
            layers = List.copyOf(layers);
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer");
            }
            Objects.requireNonNull(softmaxOptimizer, "softmaxOptimizer");
            if (!(fineTuneLambda >= 0) || Double.isInfinite(fineTuneLambda)) {
                throw new IllegalArgumentException("the fine-tuning lambda must be finite and >= 0, got "
                        + fineTuneLambda);
            }
        }

        /** Layers of these widths with the same constants and optimiser; fine-tuning decays as softmax does. */
        public static Plan uniform(int[] widths, double rho, double lambda, double beta, Optimizer layerOptimizer,
                                   double softmaxLambda, Optimizer softmaxOptimizer, Optimizer fineTuneOptimizer) {
            List<Layer> layers = new ArrayList<>();
            for (int w : widths) {
                layers.add(new Layer(w, rho, lambda, beta, layerOptimizer));
            }
            return new Plan(layers, softmaxLambda, softmaxOptimizer, softmaxLambda, fineTuneOptimizer);
        }

        /** The phases in order. */
        public List<Phase> phases() {
            List<Phase> p = new ArrayList<>();
            for (int l = 1; l <= layers.size(); l++) {
                p.add(new Phase(Phase.Kind.LAYER, l, layers.get(l - 1).optimizer().maxIterations()));
            }
            p.add(new Phase(Phase.Kind.SOFTMAX, 0, softmaxOptimizer.maxIterations()));
            if (fineTuneOptimizer != null) {
                p.add(new Phase(Phase.Kind.FINE_TUNE, 0, fineTuneOptimizer.maxIterations()));
            }
            return p;
        }
    }

    /**
     * One phase of a run.
     *
     * @param layer the layer a {@code LAYER} phase trains, from 1; 0 for the others
     */
    public record Phase(Kind kind, int layer, int maxIterations) {
        public enum Kind { LAYER, SOFTMAX, FINE_TUNE }

        /** "layer 1", "softmax", "fine-tune". */
        public String name() {
            return switch (kind) {
                case LAYER -> "layer " + layer;
                case SOFTMAX -> "softmax";
                case FINE_TUNE -> "fine-tune";
            };
        }

        /** Its checkpoint file's name in the checkpoint folder. */
        public String checkpointFile() {
            return switch (kind) {
                case LAYER -> "layer-" + layer + ".ckpt";
                case SOFTMAX -> SOFTMAX_CHECKPOINT;
                case FINE_TUNE -> FINE_TUNE_CHECKPOINT;
            };
        }
    }

    /**
     * How a phase ended.
     *
     * @param inputs        the values per sample it read
     * @param outputs       the units it trained (the classes for softmax and fine-tuning)
     * @param finalCost     its objective at the end
     * @param costHistory   its objective after each iteration
     * @param seconds       the optimisation's time, with the time before a resume
     * @param encodeSeconds the time to encode the next layer's inputs (0 but for layers)
     * @param resumed       whether it continued from a checkpoint
     */
    public record PhaseResult(Phase phase, int inputs, int outputs, double finalCost, int iterations, int evaluations,
                              Termination termination, double[] costHistory, double seconds, double encodeSeconds,
                              boolean resumed) {
        public PhaseResult {
            costHistory = costHistory.clone();
        }

        @Override
        public double[] costHistory() {
            return costHistory.clone();
        }
    }

    /** Told of each phase as it starts and ends; {@link #started} returns the phase's iteration listener. */
    public interface Listener {
        /**
         * @param inputs  values per sample of the phase's data
         * @param samples the samples it trains on
         * @param resumed whether it continues from a checkpoint
         * @return the listener of its iterations, or null
         */
        ProgressListener started(Phase phase, int inputs, int samples, boolean resumed);

        default void finished(PhaseResult result) {
        }
    }

    /**
     * The outcome.
     *
     * @param layers     the pretrained autoencoders, bottom first (fewer than planned if it was cancelled)
     * @param softmax    softmax on the top pretrained features, or null if it was cancelled before
     * @param pretrained the network before fine-tuning, or null if it was cancelled before
     * @param fineTuned  the fine-tuned network, or null if fine-tuning was skipped or cancelled
     * @param phases     how each phase that ran ended
     */
    public record Result(List<TrainedModel> layers, SoftmaxClassifier softmax, DeepNetwork pretrained,
                         DeepNetwork fineTuned, List<PhaseResult> phases) {
        public Result {
            layers = List.copyOf(layers);
            phases = List.copyOf(phases);
        }

        /** Whether a phase stopped on the spec's cancellation; the later phases did not run. */
        public boolean cancelled() {
            return !phases.isEmpty() && phases.get(phases.size() - 1).termination() == Termination.CANCELLED;
        }

        /** The fine-tuned network, else the pretrained one. */
        public DeepNetwork network() {
            return fineTuned != null ? fineTuned : pretrained;
        }
    }

    private DeepTrainer(Plan plan, TrainingSpec spec, Path checkpointFolder, int checkpointEvery, Path resumeFolder,
                        Listener listener) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (spec.checkpoints() != null || spec.resume() != null || spec.initialParameters() != null) {
            throw new IllegalArgumentException("a stacked network's phases checkpoint and resume through"
                    + " withCheckpoints and resumingFrom, and start from their own initialisation; the spec gives"
                    + " settings, seed, listener, cancellation and runtime only");
        }
        this.checkpointFolder = checkpointFolder;
        this.checkpointEvery = checkpointEvery;
        this.resumeFolder = resumeFolder;
        this.listener = listener;
    }

    /** A trainer of {@code plan}, with the spec's settings, seed, iteration listener, cancellation and runtime. */
    public static DeepTrainer of(Plan plan, TrainingSpec spec) {
        return new DeepTrainer(plan, spec, null, 0, null, null);
    }

    /** Writes each phase's checkpoint into {@code folder} every {@code every} iterations and at its last one. */
    public DeepTrainer withCheckpoints(Path folder, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoints must be written every >= 1 iterations, got " + every);
        }
        return new DeepTrainer(plan, spec, Objects.requireNonNull(folder, "folder"), every, resumeFolder, listener);
    }

    /**
     * Continues the run whose checkpoints are in {@code folder}: each phase with a checkpoint there resumes
     * it (refused with a {@code CheckpointMismatchException} if it is of another run), the first without
     * one starts anew.
     */
    public DeepTrainer resumingFrom(Path folder) {
        return new DeepTrainer(plan, spec, checkpointFolder, checkpointEvery, Objects.requireNonNull(folder, "folder"),
                listener);
    }

    public DeepTrainer withListener(Listener l) {
        return new DeepTrainer(plan, spec, checkpointFolder, checkpointEvery, resumeFolder, l);
    }

    public Plan plan() {
        return plan;
    }

    /**
     * Trains on {@code data} (in the settings' precision; converted if not) with a label per sample.
     *
     * @throws IllegalArgumentException if the label count differs from the samples, a label is negative or
     *                                  fewer than two classes are present
     * @throws IOException             if a checkpoint to resume cannot be read ({@code CheckpointFormatException}
     *                                  if it is damaged)
     * @throws UncheckedIOException     if a checkpoint cannot be written
     */
    public Result train(Dataset data, int[] labels) throws IOException {
        Objects.requireNonNull(data, "data");
        if (labels.length != data.samples()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.samples() + " samples");
        }
        int[] classLabels = SoftmaxTrainer.classLabels(labels);
        EvaluationSettings s = spec.settings() != null ? spec.settings()
                : EvaluationSettings.defaults(firstConfig(data.features()), Precision.F64);
        Dataset x = data.toPrecision(s.precision());
        ParallelRuntime threads = spec.runtime() != null ? spec.runtime() : ParallelRuntime.create(s.threads());
        try {
            return run(x, labels, classLabels, s, threads);
        } finally {
            if (spec.runtime() == null) {
                threads.close();
            }
        }
    }

    private Result run(Dataset x, int[] labels, int[] classLabels, EvaluationSettings s, ParallelRuntime threads)
            throws IOException {
        List<Phase> phases = plan.phases();
        List<PhaseResult> done = new ArrayList<>();
        List<TrainedModel> layers = new ArrayList<>();
        Dataset input = x;
        for (int l = 1; l <= plan.layers().size(); l++) {
            Phase phase = phases.get(l - 1);
            Layer layer = plan.layers().get(l - 1);
            SparseAutoencoderConfig config = new SparseAutoencoderConfig(input.features(), layer.hidden(), layer.rho(),
                    layer.lambda(), layer.beta());
            TrainingSpec ps = phaseSpec(phase, layer.optimizer(), s, threads, input).withSeed(spec.seed() + l - 1);
            TrainingResult r = Trainer.of(config, ps).train(input);
            double encode = 0;
            if (r.termination() != Termination.CANCELLED) {
                layers.add(r.model());
                long start = System.nanoTime();
                input = r.model().features(input, s);
                encode = (System.nanoTime() - start) / 1e9;
            }
            PhaseResult pr = new PhaseResult(phase, config.visible(), config.hidden(), r.finalCost(), r.iterations(),
                    r.evaluations(), r.termination(), r.costHistory(), seconds(r.elapsed()), encode, ps.resume() != null);
            if (finished(done, pr)) {
                return new Result(layers, null, null, null, done);
            }
        }
        Phase softmaxPhase = phases.get(plan.layers().size());
        TrainingSpec ss = phaseSpec(softmaxPhase, plan.softmaxOptimizer(), s, threads, input);
        SoftmaxTrainer.Result sr = SoftmaxTrainer.of(plan.softmaxLambda(), ss).train(input, labels);
        OptimizationResult so = sr.optimization();
        PhaseResult spr = new PhaseResult(softmaxPhase, input.features(), classLabels.length, so.value(), so.iterations(),
                so.evaluations(), so.termination(), so.valueHistory(), seconds(so.elapsed()), 0, ss.resume() != null);
        if (finished(done, spr)) {
            return new Result(layers, null, null, null, done);
        }
        DeepNetwork pretrained = DeepNetwork.stack(layers, sr.classifier(), plan.fineTuneLambda());
        if (plan.fineTuneOptimizer() == null) {
            return new Result(layers, sr.classifier(), pretrained, null, done);
        }
        DeepNetwork fineTuned = fineTune(phases.get(phases.size() - 1), pretrained, x, labels, classLabels, s, threads,
                done);
        return new Result(layers, sr.classifier(), pretrained, fineTuned, done);
    }

    private DeepNetwork fineTune(Phase phase, DeepNetwork pretrained, Dataset x, int[] labels, int[] classLabels,
                                 EvaluationSettings s, ParallelRuntime threads, List<PhaseResult> done)
            throws IOException {
        int[] indices = SoftmaxTrainer.classIndices(labels, classLabels);
        StackedNetwork net = pretrained.network();
        Optimizer opt = plan.fineTuneOptimizer();
        double[] theta0 = pretrained.theta();
        TrainingSpec ps = phaseSpec(phase, opt, s, threads, x);
        boolean resumed = ps.resume() != null;
        OptimizationResult r;
        try (NetworkObjective f = new NetworkObjective(net, x, indices, s, threads)) {
            r = ps.checkpointing().minimize(opt, f, theta0, ps.listener(), ps.cancellation(), threads,
                    () -> fingerprint(net, x, indices, theta0, s, opt));
        }
        PhaseResult pr = new PhaseResult(phase, x.features(), net.classes(), r.value(), r.iterations(), r.evaluations(),
                r.termination(), r.valueHistory(), seconds(r.elapsed()), 0, resumed);
        finished(done, pr);
        return r.termination() == Termination.CANCELLED ? null : pretrained.withParameters(r.x());
    }

    /** What decides the fine-tuning's bits: the network, where it starts, the labels, then the engine's fields. */
    static Map<String, String> fingerprint(StackedNetwork net, Dataset x, int[] classIndices, double[] theta0,
                                           EvaluationSettings s, Optimizer opt) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", "stacked network");
        f.put("network", net.toString());
        f.put("start sha-256", RunFingerprint.valuesHash(theta0));
        f.put("labels sha-256", RunFingerprint.labelsHash(classIndices));
        f.putAll(RunFingerprint.engine(x.samples(), RunFingerprint.contentHash(x), s, opt));
        return f;
    }

    /** The spec of one autoencoder or softmax phase: its optimiser, listener, checkpoint and resume. */
    private TrainingSpec phaseSpec(Phase phase, Optimizer optimizer, EvaluationSettings s, ParallelRuntime threads,
                                   Dataset input) throws IOException {
        TrainingSpec ps = TrainingSpec.defaults().withSettings(s).withOptimizer(optimizer).withRuntime(threads)
                .withCancellation(spec.cancellation());
        if (checkpointFolder != null) {
            ps = ps.withCheckpoints(store(phase), checkpointEvery);
        }
        boolean resumed = resumeFolder != null && Files.exists(resumeFolder.resolve(phase.checkpointFile()));
        if (resumed) {
            ps = ps.withResume(CheckpointFile.read(resumeFolder.resolve(phase.checkpointFile())));
        }
        return ps.withListener(started(phase, input.features(), input.samples(), resumed));
    }

    private ProgressListener started(Phase phase, int inputs, int samples, boolean resumed) {
        ProgressListener mine = listener == null ? null : listener.started(phase, inputs, samples, resumed);
        ProgressListener theirs = spec.listener();
        if (mine == null || theirs == null) {
            return mine != null ? mine : theirs;
        }
        return new ProgressListener() {
            @Override
            public void onIteration(IterationInfo info) {
                theirs.onIteration(info);
                mine.onIteration(info);
            }

            @Override
            public void onState(IterationInfo info, Supplier<OptimizerState> state) {
                theirs.onState(info, state);
                mine.onState(info, state);
            }
        };
    }

    /** Records a phase's end; true when it was cancelled, so that no later phase runs. */
    private boolean finished(List<PhaseResult> done, PhaseResult r) {
        done.add(r);
        if (listener != null) {
            listener.finished(r);
        }
        return r.termination() == Termination.CANCELLED;
    }

    private SparseAutoencoderConfig firstConfig(int inputs) {
        Layer first = plan.layers().get(0);
        return new SparseAutoencoderConfig(inputs, first.hidden(), first.rho(), first.lambda(), first.beta());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The phase's checkpoint file in the checkpoint folder, which is made if need be. */
    private CheckpointStore store(Phase phase) throws IOException {
        Files.createDirectories(checkpointFolder);
        return CheckpointStore.file(checkpointFolder.resolve(phase.checkpointFile()));
    }
}
