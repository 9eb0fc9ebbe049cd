package org.sae4j.spark;

import java.io.Serializable;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.precision.Precision;

/**
 * What every executor needs to build the same engine as the driver: the autoencoder and the
 * evaluation settings, with the backend by the name the driver resolved (never {@code auto}, so that
 * no executor measures on its own and picks another), and the kernel that backend runs on the driver
 * (kernel shape, vector width, OpenBLAS version and core), which every executor must run too: the
 * bits depend on it.
 */
record EngineSpec(int visible, int hidden, double rho, double lambda, double beta, OutputLayer outputLayer, String backend,
                  String kernel, Precision precision, int chunkSize, int threads, long activationCacheBytes,
                  Passes passes) implements Serializable {

    static EngineSpec of(SparseAutoencoderConfig config, EvaluationSettings settings, int executorThreads,
                         Passes passes) {
        return new EngineSpec(config.visible(), config.hidden(), config.rho(), config.lambda(), config.beta(),
                config.outputLayer(), settings.backend().name(), KernelCheck.of(settings.backend()), settings.precision(), settings.chunkSize(), executorThreads,
                settings.activationCacheBytes(), passes);
    }

    SparseAutoencoderConfig config() {
        return new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta, outputLayer);
    }

    /**
     * The settings on this JVM; the backend is looked up by name.
     *
     * @throws IllegalStateException naming both kernels, if the backend here runs another kernel than on
     *                               the driver
     */
    EvaluationSettings settings() {
        return new EvaluationSettings(KernelCheck.require(backend, kernel), threads, chunkSize, precision,
                activationCacheBytes);
    }
}
