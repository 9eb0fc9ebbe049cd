package org.sae4j.autoencoder;

import org.sae4j.backend.MatrixBackend;

/**
 * The hidden activations a2 = f(W1·x + b1) of n samples: one product, the bias, the deterministic
 * {@link Sigmoid}. Training, the {@link Encoder} and the layers of a stacked network
 * ({@code org.sae4j.deep}) all compute them here, so they agree bit for bit.
 */
public final class HiddenLayer {

    private HiddenLayer() {
    }

    /**
     * @param weights W1 (h × v, column-major) from {@code w1}, b1 from {@code b1}
     * @param x       the samples, v values each, from {@code xOff}
     * @param out     h values per sample, from {@code outOff}
     */
    public static void activations(MatrixBackend backend, int v, int h, double[] weights, int w1, int b1, double[] x,
                            int xOff, int n, double[] out, int outOff) {
        backend.dgemm(false, false, h, n, v, 1, weights, w1, h, x, xOff, v, 0, out, outOff, h);
        for (int i = 0; i < n; i++) {
            int col = outOff + i * h;
            for (int j = 0; j < h; j++) {
                out[col + j] += weights[b1 + j];
            }
        }
        Sigmoid.inPlace(out, outOff, outOff + n * h);
    }

    /** The same in float. */
    public static void activations(MatrixBackend backend, int v, int h, float[] weights, int w1, int b1, float[] x,
                            int xOff, int n, float[] out, int outOff) {
        backend.sgemm(false, false, h, n, v, 1, weights, w1, h, x, xOff, v, 0, out, outOff, h);
        for (int i = 0; i < n; i++) {
            int col = outOff + i * h;
            for (int j = 0; j < h; j++) {
                out[col + j] += weights[b1 + j];
            }
        }
        Sigmoid.inPlace(out, outOff, outOff + n * h);
    }
}
