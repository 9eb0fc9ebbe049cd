package org.sae4j.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.sae4j.backend.BackendCalibration.Measurement;
import org.sae4j.io.AtomicFiles;

/**
 * How {@code auto} picks a backend: by measuring, once per machine.
 *
 * <p>Every available backend is timed on the job's products ({@link BackendCalibration}). The
 * highest-priority backend is kept unless another is at least {@value #SWITCH_FACTOR}× as fast, so
 * that two backends of about the same speed cannot trade places from one run to the next. The
 * result is remembered in a small file (what FFTW calls wisdom), keyed by the processor, the JVM, every
 * candidate backend's description (kernel, library, version) and the shape class of the products.
 * Later runs on that machine reuse it: they take no time, and the pick cannot flip with noise, so
 * results stay bitwise repeatable with {@code auto} too.
 */
public final class AutoSelection {

    /** How much faster a lower-priority backend must be to be chosen. */
    public static final double SWITCH_FACTOR = 1.2;

    /** The file of remembered choices, inside {@link org.sae4j.io.UserCache#root()}. */
    public static final String CHOICES_FILE = "backend-choices.properties";

    private static final System.Logger LOG = System.getLogger(AutoSelection.class.getName());
    private static final String FORMAT = "1";

    /** A backend that may be chosen, with its provider's priority. */
    public record Candidate(MatrixBackend backend, int priority) {
    }

    /**
     * What {@code auto} chose and on what grounds.
     *
     * @param backend      the backend chosen
     * @param workload     the products it was chosen for
     * @param measurements every candidate's GFLOP/s on those products, in priority order
     * @param remembered   whether the measurements came from the file of remembered choices
     * @param forcedBy     the setting that named the backend instead of a measurement, or null
     */
    public record Choice(MatrixBackend backend, GemmWorkload workload, List<Measurement> measurements,
                         boolean remembered, String forcedBy) {
        public Choice {
            measurements = List.copyOf(measurements);
        }

        /** E.g. {@code native (38.2 GFLOP/s) over java (27.3 GFLOP/s), measured on f64 [...]}. */
        public String summary() {
            if (forcedBy != null) {
                return backend.name() + ", forced by " + forcedBy + " (not measured)";
            }
            if (measurements.isEmpty()) {
                return backend.name() + " (the only available backend)";
            }
            List<String> others = new ArrayList<>();
            String chosen = backend.name();
            for (Measurement m : measurements) {
                if (m.backend().equals(chosen)) {
                    chosen = format(m);
                } else {
                    others.add(format(m));
                }
            }
            return chosen + (others.isEmpty() ? "" : " over " + String.join(", ", others))
                    + (remembered ? ", remembered from an earlier measurement" : ", measured") + " on " + workload;
        }

        private static String format(Measurement m) {
            return String.format(Locale.ROOT, "%s (%.1f GFLOP/s)", m.backend(), m.gflops());
        }
    }

    private AutoSelection() {
    }

    /**
     * The pick rule alone: candidates in priority order (highest first) with their GFLOP/s. The first
     * is kept unless a later one is at least {@link #SWITCH_FACTOR}× as fast as the one kept so far.
     */
    public static String pick(List<String> namesByPriority, List<Double> gflops) {
        if (namesByPriority.isEmpty() || namesByPriority.size() != gflops.size()) {
            throw new IllegalArgumentException("need one speed per candidate, got " + namesByPriority + " and "
                    + gflops);
        }
        int kept = 0;
        for (int i = 1; i < namesByPriority.size(); i++) {
            if (gflops.get(i) >= SWITCH_FACTOR * gflops.get(kept)) {
                kept = i;
            }
        }
        return namesByPriority.get(kept);
    }

    /**
     * Chooses among {@code candidates} for {@code workload}: from the file of remembered choices when
     * it has this exact situation, else by measuring (about {@code budget}) and remembering the result.
     * A file that cannot be read or written costs a measurement per run, nothing else.
     *
     * @param choicesFile where choices are remembered, or {@code null} to always measure
     */
    public static Choice choose(List<Candidate> candidates, GemmWorkload workload, Path choicesFile,
                                Duration budget) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate backends");
        }
        List<Candidate> byPriority = new ArrayList<>(candidates);
        byPriority.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        List<MatrixBackend> backends = byPriority.stream().map(Candidate::backend).collect(Collectors.toList());
        if (backends.size() == 1) {
            return new Choice(backends.get(0), workload, List.of(), false, null);
        }
        String key = key(backends, workload);
        Optional<List<Measurement>> remembered = choicesFile == null ? Optional.empty()
                : recall(choicesFile, key, backends);
        List<Measurement> measurements = remembered.orElseGet(() -> BackendCalibration.measure(workload, backends,
                budget));
        String name = pick(measurements.stream().map(Measurement::backend).collect(Collectors.toList()),
                measurements.stream().map(Measurement::gflops).collect(Collectors.toList()));
        MatrixBackend chosen = backends.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
        if (remembered.isEmpty() && choicesFile != null) {
            remember(choicesFile, key, measurements);
        }
        return new Choice(chosen, workload, measurements, remembered.isPresent(), null);
    }

    /** Everything that decides which backend is faster, as one line. */
    static String key(List<MatrixBackend> backends, GemmWorkload workload) {
        StringBuilder key = new StringBuilder("v").append(FORMAT).append(" | ").append(workload.shapeClass())
                .append(" | ").append(Cpu.thisMachine().model()).append(" | ")
                .append(System.getProperty("java.vm.vendor")).append(' ').append(Runtime.version());
        for (MatrixBackend b : backends) {
            BackendInfo info = b.info();
            key.append(" | ").append(info.name()).append(": ").append(info.implementation()).append(", ")
                    .append(info.kernel());
            if (info.nativeLibrary() != null) {
                key.append(", ").append(info.nativeLibrary());
            }
            // a BLAS that runs several threads per product measures differently from one that runs one
            key.append(", ").append(info.blasThreads()).append(" thread(s) per product");
        }
        return key.toString();
    }

    private static Optional<List<Measurement>> recall(Path file, String key, List<MatrixBackend> backends) {
        Properties choices = load(file);
        String value = choices.getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            List<Measurement> measurements = new ArrayList<>();
            for (MatrixBackend b : backends) {
                measurements.add(new Measurement(b.name(), speedOf(value, b.name()), 0));
            }
            return Optional.of(measurements);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "ignoring a damaged entry in " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Reads {@code name=12.3} out of {@code java=12.3 native=45.6}. */
    private static double speedOf(String value, String name) {
        for (String part : value.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                double gflops = Double.parseDouble(part.substring(eq + 1));
                if (gflops > 0 && Double.isFinite(gflops)) {
                    return gflops;
                }
            }
        }
        throw new IllegalArgumentException("no speed for " + name + " in '" + value + "'");
    }

    private static Properties load(Path file) {
        Properties choices = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            choices.load(in);
        } catch (NoSuchFileException e) {
            // nothing remembered yet
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "cannot read " + file + ": " + e);
        }
        return choices;
    }

    private static void remember(Path file, String key, List<Measurement> measurements) {
        Properties choices = load(file);
        choices.setProperty(key, measurements.stream()
                .map(m -> String.format(Locale.ROOT, "%s=%.3f", m.backend(), m.gflops()))
                .collect(Collectors.joining(" ")));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.ISO_8859_1);
                choices.store(writer, "sae4j: GFLOP/s each backend measured on the products of a job, so that"
                        + " 'auto' picks alike in every run on this machine. Delete this file to measure again.");
                writer.flush();
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot remember the backend choice in " + file + ": " + e);
        }
    }
}
