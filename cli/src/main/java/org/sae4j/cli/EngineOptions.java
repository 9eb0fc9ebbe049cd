package org.sae4j.cli;

import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** How the objective is evaluated: {@code --backend --threads --precision --chunk}. */
final class EngineOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = MatrixBackends.AUTO,
            description = "Matrix backend: auto, java, native (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f64",
            converter = PrecisionConverter.class,
            description = "Precision of data, activations and products (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--chunk", paramLabel = "SAMPLES", defaultValue = "" + EvaluationSettings.DEFAULT_CHUNK_SIZE,
            description = "Samples per parallel task; changes only the last bits (default: ${DEFAULT-VALUE}).")
    int chunk;

    /** The settings these options describe; resolving the backend may throw BackendUnavailableException. */
    EvaluationSettings settings() {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Checks.positive(spec, "--threads", workers);
        Checks.positive(spec, "--chunk", chunk);
        return EvaluationSettings.defaults()
                .withBackend(MatrixBackends.get(backend))
                .withThreads(workers)
                .withChunkSize(chunk)
                .withPrecision(precision);
    }

    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected f32 or f64, got '" + value + "'");
            }
        }
    }
}
