package org.sae4j.classify;

import java.util.Arrays;
import java.util.Objects;

/**
 * A classifier as saved: the classifier, and how its features are made from an input sample, so that
 * {@code sae predict} can apply it to new data the way it was trained.
 *
 * @param inputs        values per input sample
 * @param inputScale    every input value is multiplied by this first (1 for none), finite and not 0
 * @param encoderDigest null when the classifier reads the scaled inputs themselves (then inputs equals the
 *                      classifier's features); else the {@code TrainedModel.encoderDigest()} of the
 *                      autoencoder whose hidden activations are its features
 */
public record StoredClassifier(SoftmaxClassifier classifier, int inputs, double inputScale, byte[] encoderDigest) {
    /** Length of an encoder digest (SHA-256). */
    public static final int DIGEST_BYTES = 32;

    public StoredClassifier {
        Objects.requireNonNull(classifier, "classifier");
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (!Double.isFinite(inputScale) || inputScale == 0) {
            throw new IllegalArgumentException("the input scale must be finite and not 0, got " + inputScale);
        }
        if (encoderDigest == null && inputs != classifier.config().features()) {
            throw new IllegalArgumentException("a classifier of raw inputs has as many features as inputs: "
                    + classifier.config().features() + " features, " + inputs + " inputs");
        }
        if (encoderDigest != null) {
            if (encoderDigest.length != DIGEST_BYTES) {
                throw new IllegalArgumentException("an encoder digest has " + DIGEST_BYTES + " bytes, got "
                        + encoderDigest.length);
            }
            encoderDigest = encoderDigest.clone();
        }
    }

    /** Whether the features are an autoencoder's hidden activations. */
    public boolean usesEncoder() {
        return encoderDigest != null;
    }

    /** A copy of the digest, or null for raw inputs. */
    @Override
    public byte[] encoderDigest() {
        return encoderDigest == null ? null : encoderDigest.clone();
    }

    /** Whether {@code digest} is the one this classifier was trained with. */
    public boolean matchesEncoder(byte[] digest) {
        return encoderDigest != null && Arrays.equals(encoderDigest, digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredClassifier s && s.classifier == classifier && s.inputs == inputs
                && Double.compare(s.inputScale, inputScale) == 0 && Arrays.equals(s.encoderDigest, encoderDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classifier, inputs, inputScale, Arrays.hashCode(encoderDigest));
    }

    @Override
    public String toString() {
        return "StoredClassifier[" + classifier.config() + ", inputs=" + inputs + ", inputScale=" + inputScale
                + (usesEncoder() ? ", autoencoder features" : ", raw inputs") + "]";
    }
}
