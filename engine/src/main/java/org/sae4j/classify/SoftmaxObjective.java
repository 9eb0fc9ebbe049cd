package org.sae4j.classify;

import java.util.Arrays;
import java.util.Objects;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * The softmax regression cost and gradient of {@link SoftmaxRegression} on labelled data, evaluated in
 * chunks on a {@link ParallelRuntime} with the settings' backend, each chunk's sums committed in chunk
 * order: bitwise identical for any thread count, for a fixed chunk size.
 *
 * <p>Per chunk: Z = W·X (one product), the softmax of every column with its largest entry subtracted
 * first (so no exp overflows), the log-likelihood, D = P − 1{y}, then ∇W += D·Xᵀ (a second product) and
 * ∇b += Σ D. The products run in the data's precision: f32 data goes through {@code sgemm} with W rounded
 * to f32 once per evaluation, while the softmax, the log-likelihood and the sums over chunks stay in f64
 * (D is rounded to f32 for the second product). Workspaces are made once; an evaluation allocates nothing.
 */
public final class SoftmaxObjective implements DifferentiableFunction, AutoCloseable {
    private final SoftmaxRegression config;
    private final Dataset data;
    private final int[] labels;
    private final MatrixBackend backend;
    private final ParallelRuntime runtime;
    private final boolean ownsRuntime;
    private final ChunkRunner runner;
    private final Chunks plan;
    private final int chunks;
    private final double[] chunkLoss;
    private final Workspace[] workspaces;
    private final ChunkRunner.ChunkTask compute;
    private final ChunkRunner.ChunkTask commit;
    private final Precision precision;
    private final float[] weightsF32;
    private double[] theta;
    private double[] gradientTarget;

    /** One worker's buffers; the f32 ones exist only for f32 data. */
    private static final class Workspace {
        final SampleReader reader;
        final double[] z;
        final double[] gradW;
        final double[] gradB;
        final float[] zF32;
        final float[] gradWF32;

        Workspace(Dataset data, int features, int classes, int chunk, Precision precision) {
            reader = data.reader(chunk);
            z = new double[classes * chunk];
            gradW = precision == Precision.F32 ? null : new double[classes * features];
            gradB = new double[classes];
            zF32 = precision == Precision.F32 ? new float[classes * chunk] : null;
            gradWF32 = precision == Precision.F32 ? new float[classes * features] : null;
        }
    }

    /**
     * @param labels class index of every sample, each in [0, classes)
     * @throws IllegalArgumentException if the data has the wrong number of features, the label count
     *                                  differs from the samples, or a label is out of range
     */
    public SoftmaxObjective(SoftmaxRegression config, Dataset data, int[] labels, EvaluationSettings settings) {
        this(config, data, labels, settings, ParallelRuntime.create(settings.threads()), true);
    }

    /** An objective on the caller's runtime, which the caller closes. */
    public SoftmaxObjective(SoftmaxRegression config, Dataset data, int[] labels, EvaluationSettings settings,
                            ParallelRuntime runtime) {
        this(config, data, labels, settings, runtime, false);
    }

    private SoftmaxObjective(SoftmaxRegression config, Dataset data, int[] labels, EvaluationSettings settings,
                             ParallelRuntime runtime, boolean ownsRuntime) {
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        if (data.features() != config.features()) {
            throw new IllegalArgumentException("the data has " + data.features() + " features per sample but the"
                    + " classifier has " + config.features());
        }
        this.labels = requireClassIndices(labels, data.samples(), config.classes());
        this.backend = settings.backend();
        this.plan = Chunks.of(data.samples(), settings.chunkSizeFor(data.samples(), config.features(),
                config.classes()));
        this.chunks = plan.count();
        this.runner = new ChunkRunner(runtime);
        this.chunkLoss = new double[chunks];
        this.precision = data.precision();
        this.weightsF32 = precision == Precision.F32 ? new float[config.biasOffset()] : null;
        int workers = Math.min(runtime.threads(), chunks);
        this.workspaces = new Workspace[workers];
        for (int w = 0; w < workers; w++) {
            workspaces[w] = new Workspace(data, config.features(), config.classes(), plan.largest(), precision);
        }
        this.compute = (worker, chunk) -> chunkLoss[chunk] = chunkGradient(workspaces[worker], chunk);
        this.commit = (worker, chunk) -> {
            Workspace ws = workspaces[worker];
            if (precision == Precision.F32) {
                for (int i = 0; i < ws.gradWF32.length; i++) {
                    gradientTarget[i] += ws.gradWF32[i];
                }
            } else {
                for (int i = 0; i < ws.gradW.length; i++) {
                    gradientTarget[i] += ws.gradW[i];
                }
            }
            int b = config.biasOffset();
            for (int c = 0; c < ws.gradB.length; c++) {
                gradientTarget[b + c] += ws.gradB[c];
            }
        };
    }

