package org.sae4j.spark;

import java.io.Serializable;
import java.util.UUID;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.precision.Precision;

/**
 * What every executor needs to build the same engine as the driver: the autoencoder and the
 * evaluation settings, with the backend by the name the driver resolved (never {@code auto}, so that
 * no executor measures on its own and picks another), and the kernel that backend runs on the driver
 * (kernel shape, vector width, OpenBLAS version and core), which every executor must run too: the
 * bits depend on it. Each run has an id of its own, so that two runs of the same shape and settings at
 * once (a cross-validation's) keep apart on the executors.
 */
record EngineSpec(String run, int visible, int hidden, double rho, double lambda, double beta,
                  OutputLayer outputLayer, String backend, String kernel, Precision precision, int chunkSize,
                  int threads, long activationCacheBudget, Passes passes, int chunkCapacity) implements Serializable {

    /**
     * @param settings      the run's; their activation cache bytes are each executor's budget for the
     *                      caches of all its blocks
     * @param chunkCapacity the largest chunk of any block, which the task slots' workspaces must hold
     */
    static EngineSpec of(SparseAutoencoderConfig config, EvaluationSettings settings, int executorThreads,
                         Passes passes, int chunkCapacity) {
        return new EngineSpec(UUID.randomUUID().toString(), config.visible(), config.hidden(), config.rho(),
                config.lambda(), config.beta(),
                config.outputLayer(), settings.backend().name(), KernelCheck.of(settings.backend()),
                settings.precision(), settings.chunkSize(), executorThreads, settings.activationCacheBytes(), passes,
                chunkCapacity);
    }

    SparseAutoencoderConfig config() {
        return new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta, outputLayer);
    }

    /**
     * The settings of one block on this JVM, the backend looked up by name.
     *
     * @param cacheBytes the activation cache the block may keep (0: none)
     * @throws IllegalStateException naming both kernels, if the backend here runs another kernel than on
     *                               the driver
     */
    EvaluationSettings settings(long cacheBytes) {
        return new EvaluationSettings(KernelCheck.require(backend, kernel), threads, chunkSize, precision, cacheBytes);
    }

    /** The bytes of the hidden activations of a block of {@code samples} samples, as its cache holds them. */
    long cacheBytes(int samples) {
        return (long) hidden * samples * (precision == Precision.F64 ? 8 : 4);
    }
}
