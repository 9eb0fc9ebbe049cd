package org.sae4j.options;

import java.util.List;
import java.util.Locale;
import org.sae4j.autoencoder.ChunkProducts;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.backend.AutoSelection;
import org.sae4j.backend.BackendChoice;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How the objective is evaluated: {@code --backend --threads --precision --chunk}, for {@code sae} (the
 * threads of this machine) and the Spark commands (the threads of each executor).
 */
public final class EngineOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = MatrixBackends.AUTO,
            description = "Matrix backend: auto, java, native; auto is measured on this model's products once per"
                    + " machine (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of cores; on Spark, of each executor's).")
    private Integer threads;

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f64",
            converter = PrecisionConverter.class,
            description = "Precision of data, activations and products (default: ${DEFAULT-VALUE}).")
    private Precision precision;

    @Option(names = "--chunk", paramLabel = "SAMPLES|auto", defaultValue = "auto", converter = ChunkConverter.class,
            description = "The most samples per parallel task; the samples are cut into near-equal chunks. Changes"
                    + " only the last bits. auto: m/512 within [256, 512], from the data's shape alone"
                    + " (default: ${DEFAULT-VALUE}).")
    private int chunk;

    private BackendChoice backendChoice;

    /** Checks the values; usage errors come before any data is read. */
    public void check() {
        Checks.positive(spec, "--threads", threads());
        String name = backend.strip().toLowerCase(Locale.ROOT);
        List<String> registered = MatrixBackends.providers().stream().map(MatrixBackendProvider::name).toList();
        Checks.require(spec, name.equals(MatrixBackends.AUTO) || registered.contains(name), "--backend: unknown"
                + " backend '" + backend + "'; expected auto or one of " + String.join(", ", registered));
    }

    /** Worker threads: {@code --threads}, else the number of cores. */
    public int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** {@code --threads}, or {@code fallback} when it is not given (an executor's cores, say). */
    public int threadsOr(int fallback) {
        return threads != null ? threads : fallback;
    }

    /** {@code --precision}. */
    public Precision precision() {
        return precision;
    }

    /** The backend's name as given: {@code auto}, or a backend's. */
    public String backendName() {
        return backend.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The settings for a {@code visible → hidden} model on {@code samples} samples. A named backend is
     * loaded alone, with no measuring; {@code auto} is resolved for this model's products at this chunk
     * size (measured once per machine, then remembered). May throw BackendUnavailableException.
     */
    public EvaluationSettings settings(int visible, int hidden, int samples) {
        return settings(visible, hidden, samples, threads());
    }

    /** The same, for {@code threads} threads (each executor's, on Spark). */
    public EvaluationSettings settings(int visible, int hidden, int samples, int threads) {
        check();
        MatrixBackend chosen;
        if (MatrixBackends.AUTO.equalsIgnoreCase(backend.strip())) {
            int size = chunk != EvaluationSettings.AUTO_CHUNK ? chunk
                    : EvaluationSettings.defaultChunkSize(samples, visible, hidden);
            AutoSelection.Choice choice = MatrixBackends.auto(ChunkProducts.workload(visible, hidden, size, precision));
            chosen = choice.backend();
            backendChoice = BackendChoice.measured(choice);
        } else {
            chosen = MatrixBackends.get(backend);
            backendChoice = BackendChoice.named(chosen);
        }
        return new EvaluationSettings(chosen, threads, chunk, precision,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    /** How the backend of the last {@link #settings} was chosen, for the log, the model and {@code --json}. */
    public BackendChoice backendChoice() {
        return backendChoice;
    }

    /**
     * {@code data} once its values, as the engine reads them, are known finite: one pass over them on
     * {@code --threads} threads, naming the first sample and feature that is not.
     */
    public Dataset requireFinite(Dataset data, String source) {
        try (ParallelRuntime runtime = ParallelRuntime.create(threads())) {
            return data.requireFinite(source, runtime);
        }
    }

    /** The chunk size actually used for {@code samples} samples: the largest of the near-equal chunks. */
    public int chunkFor(int samples, int visible, int hidden) {
        int size = chunk != EvaluationSettings.AUTO_CHUNK ? Math.min(chunk, samples)
                : EvaluationSettings.defaultChunkSize(samples, visible, hidden);
        return Chunks.of(samples, size).largest();
    }

    /** {@code auto} or a number of samples. */
    public static final class ChunkConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.strip().equalsIgnoreCase("auto")) {
                return EvaluationSettings.AUTO_CHUNK;
            }
            int samples;
            try {
                samples = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected auto or a number of samples, got '" + value + "'");
            }
            if (samples < 1) {
                throw new TypeConversionException("expected auto or a number of samples >= 1, got " + samples);
            }
            return samples;
        }
    }

    public static final class PrecisionConverter implements ITypeConverter<Precision> {
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
