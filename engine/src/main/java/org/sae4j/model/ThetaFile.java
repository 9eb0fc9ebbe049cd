package org.sae4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.DataFileException;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;

/**
 * θ given as a 1-D NPY array in the layout [W1(:); W2(:); b1; b2] (docs/objective.md), checked against
 * the data it is evaluated on: {@code sae eval} and Spark's evaluation read it here.
 */
public final class ThetaFile {

    /**
     * θ and the hidden units it is for.
     *
     * @param values θ, of length 2hv + h + v
     * @param hidden h
     */
    public record Theta(double[] values, int hidden) {
    }

    private ThetaFile() {
    }

    /**
     * Reads θ for a model of {@code visible} inputs: {@code hidden} units when given (θ must have their
     * length), else the h its length implies.
     *
     * @param data the data's file, for messages
     * @throws DataFileException naming the file when it is not 1-D, or its length fits no h (or not the given one)
     */
    public static Theta read(Path file, int visible, Integer hidden, Object data) throws IOException {
        NpyArray a = NpyReader.read(file);
        if (a.rank() != 1) {
            throw new DataFileException(file + ": expected a 1-D array θ of length 2hv + h + v, got shape "
                    + Arrays.toString(a.shape()));
        }
        double[] theta = a.values();
        int h = hidden != null ? hidden : SparseAutoencoderConfig.hiddenForParameterCount(visible, theta.length);
        if (h < 0) {
            throw new DataFileException(file + ": length " + theta.length + " is not 2hv + h + v for any h with v = "
                    + visible + " (from " + data + ")");
        }
        long expected = SparseAutoencoderConfig.parameterCount(visible, h);
        if (theta.length != expected) {
            throw new DataFileException(file + ": " + theta.length + " values, but v = " + visible + " (from " + data
                    + ") and h = " + h + " need 2hv + h + v = " + expected);
        }
        return new Theta(theta, h);
    }
}
