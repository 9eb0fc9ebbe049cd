package org.sae4j.model;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.DatasetBuilder;
import org.sae4j.precision.Precision;

/**
 * A trained sparse autoencoder: its configuration and parameters θ = [W1(:); W2(:); b1; b2] (UFLDL
 * layout, column-major), with views of the weights and an {@link Encoder} for new data.
 */
public final class TrainedModel {
    /** The samples {@link #features} encodes into one output array at a time. */
    public static final int FEATURE_BLOCK = 1 << 16;

    private final SparseAutoencoderConfig config;
    private final double[] theta;

    /**
     * @param theta parameters in the UFLDL layout, all finite; copied
     * @throws IllegalArgumentException if θ has the wrong length or a non-finite value
     */
    public TrainedModel(SparseAutoencoderConfig config, double[] theta) {
        this.config = Objects.requireNonNull(config, "config");
        config.requireParameters(theta, "theta");
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("theta[" + i + "] is " + theta[i]
                        + "; a model's parameters must be finite");
            }
        }
        this.theta = theta.clone();
    }

    public SparseAutoencoderConfig config() {
        return config;
    }

    /** A copy of θ. */
    public double[] theta() {
        return theta.clone();
    }

    /** Encoder weights, h × v: row k is the filter of hidden unit k. */
    public MatrixView w1() {
        return MatrixView.of(theta, config.w1Offset(), config.hidden(), config.visible());
    }

    /** Output-layer (decoder) weights, v × h. */
    public MatrixView w2() {
        return MatrixView.of(theta, config.w2Offset(), config.visible(), config.hidden());
    }

    /** Encoder bias, h × 1. */
    public MatrixView b1() {
        return MatrixView.of(theta, config.b1Offset(), config.hidden(), 1);
    }

    /** Output-layer (decoder) bias, v × 1. */
    public MatrixView b2() {
        return MatrixView.of(theta, config.b2Offset(), config.visible(), 1);
    }

    /**
     * An encoder of this model's hidden activations f(W1·x + b1) on {@code settings}' backend and in its
     * precision: the same products and sigmoid as training, so on the {@code java} backend its results
     * are bitwise those of the training engine. Not thread-safe: make one per thread.
     */
    public Encoder encoder(EvaluationSettings settings) {
        return new Encoder(config, theta, settings.backend(), settings.precision(), settings.chunkSize());
    }

    /**
     * The hidden activations of every sample of {@code data}, in the settings' precision, on the heap (in
     * segments past 2³¹ values): encoded {@value #FEATURE_BLOCK} samples at a time from any store, each
     * block cut into chunks as training cuts the set. A stacked network's layers are encoded the same way,
     * so its features equal these bit for bit.
     */
    public Dataset features(Dataset data, EvaluationSettings settings) {
        int h = config.hidden();
        int m = data.samples();
        Encoder encoder = encoder(settings);
        Dataset x = data.toPrecision(settings.precision());
        DatasetBuilder out = DatasetBuilder.of(h, m, settings.precision());
        int block = Math.min(FEATURE_BLOCK, m);
        double[] out64 = settings.precision() == Precision.F64 ? new double[h * block] : null;
        float[] out32 = settings.precision() == Precision.F32 ? new float[h * block] : null;
        for (int first = 0; first < m; first += block) {
            int n = Math.min(block, m - first);
            if (out64 != null) {
                encoder.encode(x, first, n, out64);
                out.put(first, n, out64, 0);
            } else {
                encoder.encode(x, first, n, out32);
                out.put(first, n, out32, 0);
            }
        }
        return out.build();
    }

    /**
     * SHA-256 of what the hidden activations depend on: v, h, W1 and b1 (as big-endian float64). Two
     * models with the same digest encode every input alike, whatever their decoders; a classifier trained
     * on a model's features stores it to refuse other models later.
     */
    public byte[] encoderDigest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        bytes.putInt(config.visible()).putInt(config.hidden());
        digestDoubles(sha, bytes, config.w1Offset(), config.hidden() * config.visible());
        digestDoubles(sha, bytes, config.b1Offset(), config.hidden());
        sha.update(bytes.array(), 0, bytes.position());
        return sha.digest();
    }

    private void digestDoubles(MessageDigest sha, ByteBuffer bytes, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (bytes.remaining() < Double.BYTES) {
                sha.update(bytes.array(), 0, bytes.position());
                bytes.clear();
            }
            bytes.putDouble(theta[i]);
        }
    }
}
