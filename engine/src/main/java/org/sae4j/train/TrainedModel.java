package org.sae4j.train;

import java.util.Objects;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;

/**
 * A trained sparse autoencoder: its configuration and parameters θ (UFLDL layout), with views of the
 * weights and the encoder / decoder applied to new data.
 */
public final class TrainedModel {
    private final SparseAutoencoder config;
    private final double[] theta;

    /** @param theta parameters in the UFLDL layout; copied */
    public TrainedModel(SparseAutoencoder config, double[] theta) {
        this.config = Objects.requireNonNull(config, "config");
        config.requireParameters(theta, "theta");
        this.theta = theta.clone();
    }

    public SparseAutoencoder config() {
        return config;
    }

    /** A copy of θ. */
    public double[] theta() {
        return theta.clone();
    }

    /** Encoder weights, h × v: row k is the filter of hidden unit k. */
    public MatrixView w1() {
        return new MatrixView(theta, config.w1Offset(), config.hidden(), config.visible());
    }

    /** Decoder weights, v × h. */
    public MatrixView w2() {
        return new MatrixView(theta, config.w2Offset(), config.visible(), config.hidden());
    }

    /** Encoder bias, h × 1. */
    public MatrixView b1() {
        return new MatrixView(theta, config.b1Offset(), config.hidden(), 1);
    }

    /** Decoder bias, v × 1. */
    public MatrixView b2() {
        return new MatrixView(theta, config.b2Offset(), config.visible(), 1);
    }

    /** Hidden activations f(W1 x + b1) of every sample: an h × m float64 dataset. */
    public Dataset encode(Dataset x) {
        requireFeatures(x, config.visible(), "encode");
        return layer(x, config.w1Offset(), config.b1Offset(), config.hidden());
    }

    /** Reconstructions f(W2 f(W1 x + b1) + b2): a v × m float64 dataset. */
    public Dataset reconstruct(Dataset x) {
        return layer(encode(x), config.w2Offset(), config.b2Offset(), config.visible());
    }

    private Dataset layer(Dataset in, int weightOffset, int biasOffset, int outputs) {
        int m = in.samples();
        int inputs = in.features();
        double[] out = new double[outputs * m];
        MatrixBackend backend = MatrixBackends.defaultBackend();
        backend.dgemm(false, false, outputs, m, inputs, 1, theta, weightOffset, outputs,
                in.toPrecision(org.sae4j.data.Precision.F64).doubles(), 0, inputs, 0, out, 0, outputs);
        for (int s = 0; s < m; s++) {
            for (int k = 0; k < outputs; k++) {
                double z = out[s * outputs + k] + theta[biasOffset + k];
                out[s * outputs + k] = 1 / (1 + Math.exp(-z));
            }
        }
        return Dataset.ofDoubles(outputs, m, out);
    }

    private static void requireFeatures(Dataset x, int expected, String what) {
        if (x.features() != expected) {
            throw new IllegalArgumentException(what + ": the data has " + x.features()
                    + " features per sample, the model expects " + expected);
        }
    }
}
