package org.sae4j.autoencoder;

import java.util.Objects;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.parallel.Chunks;
import org.sae4j.precision.Precision;

/**
 * The hidden activations f(W1·x + b1) of a trained model, for serving: one sample or a batch at a
 * time, into the caller's arrays, allocating nothing per call.
 *
 * <p>It computes exactly what training computes (the same product on the same backend, the same bias
 * pass and deterministic sigmoid, in the model's precision), so on the {@code java} backend its
 * results are bitwise the training engine's hidden activations for the same samples. OpenBLAS may
 * route a one-column product to another kernel, so on {@code native} a single sample agrees to
 * rounding (about 1e-13 relative in f64).
 *
 * <p>Not thread-safe: an encoder keeps scratch arrays for samples whose precision differs from the
 * model's, and a reader of the last batch. Make one per thread ({@code model.encoder(settings)} is cheap;
 * the f64 weights are shared).
 */
public final class Encoder {
    private final MatrixBackend backend;
    private final Precision precision;
    private final int v;
    private final int h;
    private final int chunkSize;
    /** f64: θ itself, W1 at 0 and b1 at {@link #b1}; f32: W1 then b1 in float. */
    private final double[] weights64;
    private final float[] weights32;
    private final int b1;
    /** Scratch for float samples on an f64 encoder. */
    private final double[] in64;
    private final double[] out64;
    /** Scratch for double samples on an f32 encoder. */
    private final float[] in32;
    private final float[] out32;
    /** The batch last encoded and its reader, kept so that encoding the same set again allocates nothing. */
    private Dataset lastBatch;
    private SampleReader reader;

    /**
     * @param theta     the model's parameters in the UFLDL layout; read, not copied, and must not change
     * @param chunkSize the most samples per product in a batch, as in training, so batches are computed
     *                  alike; {@link EvaluationSettings#AUTO_CHUNK} for the batch's default, as training
     */
    public Encoder(SparseAutoencoderConfig config, double[] theta, MatrixBackend backend, Precision precision,
                   int chunkSize) {
        config.requireParameters(theta, "theta");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.precision = Objects.requireNonNull(precision, "precision");
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunk size must be >= 1, or AUTO_CHUNK, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.v = config.visible();
        this.h = config.hidden();
        if (precision == Precision.F64) {
            weights64 = theta;
            weights32 = null;
            b1 = config.b1Offset();
            in64 = new double[v];
            out64 = new double[h];
            in32 = null;
            out32 = null;
        } else {
            weights64 = null;
            weights32 = new float[h * v + h];
            for (int i = 0; i < h * v; i++) {
                weights32[i] = (float) theta[config.w1Offset() + i];
            }
            for (int j = 0; j < h; j++) {
                weights32[h * v + j] = (float) theta[config.b1Offset() + j];
            }
            b1 = h * v;
            in32 = new float[v];
            out32 = new float[h];
            in64 = null;
            out64 = null;
        }
    }

    public int visible() {
        return v;
    }

    public int hidden() {
        return h;
    }

    /** The precision of the products: the model's training precision, or the one asked for. */
    public Precision precision() {
        return precision;
    }

    /** Encodes one sample of {@code visible()} values into {@code out[0 .. hidden())}. */
    public void encode(double[] sample, double[] out) {
        check(sample.length, out.length / h, 1);
        if (precision == Precision.F64) {
            HiddenLayer.activations(backend, v, h, weights64, 0, b1, sample, 0, 1, out, 0);
        } else {
            for (int i = 0; i < v; i++) {
                in32[i] = (float) sample[i];
            }
            HiddenLayer.activations(backend, v, h, weights32, 0, b1, in32, 0, 1, out32, 0);
            for (int j = 0; j < h; j++) {
                out[j] = out32[j];
            }
        }
    }

