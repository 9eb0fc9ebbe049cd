package org.sae4j.spark;

import java.io.Serializable;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.precision.Precision;

/**
 * What every executor needs to build the same engine as the driver: the autoencoder and the
 * evaluation settings, with the backend by the name the driver resolved (never {@code auto}, so that
 * no executor measures on its own and picks another).
 */
record EngineSpec(int visible, int hidden, double rho, double lambda, double beta, OutputLayer outputLayer, String backend,
                  Precision precision, int chunkSize, int threads, long activationCacheBytes, Passes passes)
        implements Serializable {

    static EngineSpec of(SparseAutoencoderConfig config, EvaluationSettings settings, int executorThreads,
                         Passes passes) {
        return new EngineSpec(config.visible(), config.hidden(), config.rho(), config.lambda(), config.beta(),
                config.outputLayer(), settings.backend().name(), settings.precision(), settings.chunkSize(), executorThreads,
                settings.activationCacheBytes(), passes);
    }

    SparseAutoencoderConfig config() {
        return new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta, outputLayer);
    }

    /** The settings on this JVM; the backend is looked up by name. */
    EvaluationSettings settings() {
        return new EvaluationSettings(MatrixBackends.get(backend), threads, chunkSize, precision,
                activationCacheBytes);
    }
}
