package org.sae4j.model;

import java.util.Objects;
import org.sae4j.precision.Precision;

/**
 * What a model file holds: the trained model, the precision it was trained in, and how it was trained.
 *
 * @param model     configuration and parameters
 * @param precision the precision of training
 * @param metadata  how the model was trained
 */
public record StoredModel(TrainedModel model, Precision precision, ModelMetadata metadata) {
    public StoredModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(metadata, "metadata");
    }
}
