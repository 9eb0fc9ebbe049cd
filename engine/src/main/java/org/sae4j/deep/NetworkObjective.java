package org.sae4j.deep;

import java.util.Arrays;
import java.util.Objects;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.HiddenLayer;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.classify.SoftmaxObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * The fine-tuning objective of a {@link StackedNetwork} on labelled data: softmax's negative
 * log-likelihood of the top layer's features plus λ/2 times the squared weights of every layer, with
 * its gradient by backpropagation. Evaluated in chunks on a {@link ParallelRuntime} with the settings'
 * backend, each chunk's sums committed in chunk order, so the bits do not depend on the thread count.
 *
 * <p>Per chunk of n samples: the forward pass a^(l+1) = f(W_l a^l + b_l) ({@link HiddenLayer}, as
 * training and the encoder compute it); Z = W_s a + b_s and its softmax in f64
 * ({@link SoftmaxObjective#residuals}), D = P − 1{y}; then ∇W_s = D aᵀ, δ = (W_sᵀ D) ⊙ a(1 − a), and
 * down the layers ∇W_l = δ a^lᵀ, δ ← (W_lᵀ δ) ⊙ a^l(1 − a^l): 3L + 2 products a chunk. In f32 the
 * products, the activations and δ are float (the weights rounded once per evaluation), while the softmax,
 * the loss and every bias sum stay in f64. The workspaces are made once, with the objective, and reused
 * by every evaluation.
 */
public final class NetworkObjective implements DifferentiableFunction, AutoCloseable {
    private final StackedNetwork network;
    private final Dataset data;
    private final int[] labels;
    private final MatrixBackend backend;
    private final ParallelRuntime runtime;
    private final boolean ownsRuntime;
    private final ChunkRunner runner;
    private final Chunks plan;
    private final double[] chunkLoss;
    private final Workspace[] workspaces;
    private final ChunkRunner.ChunkTask compute;
    private final ChunkRunner.ChunkTask commit;
    private final Precision precision;
    private final float[] theta32;
    private final int depth;
    private double[] theta;
    private double[] gradientTarget;

    /** One worker's buffers, in the data's precision; the softmax scores and bias sums are f64 in both. */
    private static final class Workspace {
        final SampleReader reader;
        /** Level l's activations at l (1 to depth); level 0 is the reader's samples. */
        final double[][] act64;
        final float[][] act32;
        final double[] z;
        final float[] z32;
        final double[][] delta64;
        final float[][] delta32;
        /** The chunk's gradient: weights and biases in f64, or biases only in f32. */
        final double[] grad64;
        final float[] grad32;

        Workspace(Dataset data, StackedNetwork net, int chunk, Precision precision) {
            reader = data.reader(chunk);
            boolean f64 = precision == Precision.F64;
            int depth = net.depth();
            act64 = f64 ? new double[depth + 1][] : null;
            act32 = f64 ? null : new float[depth + 1][];
            for (int l = 1; l <= depth; l++) {
                if (f64) {
                    act64[l] = new double[net.width(l) * chunk];
                } else {
                    act32[l] = new float[net.width(l) * chunk];
                }
            }
            z = new double[net.classes() * chunk];
            z32 = f64 ? null : new float[net.classes() * chunk];
            int widest = net.widest() * chunk;
            delta64 = f64 ? new double[][] {new double[widest], new double[widest]} : null;
            delta32 = f64 ? null : new float[][] {new float[widest], new float[widest]};
            grad64 = new double[net.parameterCount()];
            grad32 = f64 ? null : new float[net.parameterCount()];
        }
    }

    /**
     * @param data   the samples, read in the settings' precision (a view converts them when theirs differs)
     * @param labels class index of every sample, each in [0, classes)
     * @throws IllegalArgumentException if the data has the wrong number of values per sample, the label
     *                                  count differs from the samples, or a label is out of range
     */
    public NetworkObjective(StackedNetwork network, Dataset data, int[] labels, EvaluationSettings settings) {
        this(network, data, labels, settings, ParallelRuntime.create(settings.threads()), true);
    }

    /** An objective on the caller's runtime, which the caller closes. */
    public NetworkObjective(StackedNetwork network, Dataset data, int[] labels, EvaluationSettings settings,
                            ParallelRuntime runtime) {
        this(network, data, labels, settings, runtime, false);
    }

    private NetworkObjective(StackedNetwork network, Dataset data, int[] labels, EvaluationSettings settings,
                             ParallelRuntime runtime, boolean ownsRuntime) {
        this.network = Objects.requireNonNull(network, "network");
        this.precision = settings.precision();
        this.data = Objects.requireNonNull(data, "data").toPrecision(precision);
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        if (data.features() != network.inputs()) {
            throw new IllegalArgumentException("the data has " + data.features() + " values per sample but the network"
                    + " has " + network.inputs() + " inputs");
        }
        this.labels = SoftmaxObjective.requireClassIndices(labels, data.samples(), network.classes());
        this.backend = settings.backend();
        this.depth = network.depth();
        this.plan = Chunks.of(data.samples(), settings.chunkSizeFor(data.samples(), network.inputs(),
                network.widest()));
        this.runner = new ChunkRunner(runtime);
        this.chunkLoss = new double[plan.count()];
        this.theta32 = precision == Precision.F32 ? new float[network.parameterCount()] : null;
        int workers = Math.min(runtime.threads(), plan.count());
        this.workspaces = new Workspace[workers];
        for (int w = 0; w < workers; w++) {
            workspaces[w] = new Workspace(this.data, network, plan.largest(), precision);
        }
        this.compute = (worker, chunk) -> chunkLoss[chunk] = precision == Precision.F64
                ? chunk64(workspaces[worker], chunk) : chunk32(workspaces[worker], chunk);
        this.commit = (worker, chunk) -> add(workspaces[worker]);
    }

    public StackedNetwork network() {
        return network;
    }

    /** How the samples are cut; the bits depend on it, not on the threads. */
    public Chunks chunks() {
        return plan;
    }

    @Override
    public int dimension() {
        return network.parameterCount();
    }

    @Override
    public synchronized double evaluate(double[] parameters, double[] gradient) {
        network.requireParameters(parameters, "theta");
        network.requireParameters(gradient, "gradient");
        data.requireUnchanged();
        Arrays.fill(gradient, 0);
        theta = parameters;
        gradientTarget = gradient;
        if (theta32 != null) {
            for (int i = 0; i < theta32.length; i++) {
                theta32[i] = (float) parameters[i];
            }
        }
        try {
            runner.runOrdered(plan.count(), compute, commit);
        } catch (InternalError e) {
            throw data.named(e);
        } finally {
            theta = null;
            gradientTarget = null;
        }
        double loss = 0;
        for (double l : chunkLoss) {
            loss += l;
        }
        int m = data.samples();
        double lambda = network.lambda();
        double decay = 0;
        for (int l = 1; l <= depth + 1; l++) {
            int w = network.weightOffset(l);
            int b = network.biasOffset(l);
            int end = w + network.blockSize(l);
            for (int i = w; i < b; i++) {
                decay += parameters[i] * parameters[i];
                gradient[i] = gradient[i] / m + lambda * parameters[i];
            }
            for (int i = b; i < end; i++) {
                gradient[i] /= m;
            }
        }
        return loss / m + 0.5 * lambda * decay;
    }

    /** Adds a chunk's gradient into the evaluation's, in chunk order. */
    private void add(Workspace ws) {
        double[] g = gradientTarget;
        for (int l = 1; l <= depth + 1; l++) {
            int w = network.weightOffset(l);
            int b = network.biasOffset(l);
            int end = w + network.blockSize(l);
            if (ws.grad32 != null) {
                for (int i = w; i < b; i++) {
                    g[i] += ws.grad32[i];
                }
            } else {
                for (int i = w; i < b; i++) {
                    g[i] += ws.grad64[i];
                }
            }
            for (int i = b; i < end; i++) {
                g[i] += ws.grad64[i];
            }
        }
    }

    private double chunk64(Workspace ws, int chunk) {
        int first = plan.first(chunk);
        int n = plan.size(chunk);
        ws.reader.read(first, n);
        double[] x = ws.reader.doubles();
        int xOff = ws.reader.offset();
        double[] in = x;
        int inOff = xOff;
        for (int l = 1; l <= depth; l++) {
            HiddenLayer.activations(backend, network.width(l - 1), network.width(l), theta, network.weightOffset(l),
                    network.biasOffset(l), in, inOff, n, ws.act64[l], 0);
            in = ws.act64[l];
            inOff = 0;
        }
        int k = network.classes();
        int top = network.width(depth);
        int s = network.softmaxOffset();
        backend.dgemm(false, false, k, n, top, 1, theta, s, k, in, 0, top, 0, ws.z, 0, k);
        int bias = s + k * top;
        double loss = SoftmaxObjective.residuals(ws.z, k, n, theta, bias, labels, first, ws.grad64, bias);
        backend.dgemm(false, true, k, top, n, 1, ws.z, 0, k, in, 0, top, 0, ws.grad64, s, k);
        double[] delta = ws.delta64[0];
        backend.dgemm(true, false, top, n, k, 1, theta, s, k, ws.z, 0, k, 0, delta, 0, top);
        timesSlope(delta, ws.act64[depth], top * n);
        int current = 0;
        for (int l = depth; l >= 1; l--) {
            int h = network.width(l);
            int below = network.width(l - 1);
            double[] a = l == 1 ? x : ws.act64[l - 1];
            int aOff = l == 1 ? xOff : 0;
            delta = ws.delta64[current];
            backend.dgemm(false, true, h, below, n, 1, delta, 0, h, a, aOff, below, 0, ws.grad64,
                    network.weightOffset(l), h);
            biasSums(delta, h, n, ws.grad64, network.biasOffset(l));
            if (l > 1) {
                double[] next = ws.delta64[1 - current];
                backend.dgemm(true, false, below, n, h, 1, theta, network.weightOffset(l), h, delta, 0, h, 0, next, 0,
                        below);
                timesSlope(next, a, below * n);
                current = 1 - current;
            }
        }
        return loss;
    }

    private double chunk32(Workspace ws, int chunk) {
        int first = plan.first(chunk);
        int n = plan.size(chunk);
        ws.reader.read(first, n);
        float[] x = ws.reader.floats();
        int xOff = ws.reader.offset();
        float[] in = x;
        int inOff = xOff;
        for (int l = 1; l <= depth; l++) {
            HiddenLayer.activations(backend, network.width(l - 1), network.width(l), theta32, network.weightOffset(l),
                    network.biasOffset(l), in, inOff, n, ws.act32[l], 0);
            in = ws.act32[l];
            inOff = 0;
        }
        int k = network.classes();
        int top = network.width(depth);
        int s = network.softmaxOffset();
        backend.sgemm(false, false, k, n, top, 1, theta32, s, k, in, 0, top, 0, ws.z32, 0, k);
        for (int i = 0; i < k * n; i++) {
            ws.z[i] = ws.z32[i];
        }
        int bias = s + k * top;
        double loss = SoftmaxObjective.residuals(ws.z, k, n, theta, bias, labels, first, ws.grad64, bias);
        for (int i = 0; i < k * n; i++) {
            ws.z32[i] = (float) ws.z[i];
        }
        backend.sgemm(false, true, k, top, n, 1, ws.z32, 0, k, in, 0, top, 0, ws.grad32, s, k);
        float[] delta = ws.delta32[0];
        backend.sgemm(true, false, top, n, k, 1, theta32, s, k, ws.z32, 0, k, 0, delta, 0, top);
        timesSlope(delta, ws.act32[depth], top * n);
        int current = 0;
        for (int l = depth; l >= 1; l--) {
            int h = network.width(l);
            int below = network.width(l - 1);
            float[] a = l == 1 ? x : ws.act32[l - 1];
            int aOff = l == 1 ? xOff : 0;
            delta = ws.delta32[current];
            backend.sgemm(false, true, h, below, n, 1, delta, 0, h, a, aOff, below, 0, ws.grad32,
                    network.weightOffset(l), h);
            biasSums(delta, h, n, ws.grad64, network.biasOffset(l));
            if (l > 1) {
                float[] next = ws.delta32[1 - current];
                backend.sgemm(true, false, below, n, h, 1, theta32, network.weightOffset(l), h, delta, 0, h, 0, next, 0,
                        below);
                timesSlope(next, a, below * n);
                current = 1 - current;
            }
        }
        return loss;
    }

    /** δ ⊙ a(1 − a), the sigmoid's slope at its output a. */
    private static void timesSlope(double[] delta, double[] a, int count) {
        for (int i = 0; i < count; i++) {
            delta[i] *= a[i] * (1 - a[i]);
        }
    }

    private static void timesSlope(float[] delta, float[] a, int count) {
        for (int i = 0; i < count; i++) {
            delta[i] *= a[i] * (1 - a[i]);
        }
    }

    /** Σ over the n samples of δ (h × n) into {@code sums[at .. at + h)}. */
    private static void biasSums(double[] delta, int h, int n, double[] sums, int at) {
        Arrays.fill(sums, at, at + h, 0);
        for (int s = 0; s < n; s++) {
            int col = s * h;
            for (int j = 0; j < h; j++) {
                sums[at + j] += delta[col + j];
            }
        }
    }

    private static void biasSums(float[] delta, int h, int n, double[] sums, int at) {
        Arrays.fill(sums, at, at + h, 0);
        for (int s = 0; s < n; s++) {
            int col = s * h;
            for (int j = 0; j < h; j++) {
                sums[at + j] += delta[col + j];
            }
        }
    }

    /** Ends the worker threads, unless the runtime was passed in. */
    @Override
    public void close() {
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