    @Override
    public int dimension() {
        return config.parameterCount();
    }

    @Override
    public synchronized double evaluate(double[] parameters, double[] gradient) {
        config.requireParameters(parameters, "theta");
        config.requireParameters(gradient, "gradient");
        data.requireUnchanged();
        Arrays.fill(gradient, 0);
        theta = parameters;
        gradientTarget = gradient;
        if (precision == Precision.F32) {
            for (int i = 0; i < weightsF32.length; i++) {
                weightsF32[i] = (float) parameters[i];
            }
        }
        try {
            runner.runOrdered(chunks, compute, commit);
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
        double lambda = config.lambda();
        double decay = 0;
        int weights = config.biasOffset();
        for (int i = 0; i < weights; i++) {
            decay += parameters[i] * parameters[i];
            gradient[i] = gradient[i] / m + lambda * parameters[i];
        }
        for (int i = weights; i < gradient.length; i++) {
            gradient[i] /= m;
        }
        return loss / m + 0.5 * lambda * decay;
    }

    /** The chunk's −Σ log p(y|x), with D·Xᵀ and Σ D into the workspace. */
    private double chunkGradient(Workspace ws, int chunk) {
        int v = config.features();
        int k = config.classes();
        int first = plan.first(chunk);
        int n = plan.size(chunk);
        ws.reader.read(first, n);
        int xOff = ws.reader.offset();
        if (precision == Precision.F32) {
            backend.sgemm(false, false, k, n, v, 1, weightsF32, 0, k, ws.reader.floats(), xOff, v, 0, ws.zF32, 0, k);
            for (int i = 0; i < k * n; i++) {
                ws.z[i] = ws.zF32[i];
            }
        } else {
            backend.dgemm(false, false, k, n, v, 1, theta, 0, k, ws.reader.doubles(), xOff, v, 0, ws.z, 0, k);
        }
        double loss = residuals(ws.z, k, n, theta, config.biasOffset(), labels, first, ws.gradB, 0);
        if (precision == Precision.F32) {
            for (int i = 0; i < k * n; i++) {
                ws.zF32[i] = (float) ws.z[i];
            }
            backend.sgemm(false, true, k, v, n, 1, ws.zF32, 0, k, ws.reader.floats(), xOff, v, 0, ws.gradWF32, 0, k);
        } else {
            backend.dgemm(false, true, k, v, n, 1, ws.z, 0, k, ws.reader.doubles(), xOff, v, 0, ws.gradW, 0, k);
        }
        return loss;
    }

    /**
     * A copy of {@code labels}, checked to be one class index in [0, classes) per sample.
     *
     * @throws IllegalArgumentException if the count differs from the samples or an index is out of range
     */
    public static int[] requireClassIndices(int[] labels, int samples, int classes) {
        if (labels.length != samples) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples + " samples");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; classes are 0 to "
                        + (classes - 1));
            }
        }
        return labels.clone();
    }

    /**
     * Softmax on a chunk's class scores, in place: adds the biases {@code theta[bias ..]} to Z (k × n, one
     * column per sample), turns each column into P − 1{y} with its largest entry subtracted before the
     * exponentials (so none overflows), and writes the column sums into {@code sums[at .. at + k)}.
     *
     * @param labels class index of sample s at {@code labels[first + s]}
     * @return the chunk's −Σ log p(y|x)
     */
    public static double residuals(double[] z, int k, int n, double[] theta, int bias, int[] labels, int first,
                                   double[] sums, int at) {
        Arrays.fill(sums, at, at + k, 0);
        double loss = 0;
        for (int s = 0; s < n; s++) {
            int col = s * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                z[col + c] += theta[bias + c];
                max = Math.max(max, z[col + c]);
            }
            int y = labels[first + s];
            double margin = z[col + y] - max;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(z[col + c] - max);
                z[col + c] = e;
                sum += e;
            }
            for (int c = 0; c < k; c++) {
                z[col + c] /= sum;
            }
            // −log p(y) as log Σ exp − (z_y − max): finite even where p(y) underflows to 0
            loss += Math.log(sum) - margin;
            z[col + y] -= 1;
            for (int c = 0; c < k; c++) {
                sums[at + c] += z[col + c];
            }
        }
        return loss;
    }

    /** Ends the worker threads, unless the runtime was passed in. */
    @Override
    public void close() {
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
