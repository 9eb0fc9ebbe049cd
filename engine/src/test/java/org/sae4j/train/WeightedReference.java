package org.sae4j.train;

import org.sae4j.autoencoder.SparseAutoencoderConfig;

/**
 * The objective of docs/objective.md in plain loops over a set described by its distinct samples: the
 * given byte images (times {@code scale}), and the all-zero image {@code zeros} times over. Sums in double.
 */
final class WeightedReference {
    private WeightedReference() {
    }

    static double evaluate(SparseAutoencoderConfig c, byte[][] images, double scale, long zeros, double[] theta,
                           double[] grad) {
        int v = c.visible();
        int h = c.hidden();
        int n = images.length + 1;
        double[][] x = new double[n][v];
        double[] weight = new double[n];
        for (int s = 0; s < images.length; s++) {
            for (int i = 0; i < v; i++) {
                x[s][i] = (images[s][i] & 0xFF) * scale;
            }
            weight[s] = 1;
        }
        weight[n - 1] = zeros;
        double m = images.length + (double) zeros;
        int w2 = h * v;
        int b1 = 2 * h * v;
        int b2 = b1 + h;
        double[][] a2 = new double[n][h];
        double[] rhoHat = new double[h];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < h; j++) {
                double z = theta[b1 + j];
                for (int i = 0; i < v; i++) {
                    z += theta[j + i * h] * x[s][i];
                }
                a2[s][j] = 1 / (1 + Math.exp(-z));
                rhoHat[j] += weight[s] * a2[s][j] / m;
            }
        }
        double rho = c.rho();
        double kl = 0;
        double[] sparsity = new double[h];
        for (int j = 0; j < h; j++) {
            kl += rho * Math.log(rho / rhoHat[j]) + (1 - rho) * Math.log((1 - rho) / (1 - rhoHat[j]));
            sparsity[j] = c.beta() * (-rho / rhoHat[j] + (1 - rho) / (1 - rhoHat[j]));
        }
        java.util.Arrays.fill(grad, 0);
        double err = 0;
        double[] d3 = new double[v];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < v; i++) {
                double z = theta[b2 + i];
                for (int j = 0; j < h; j++) {
                    z += theta[w2 + i + j * v] * a2[s][j];
                }
                double a3 = 1 / (1 + Math.exp(-z));
                double diff = a3 - x[s][i];
                err += weight[s] * diff * diff;
                d3[i] = diff * a3 * (1 - a3);
                grad[b2 + i] += weight[s] * d3[i];
                for (int j = 0; j < h; j++) {
                    grad[w2 + i + j * v] += weight[s] * d3[i] * a2[s][j];
                }
            }
            for (int j = 0; j < h; j++) {
                double back = 0;
                for (int i = 0; i < v; i++) {
                    back += theta[w2 + i + j * v] * d3[i];
                }
                double d2 = (back + sparsity[j]) * a2[s][j] * (1 - a2[s][j]);
                grad[b1 + j] += weight[s] * d2;
                for (int i = 0; i < v; i++) {
                    grad[j + i * h] += weight[s] * d2 * x[s][i];
                }
            }
        }
        double decay = 0;
        for (int k = 0; k < b1; k++) {
            decay += theta[k] * theta[k];
            grad[k] = grad[k] / m + c.lambda() * theta[k];
        }
        for (int k = b1; k < grad.length; k++) {
            grad[k] /= m;
        }
        return err / (2 * m) + c.lambda() / 2 * decay + c.beta() * kl;
    }
}
