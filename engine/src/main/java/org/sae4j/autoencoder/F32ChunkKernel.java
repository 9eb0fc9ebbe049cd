package org.sae4j.autoencoder;

import java.util.Arrays;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.parallel.Chunks;

/**
 * Chunk work with data, weights, activations and products in float; squared error and bias gradients
 * accumulated in double within a chunk, and every chunk's contribution added into the caller's double
 * gradient. The weights are copied out of θ once per evaluation.
 *
 * <p>One of a pair of twins: the 32-bit kernel is the source, {@code engine/scripts/gen-f64-twins.sh}
 * writes the 64-bit one from it, and {@code GeneratedTwinsTest} fails if it drifts.
 */
final class F32ChunkKernel extends ChunkKernel {
    /** Package-private so that tests can compare the encoder with what training computed. */
    final float[] activationCache;
    /** Each worker's reader of this kernel's samples. */
    private final SampleReader[] readers;
    /** The workspaces this kernel computes in now: its own, or lent ({@link #use}). */
    private Workspaces workspaces;

    /** The workers' scratch and the evaluation's weights: made once, used by one kernel at a time. */
    static final class Workspaces {
        final float[] theta;
        final Workspace[] workers;
        final int chunk;
        final boolean hasA2;
        final boolean onePass;

        Workspaces(SparseAutoencoderConfig config, int workers, int chunk, boolean hasA2, boolean onePass) {
            this.theta = new float[config.parameterCount()];
            this.workers = new Workspace[workers];
            for (int w = 0; w < workers; w++) {
                this.workers[w] = new Workspace(config.visible(), config.hidden(), chunk, hasA2, onePass);
            }
            this.chunk = chunk;
            this.hasA2 = hasA2;
            this.onePass = onePass;
        }

        Workspace get(int worker) {
            return workers[worker];
        }
    }

    private static final class Workspace {
        /** The samples of the worker's chunk, from {@link #xOff}, once {@link #load} read them. */
        float[] x;
        int xOff;
        final float[] a2;
        final float[] a3;
        final float[] d2;
        final float[] gradW1;
        final float[] gradW2;
        final double[] gradB1;
        final double[] gradB2;
        /** The one-pass form's extra sums, or null: Σ a2, Σ f′(z2) xᵀ (h × v) and Σ f′(z2). */
        final double[] activationSums;
        final float[] fPrimeX;
        final double[] fPrimeSums;

        Workspace(int v, int h, int chunk, boolean hasA2, boolean onePass) {
            a2 = hasA2 ? new float[h * chunk] : null;
            a3 = new float[v * chunk];
            d2 = new float[h * chunk];
            gradW1 = new float[h * v];
            gradW2 = new float[v * h];
            gradB1 = new double[h];
            gradB2 = new double[v];
            activationSums = onePass ? new double[h] : null;
            fPrimeX = onePass ? new float[h * v] : null;
            fPrimeSums = onePass ? new double[h] : null;
        }
    }

    /**
     * @param data       the samples, in float ({@code data.precision()} is f32)
     * @param workspaces where to compute, for at least {@code workers} workers and chunks of
     *                   {@code chunks.largest()} samples, in float; see {@link #use}
     */
    F32ChunkKernel(SparseAutoencoderConfig config, MatrixBackend backend, Dataset data, Chunks chunks, int workers,
                   boolean cached, boolean onePass, ChunkWorkspaces workspaces) {
        super(config, backend, chunks, cached, onePass);
        this.activationCache = cached ? new float[h * chunks.samples()] : null;
        this.readers = new SampleReader[workers];
        for (int w = 0; w < workers; w++) {
            readers[w] = data.reader(chunks.largest());
        }
        use(workspaces);
    }

    @Override
    void use(ChunkWorkspaces workspaces) {
        Workspaces lent = (Workspaces) workspaces.kernelState;
        if (lent.workers.length < readers.length || lent.chunk < plan.largest() || (!cached && !lent.hasA2)
                || (onePass && !lent.onePass)) {
            throw new IllegalArgumentException("workspaces for " + lent.workers.length + " workers and chunks of "
                    + lent.chunk + " samples do not fit a kernel of " + readers.length + " workers and chunks of "
                    + plan.largest());
        }
        this.workspaces = lent;
    }

    /** Reads the chunk's samples into (or points at them from) the worker's workspace. */
    private void load(int worker, int chunk) {
        Workspace ws = workspaces.get(worker);
        readers[worker].read(first(chunk), count(chunk));
        ws.x = readers[worker].floats();
        ws.xOff = readers[worker].offset();
    }

