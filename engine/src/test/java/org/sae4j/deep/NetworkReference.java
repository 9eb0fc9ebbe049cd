package org.sae4j.deep;

import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;

/**
 * The stacked network's fine-tuning objective in plain f64 loops, straight from its definition
 * (StackedNetwork's comment), one sample at a time: the reference the chunked evaluation is held to.
 */
final class NetworkReference {
    private NetworkReference() {
    }

    static double evaluate(StackedNetwork net, Dataset data, int[] y, double[] theta, double[] grad) {
        int depth = net.depth();
        int m = data.samples();
        java.util.Arrays.fill(grad, 0);
        SampleReader reader = data.toPrecision(org.sae4j.precision.Precision.F64).reader(1);
        double loss = 0;
        double[][] a = new double[depth + 1][];
        for (int s = 0; s < m; s++) {
            reader.read(s, 1);
            a[0] = new double[net.inputs()];
            System.arraycopy(reader.doubles(), reader.offset(), a[0], 0, net.inputs());
            for (int l = 1; l <= depth; l++) {
                a[l] = new double[net.width(l)];
                for (int j = 0; j < net.width(l); j++) {
                    double z = theta[net.biasOffset(l) + j];
                    for (int i = 0; i < net.width(l - 1); i++) {
                        z += theta[net.weightOffset(l) + j + net.width(l) * i] * a[l - 1][i];
                    }
                    a[l][j] = 1 / (1 + Math.exp(-z));
                }
            }
            int k = net.classes();
            int top = net.width(depth);
            int so = net.softmaxOffset();
            double[] p = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double z = theta[so + k * top + c];
                for (int i = 0; i < top; i++) {
                    z += theta[so + c + k * i] * a[depth][i];
                }
                p[c] = Math.exp(z);
                sum += p[c];
            }
            for (int c = 0; c < k; c++) {
                p[c] /= sum;
            }
            loss -= Math.log(p[y[s]]);
            double[] d = p.clone();
            d[y[s]] -= 1;
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < top; i++) {
                    grad[so + c + k * i] += d[c] * a[depth][i];
                }
                grad[so + k * top + c] += d[c];
            }
            double[] delta = new double[top];
            for (int i = 0; i < top; i++) {
                for (int c = 0; c < k; c++) {
                    delta[i] += theta[so + c + k * i] * d[c];
                }
                delta[i] *= a[depth][i] * (1 - a[depth][i]);
            }
            for (int l = depth; l >= 1; l--) {
                int h = net.width(l);
                int below = net.width(l - 1);
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < below; i++) {
                        grad[net.weightOffset(l) + j + h * i] += delta[j] * a[l - 1][i];
                    }
                    grad[net.biasOffset(l) + j] += delta[j];
                }
                if (l > 1) {
                    double[] next = new double[below];
                    for (int i = 0; i < below; i++) {
                        for (int j = 0; j < h; j++) {
                            next[i] += theta[net.weightOffset(l) + j + h * i] * delta[j];
                        }
                        next[i] *= a[l - 1][i] * (1 - a[l - 1][i]);
                    }
                    delta = next;
                }
            }
        }
        double decay = 0;
        for (int l = 1; l <= depth + 1; l++) {
            for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
                decay += theta[i] * theta[i];
                grad[i] = grad[i] / m + net.lambda() * theta[i];
            }
            for (int i = net.biasOffset(l); i < net.weightOffset(l) + net.blockSize(l); i++) {
                grad[i] /= m;
            }
        }
        return loss / m + 0.5 * net.lambda() * decay;
    }
}
