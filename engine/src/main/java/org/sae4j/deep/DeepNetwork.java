package org.sae4j.deep;

import java.util.List;
import java.util.Objects;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.HiddenLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.classify.SoftmaxClassifier;
import org.sae4j.classify.SoftmaxRegression;
import org.sae4j.data.Dataset;
import org.sae4j.data.DatasetBuilder;
import org.sae4j.data.SampleReader;
import org.sae4j.model.MatrixView;
import org.sae4j.model.TrainedModel;
import org.sae4j.parallel.Chunks;
import org.sae4j.precision.Precision;

/**
 * A trained stacked network: its {@link StackedNetwork} shape, θ in that layout, and the label each class
 * index stands for. It encodes data to any layer's features and predicts labels.
 *
 * <p>Its features are computed as {@link TrainedModel#features} computes an autoencoder's, block by block
 * and chunk by chunk with {@link HiddenLayer}, each chunk carried up through the layers, so the network
 * stacked from pretrained layers gives bitwise the features greedy pretraining encoded, and its
 * predictions are its top {@link #classifier()}'s on them.
 */
public final class DeepNetwork {
    private final StackedNetwork network;
    private final double[] theta;
    private final int[] classLabels;

    /**
     * @param classLabels the label of class index c at position c, increasing
     * @throws IllegalArgumentException if θ has the wrong length or a non-finite value, or the labels do not
     *                                  fit the classes
     */
    public DeepNetwork(StackedNetwork network, double[] theta, int[] classLabels) {
        this.network = Objects.requireNonNull(network, "network");
        network.requireParameters(theta, "theta");
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("theta[" + i + "] is " + theta[i]
                        + "; a network's parameters must be finite");
            }
        }
        if (classLabels.length != network.classes()) {
            throw new IllegalArgumentException(classLabels.length + " class labels for " + network.classes()
                    + " classes");
        }
        for (int c = 0; c < classLabels.length; c++) {
            if (classLabels[c] < 0 || (c > 0 && classLabels[c] <= classLabels[c - 1])) {
                throw new IllegalArgumentException("class label " + c + " is " + classLabels[c]
                        + "; the labels must be >= 0 and increasing");
            }
        }
        this.theta = theta.clone();
        this.classLabels = classLabels.clone();
    }

    /**
     * The network of pretrained layers under a softmax classifier: each autoencoder's encoder (W1, b1),
     * bottom first, then the classifier's θ.
     *
     * @param lambda the fine-tuning weight decay the network carries
     * @throws IllegalArgumentException if a layer's inputs are not the width below it, or the classifier's
     *                                  features are not the top layer's width
     */
    public static DeepNetwork stack(List<TrainedModel> layers, SoftmaxClassifier top, double lambda) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int[] widths = new int[layers.size()];
        for (int l = 0; l < widths.length; l++) {
            SparseAutoencoderConfig c = layers.get(l).config();
            if (l > 0 && c.visible() != widths[l - 1]) {
                throw new IllegalArgumentException("layer " + (l + 1) + " reads " + c.visible() + " values but layer "
                        + l + " has " + widths[l - 1] + " units");
            }
            widths[l] = c.hidden();
        }
        SoftmaxRegression softmax = top.config();
        if (softmax.features() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("the classifier reads " + softmax.features() + " features but the top"
                    + " layer has " + widths[widths.length - 1] + " units");
        }
        StackedNetwork net = new StackedNetwork(layers.get(0).config().visible(), widths, softmax.classes(), lambda);
        double[] theta = new double[net.parameterCount()];
        for (int l = 1; l <= widths.length; l++) {
            SparseAutoencoderConfig c = layers.get(l - 1).config();
            double[] ae = layers.get(l - 1).theta();
            System.arraycopy(ae, c.w1Offset(), theta, net.weightOffset(l), c.hidden() * c.visible());
            System.arraycopy(ae, c.b1Offset(), theta, net.biasOffset(l), c.hidden());
        }
        double[] s = top.theta();
        System.arraycopy(s, 0, theta, net.softmaxOffset(), s.length);
        return new DeepNetwork(net, theta, top.classLabels());
    }

    /** The same network, other parameters. */
    public DeepNetwork withParameters(double[] parameters) {
        return new DeepNetwork(network, parameters, classLabels);
    }

    public StackedNetwork network() {
        return network;
    }

    /** A copy of θ. */
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of the class labels, class index c's at position c. */
    public int[] classLabels() {
        return classLabels.clone();
    }

    /** Layer {@code layer}'s weights (1 to depth; depth + 1 is softmax's), a view of θ. */
    public MatrixView weights(int layer) {
        requireLayer(layer, network.depth() + 1);
        return MatrixView.of(theta, network.weightOffset(layer), network.outputs(layer), network.width(layer - 1));
    }

    /** The softmax classifier on top, on the top layer's features. */
    public SoftmaxClassifier classifier() {
        SoftmaxRegression config = new SoftmaxRegression(network.width(network.depth()), network.classes(),
                network.lambda());
        double[] s = new double[config.parameterCount()];
        System.arraycopy(theta, network.softmaxOffset(), s, 0, s.length);
        return new SoftmaxClassifier(config, s, classLabels);
    }

    /** The predicted label of every sample, in the settings' precision on its backend. */
    public int[] predict(Dataset data, EvaluationSettings settings) {
        return classifier().predict(features(data, network.depth(), settings));
    }

    /**
     * The activations of layer {@code layer} (1 to depth) for every sample of {@code data}, in the settings'
     * precision, on the heap (in segments past 2³¹ values), from any store.
     *
     * @throws IllegalArgumentException if the samples do not have the network's inputs
     */
    public Dataset features(Dataset data, int layer, EvaluationSettings settings) {
        requireLayer(layer, network.depth());
        if (data.features() != network.inputs()) {
            throw new IllegalArgumentException("a sample has " + data.features() + " values, the network expects "
                    + network.inputs());
        }
        Precision precision = settings.precision();
        MatrixBackend backend = settings.backend();
        Dataset x = data.toPrecision(precision);
        int m = x.samples();
        int size = settings.chunkSize() != EvaluationSettings.AUTO_CHUNK ? settings.chunkSize()
                : EvaluationSettings.defaultChunkSize(m, network.inputs(), network.width(1));
        int block = Math.min(TrainedModel.FEATURE_BLOCK, m);
        Chunks full = Chunks.of(block, size);
        SampleReader reader = x.reader(full.largest());
        int h = network.width(layer);
        DatasetBuilder out = DatasetBuilder.of(h, m, precision);
        float[] theta32 = null;
        double[][] levels64 = null;
        float[][] levels32 = null;
        if (precision == Precision.F64) {
            levels64 = new double[layer + 1][];
        } else {
            theta32 = new float[theta.length];
            for (int i = 0; i < theta.length; i++) {
                theta32[i] = (float) theta[i];
            }
            levels32 = new float[layer + 1][];
        }
        for (int l = 1; l <= layer; l++) {
            if (levels64 != null) {
                levels64[l] = new double[network.width(l) * full.largest()];
            } else {
                levels32[l] = new float[network.width(l) * full.largest()];
            }
        }
        for (int first = 0; first < m; first += block) {
            Chunks chunks = Chunks.of(Math.min(block, m - first), size);
            for (int c = 0; c < chunks.count(); c++) {
                int n = chunks.size(c);
                int at = first + chunks.first(c);
                reader.read(at, n);
                if (levels64 != null) {
                    double[] in = reader.doubles();
                    int inOff = reader.offset();
                    for (int l = 1; l <= layer; l++) {
                        HiddenLayer.activations(backend, network.width(l - 1), network.width(l), theta,
                                network.weightOffset(l), network.biasOffset(l), in, inOff, n, levels64[l], 0);
                        in = levels64[l];
                        inOff = 0;
                    }
                    out.put(at, n, levels64[layer], 0);
                } else {
                    float[] in = reader.floats();
                    int inOff = reader.offset();
                    for (int l = 1; l <= layer; l++) {
                        HiddenLayer.activations(backend, network.width(l - 1), network.width(l), theta32,
                                network.weightOffset(l), network.biasOffset(l), in, inOff, n, levels32[l], 0);
                        in = levels32[l];
                        inOff = 0;
                    }
                    out.put(at, n, levels32[layer], 0);
                }
            }
        }
        return out.build();
    }

    private static void requireLayer(int layer, int last) {
        if (layer < 1 || layer > last) {
            throw new IllegalArgumentException("layer " + layer + " is not one of the network's layers 1 to " + last);
        }
    }
}