    /** Encodes one sample of {@code visible()} values into {@code out[0 .. hidden())}. */
    public void encode(float[] sample, float[] out) {
        check(sample.length, out.length / h, 1);
        if (precision == Precision.F32) {
            HiddenLayer.activations(backend, v, h, weights32, 0, b1, sample, 0, 1, out, 0);
        } else {
            for (int i = 0; i < v; i++) {
                in64[i] = sample[i];
            }
            HiddenLayer.activations(backend, v, h, weights64, 0, b1, in64, 0, 1, out64, 0);
            for (int j = 0; j < h; j++) {
                out[j] = (float) out64[j];
            }
        }
    }

    /**
     * Encodes every sample of a batch read in f64 (from any store) into {@code out}: sample s's
     * activations at {@code out[s·hidden() ..]}. Needs an f64 encoder.
     */
    public void encode(Dataset batch, double[] out) {
        encode(batch, 0, batch.samples(), out);
    }

    /**
     * Encodes samples [{@code first}, {@code first + count}) of {@code data} (read in f64) into {@code out}:
     * sample {@code first + s} at {@code out[s·hidden() ..]}. A set too large for one output array is
     * encoded range by range.
     */
    public void encode(Dataset data, int first, int count, double[] out) {
        encodeRange(data, first, count, Precision.F64, out, out.length);
    }

    /** The same for a batch read in f32 and an f32 encoder. */
    public void encode(Dataset batch, float[] out) {
        encode(batch, 0, batch.samples(), out);
    }

    /** The same for a range of a set read in f32 and an f32 encoder. */
    public void encode(Dataset data, int first, int count, float[] out) {
        encodeRange(data, first, count, Precision.F32, out, out.length);
    }

    /** {@code out} is a {@code double[]} for f64, a {@code float[]} for f32, of {@code outLength} values. */
    private void encodeRange(Dataset data, int first, int count, Precision needed, Object out, int outLength) {
        requirePrecision(data, needed);
        check(data.features(), outLength / h, count);
        Chunks chunks = rangeChunks(data, first, count);
        for (int c = 0; c < chunks.count(); c++) {
            int n = chunks.size(c);
            reader.read(first + chunks.first(c), n);
            if (needed == Precision.F64) {
                HiddenLayer.activations(backend, v, h, weights64, 0, b1, reader.doubles(), reader.offset(), n,
                        (double[]) out, chunks.first(c) * h);
            } else {
                HiddenLayer.activations(backend, v, h, weights32, 0, b1, reader.floats(), reader.offset(), n,
                        (float[]) out, chunks.first(c) * h);
            }
        }
    }

    /** The chunks of a range, as training cuts a set of that size, with a reader for them. */
    private Chunks rangeChunks(Dataset data, int first, int count) {
        if (first < 0 || count < 1 || first > data.samples() - count) {
            throw new IllegalArgumentException("samples [" + first + ", " + first + " + " + count + ") are not within the "
                    + data.samples() + " samples of " + data);
        }
        int size = chunkSize != EvaluationSettings.AUTO_CHUNK ? chunkSize
                : EvaluationSettings.defaultChunkSize(data.samples(), v, h);
        Chunks chunks = Chunks.of(count, size);
        if (data != lastBatch || reader.maxSamples() < chunks.largest()) {
            reader = data.reader(chunks.largest());
            lastBatch = data;
        }
        return chunks;
    }

    private void requirePrecision(Dataset batch, Precision needed) {
        if (precision != needed || batch.precision() != needed) {
            throw new IllegalArgumentException("a " + batch.precision().shortName() + " batch into "
                    + needed.shortName() + " activations needs an " + needed.shortName() + " batch and encoder;"
                    + " this encoder is " + precision.shortName() + " (convert with Dataset.toPrecision)");
        }
    }

    private void check(int features, int outputSamples, int samples) {
        if (features != v) {
            throw new IllegalArgumentException("a sample has " + features + " values, the model expects " + v);
        }
        if (outputSamples < samples) {
            throw new IllegalArgumentException("the output holds " + outputSamples + " samples of " + h
                    + " activations; " + samples + " needed");
        }
    }
}