    @Override
    void prepare(double[] parameters) {
        float[] theta = workspaces.theta;
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) parameters[i];
        }
    }

    private float[] hiddenActivations(int worker) {
        return cached ? activationCache : workspaces.get(worker).a2;
    }

    private int hiddenOffset(int chunk) {
        return cached ? first(chunk) * h : 0;
    }

    private void computeHidden(int worker, int chunk) {
        Workspace ws = workspaces.get(worker);
        HiddenLayer.activations(backend, v, h, workspaces.theta, config.w1Offset(), config.b1Offset(), ws.x,
                ws.xOff, count(chunk), hiddenActivations(worker), hiddenOffset(chunk));
    }

    @Override
    void activationSums(int worker, int chunk, double[] sums, int offset) {
        load(worker, chunk);
        computeHidden(worker, chunk);
        float[] a2 = hiddenActivations(worker);
        int off = hiddenOffset(chunk);
        int n = count(chunk);
        Arrays.fill(sums, offset, offset + h, 0);
        for (int i = 0; i < n; i++) {
            int col = off + i * h;
            for (int j = 0; j < h; j++) {
                sums[offset + j] += a2[col + j];
            }
        }
    }

    @Override
    double chunkGradient(int worker, int chunk, double[] sparsity) {
        Workspace ws = workspaces.get(worker);
        load(worker, chunk);
        if (!cached) {
            computeHidden(worker, chunk);
        }
        double squaredError = outputLayer(worker, chunk);
        float[] a2 = hiddenActivations(worker);
        int a2Off = hiddenOffset(chunk);
        int n = count(chunk);
        float[] d2 = ws.d2;
        Arrays.fill(ws.gradB1, 0);
        for (int i = 0; i < n; i++) {
            int col = i * h;
            for (int j = 0; j < h; j++) {
                float a = a2[a2Off + col + j];
                float delta = (d2[col + j] + (float) sparsity[j]) * a * (1 - a);
                d2[col + j] = delta;
                ws.gradB1[j] += delta;
            }
        }
        backend.sgemm(false, true, h, v, n, 1, d2, 0, h, ws.x, ws.xOff, v, 0, ws.gradW1, 0, h);
        return squaredError;
    }

    @Override
    double chunkGradientOnePass(int worker, int chunk) {
        Workspace ws = workspaces.get(worker);
        load(worker, chunk);
        computeHidden(worker, chunk);
        float[] a2 = ws.a2;
        int n = count(chunk);
        Arrays.fill(ws.activationSums, 0);
        for (int i = 0; i < n; i++) {
            int col = i * h;
            for (int j = 0; j < h; j++) {
                ws.activationSums[j] += a2[col + j];
            }
        }
        double squaredError = outputLayer(worker, chunk);
        // f′(z2) = a(1 − a) takes the place of a2, which the output layer no longer needs
        float[] d2 = ws.d2;
        Arrays.fill(ws.gradB1, 0);
        Arrays.fill(ws.fPrimeSums, 0);
        for (int i = 0; i < n; i++) {
            int col = i * h;
            for (int j = 0; j < h; j++) {
                float a = a2[col + j];
                float fPrime = a * (1 - a);
                float delta = d2[col + j] * fPrime;
                a2[col + j] = fPrime;
                d2[col + j] = delta;
                ws.gradB1[j] += delta;
                ws.fPrimeSums[j] += fPrime;
            }
        }
        backend.sgemm(false, true, h, v, n, 1, d2, 0, h, ws.x, ws.xOff, v, 0, ws.gradW1, 0, h);
        backend.sgemm(false, true, h, v, n, 1, a2, 0, h, ws.x, ws.xOff, v, 0, ws.fPrimeX, 0, h);
        return squaredError;
    }

    /**
     * The output layer of a chunk whose hidden activations are computed: a3 (through the sigmoid or, for
     * the linear decoder, as it is), δ3 (into a3), the ∇W2 and
     * ∇b2 sums, and W2ᵀδ3 into the workspace's d2.
     *
     * @return Σ over the chunk of ‖a3 − x‖²
     */
    private double outputLayer(int worker, int chunk) {
        Workspace ws = workspaces.get(worker);
        float[] a2 = hiddenActivations(worker);
        int a2Off = hiddenOffset(chunk);
        int n = count(chunk);
        float[] x = ws.x;
        int xOff = ws.xOff;
        float[] a3 = ws.a3;
        float[] theta = workspaces.theta;
        backend.sgemm(false, false, v, n, h, 1, theta, config.w2Offset(), v, a2, a2Off, h, 0, a3, 0, v);
        int b2 = config.b2Offset();
        Arrays.fill(ws.gradB2, 0);
        double squaredError = 0;
        for (int i = 0; i < n; i++) {
            int col = i * v;
            for (int r = 0; r < v; r++) {
                a3[col + r] += theta[b2 + r];
            }
        }
        boolean linear = config.outputLayer() == OutputLayer.LINEAR;
        if (!linear) {
            Sigmoid.inPlace(a3, 0, n * v);
        }
        for (int i = 0; i < n; i++) {
            int col = i * v;
            for (int r = 0; r < v; r++) {
                float out = a3[col + r];
                float diff = out - x[xOff + col + r];
                squaredError += (double) diff * diff;
                float delta = linear ? diff : diff * out * (1 - out);
                a3[col + r] = delta;
                ws.gradB2[r] += delta;
            }
        }
        // a3 now holds δ3.
        backend.sgemm(false, true, v, h, n, 1, a3, 0, v, a2, a2Off, h, 0, ws.gradW2, 0, v);
        backend.sgemm(true, false, h, n, v, 1, theta, config.w2Offset(), v, a3, 0, v, 0, ws.d2, 0, h);
        return squaredError;
    }

    @Override
    void addOnePassSums(int worker, double[] activationSums, double[] fPrimeX, double[] fPrimeSums) {
        Workspace ws = workspaces.get(worker);
        add(activationSums, 0, ws.activationSums);
        add(fPrimeX, 0, ws.fPrimeX);
        add(fPrimeSums, 0, ws.fPrimeSums);
    }

    @Override
    void addChunkGradient(int worker, double[] gradient, int from, int to) {
        Workspace ws = workspaces.get(worker);
        addRange(gradient, config.w1Offset(), ws.gradW1, from, to);
        addRange(gradient, config.w2Offset(), ws.gradW2, from, to);
        addRange(gradient, config.b1Offset(), ws.gradB1, from, to);
        addRange(gradient, config.b2Offset(), ws.gradB2, from, to);
    }
}
