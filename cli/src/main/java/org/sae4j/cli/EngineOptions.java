package org.sae4j.cli;

import java.util.List;
import java.util.Locale;
import org.sae4j.autoencoder.ChunkProducts;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.backend.AutoSelection;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;
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

    private String backendChoice;

    /** Checks the values; usage errors come before any data is read. */
    void check() {
        Checks.positive(spec, "--threads", threads());
        Checks.positive(spec, "--chunk", chunk);
        String name = backend.strip().toLowerCase(Locale.ROOT);
        List<String> registered = MatrixBackends.providers().stream().map(MatrixBackendProvider::name).toList();
        Checks.require(spec, name.equals(MatrixBackends.AUTO) || registered.contains(name), "--backend: unknown"
                + " backend '" + backend + "'; expected auto or one of " + String.join(", ", registered));
    }

    /** Worker threads: {@code --threads}, else the number of cores. */
    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The settings for a {@code visible → hidden} model. A named backend is loaded alone, with no
     * measuring; {@code auto} is resolved for this model's products (measured once per machine, then
     * remembered). May throw BackendUnavailableException.
     */
    EvaluationSettings settings(int visible, int hidden) {
        check();
        MatrixBackend chosen;
        if (MatrixBackends.AUTO.equalsIgnoreCase(backend.strip())) {
            AutoSelection.Choice choice = MatrixBackends.auto(ChunkProducts.workload(visible, hidden, chunk, precision));
            chosen = choice.backend();
            backendChoice = "auto: " + choice.summary();
        } else {
            chosen = MatrixBackends.get(backend);
            backendChoice = "--backend " + chosen.name();
        }
        return new EvaluationSettings(chosen, threads(), chunk, precision,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    /** How the backend of the last {@link #settings} was chosen, for the log, the model and {@code --json}. */
    String backendChoice() {
        return backendChoice;
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
