package org.sae4j.autoencoder;

import org.sae4j.data.Dataset;

/**
 * The objective written straight from the formulas of docs/objective.md (and, for the linear decoder,
 * a3 = W2·a2 + b2 and δ3 = a3 − x): plain loops, one sample at a time,
 * no chunks, no backend, no clamping needed on the test problems. The engine is checked against it.
 */
final class ReferenceObjective {
    private ReferenceObjective() {
    }

    static double evaluate(SparseAutoencoderConfig c, Dataset data, double[] theta, double[] grad) {
        int v = c.visible();
        int h = c.hidden();
        int m = data.samples();
        double[][] w1 = new double[h][v];
        double[][] w2 = new double[v][h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < v; i++) {
                w1[j][i] = theta[j + i * h];
                w2[i][j] = theta[h * v + i + j * v];
            }
        }
        double[] b1 = new double[h];
        double[] b2 = new double[v];
        System.arraycopy(theta, 2 * h * v, b1, 0, h);
        System.arraycopy(theta, 2 * h * v + h, b2, 0, v);

        double[][] a2 = new double[m][h];
        double[] rhoHat = new double[h];
        for (int s = 0; s < m; s++) {
            for (int j = 0; j < h; j++) {
                double z = b1[j];
                for (int i = 0; i < v; i++) {
                    z += w1[j][i] * data.get(i, s);
                }
                a2[s][j] = 1 / (1 + Math.exp(-z));
                rhoHat[j] += a2[s][j] / m;
            }
        }
        double rho = c.rho();
        double[] sp = new double[h];
        double kl = 0;
        for (int j = 0; j < h; j++) {
            kl += rho * Math.log(rho / rhoHat[j]) + (1 - rho) * Math.log((1 - rho) / (1 - rhoHat[j]));
            sp[j] = c.beta() * (-rho / rhoHat[j] + (1 - rho) / (1 - rhoHat[j]));
        }
        double[][] gw1 = new double[h][v];
        double[][] gw2 = new double[v][h];
        double[] gb1 = new double[h];
        double[] gb2 = new double[v];
        double err = 0;
        for (int s = 0; s < m; s++) {
            double[] d3 = new double[v];
            for (int i = 0; i < v; i++) {
                double z = b2[i];
                for (int j = 0; j < h; j++) {
                    z += w2[i][j] * a2[s][j];
                }
                boolean linear = c.outputLayer() == OutputLayer.LINEAR;
                double a3 = linear ? z : 1 / (1 + Math.exp(-z));
                double diff = a3 - data.get(i, s);
                err += diff * diff;
                d3[i] = linear ? diff : diff * a3 * (1 - a3);
            }
            for (int j = 0; j < h; j++) {
                double back = 0;
                for (int i = 0; i < v; i++) {
                    back += w2[i][j] * d3[i];
                }
                double d2 = (back + sp[j]) * a2[s][j] * (1 - a2[s][j]);
                for (int i = 0; i < v; i++) {
                    gw1[j][i] += d2 * data.get(i, s);
                    gw2[i][j] += d3[i] * a2[s][j];
                }
                gb1[j] += d2;
            }
            for (int i = 0; i < v; i++) {
                gb2[i] += d3[i];
            }
        }
        double decay = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < v; i++) {
                decay += w1[j][i] * w1[j][i] + w2[i][j] * w2[i][j];
                grad[j + i * h] = gw1[j][i] / m + c.lambda() * w1[j][i];
                grad[h * v + i + j * v] = gw2[i][j] / m + c.lambda() * w2[i][j];
            }
        }
        for (int j = 0; j < h; j++) {
            grad[2 * h * v + j] = gb1[j] / m;
        }
        for (int i = 0; i < v; i++) {
            grad[2 * h * v + h + i] = gb2[i] / m;
        }
        return err / (2.0 * m) + c.lambda() / 2 * decay + c.beta() * kl;
    }
}
