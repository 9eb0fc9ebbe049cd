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
    private final float[] theta;
    private final Workspace[] workspaces;

    private static final class Workspace {
        final SampleReader reader;
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

        Workspace(Dataset data, int v, int h, int chunk, boolean cached, boolean onePass) {
            reader = data.reader(chunk);
            a2 = cached ? null : new float[h * chunk];
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

    /** @param data the samples, in float ({@code data.precision()} is f32) */
    F32ChunkKernel(SparseAutoencoderConfig config, MatrixBackend backend, Dataset data, Chunks chunks, int workers,
                   boolean cached, boolean onePass) {
        super(config, backend, chunks, cached, onePass);
        this.activationCache = cached ? new float[h * chunks.samples()] : null;
        this.theta = new float[config.parameterCount()];
        this.workspaces = new Workspace[workers];
        for (int w = 0; w < workers; w++) {
            workspaces[w] = new Workspace(data, v, h, chunks.largest(), cached, onePass);
        }
    }

    /** Reads the chunk's samples into (or points at them from) the worker's workspace. */
    private void load(Workspace ws, int chunk) {
        ws.reader.read(first(chunk), count(chunk));
        ws.x = ws.reader.floats();
        ws.xOff = ws.reader.offset();
    }

    @Override
    void prepare(double[] parameters) {
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) parameters[i];
        }
    }

    private float[] hiddenActivations(int worker) {
        return cached ? activationCache : workspaces[worker].a2;
    }

    private int hiddenOffset(int chunk) {
        return cached ? first(chunk) * h : 0;
    }

    private void computeHidden(int worker, int chunk) {
        Workspace ws = workspaces[worker];
        HiddenLayer.activations(backend, v, h, theta, config.w1Offset(), config.b1Offset(), ws.x, ws.xOff,
                count(chunk), hiddenActivations(worker), hiddenOffset(chunk));
    }

    @Override
    void activationSums(int worker, int chunk, double[] sums, int offset) {
        load(workspaces[worker], chunk);
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
        Workspace ws = workspaces[worker];
        load(ws, chunk);
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
        Workspace ws = workspaces[worker];
        load(ws, chunk);
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
        Workspace ws = workspaces[worker];
        float[] a2 = hiddenActivations(worker);
        int a2Off = hiddenOffset(chunk);
        int n = count(chunk);
        float[] x = ws.x;
        int xOff = ws.xOff;
        float[] a3 = ws.a3;
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
        Workspace ws = workspaces[worker];
        add(activationSums, 0, ws.activationSums);
        add(fPrimeX, 0, ws.fPrimeX);
        add(fPrimeSums, 0, ws.fPrimeSums);
    }

    @Override
    void addChunkGradient(int worker, double[] gradient, int from, int to) {
        Workspace ws = workspaces[worker];
        addRange(gradient, config.w1Offset(), ws.gradW1, from, to);
        addRange(gradient, config.w2Offset(), ws.gradW2, from, to);
        addRange(gradient, config.b1Offset(), ws.gradB1, from, to);
        addRange(gradient, config.b2Offset(), ws.gradB2, from, to);
    }
}
