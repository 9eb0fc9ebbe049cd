package org.sae4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.Cpu;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.deep.NetworkObjective;
import org.sae4j.deep.StackedNetwork;
import org.sae4j.image.Png;
import org.sae4j.io.AtomicFiles;
import org.sae4j.parallel.Chunks;
import org.sae4j.precision.Precision;

/**
 * The backend comparison report: for every shape × precision × backend × thread count, the median
 * time of one evaluation of J and ∇J, and beside it the median time of the five bare OpenBLAS
 * products of the same shapes with as many OpenBLAS threads, measured in the same run in a child JVM
 * (OpenBLAS fixes its thread count when it loads).
 *
 * <p>Protocol ({@link #medians}): per shape × precision × thread count, one objective per backend;
 * warm-up evaluations of each for at least two seconds, then 7 timed rounds (3 when one evaluation takes
 * over a second) in which every backend evaluates once in turn; each backend's median is reported.
 * Alternating matters on shared machines whose speed drifts between minutes: the backends of one
 * configuration see the same periods. The bound uses the same protocol in its child JVM, once before
 * and once after the evaluations; the faster of the two is the bound.
 */
public final class BenchReport {
    static final double WARMUP_SECONDS = 2;
    private static final String NATIVE_PROPERTY = "sae4j.native";
    private static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";
    private static final long PROBE_TIMEOUT_MINUTES = 20;

    private final List<String> boundNotes = new ArrayList<>();

    private final BenchOptions options;
    private final Consumer<String> log;

    /** @param log receives one line per measured configuration, and warnings */
    public BenchReport(BenchOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Lines saying what runs: JDK, Vector API, backends and their BLAS thread settings. */
    public List<String> environment() {
        List<String> lines = new ArrayList<>();
        lines.add("JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Cpu cpu = Cpu.thisMachine();
        lines.add("CPU: " + cpu.model() + (cpu.vectorExtension().isEmpty() ? "" : " (" + cpu.vectorExtension() + ")"));
        lines.add("Vector API: " + (JavaBackend.vectorApiAvailable() ? "on" : "off (launch with --add-modules jdk.incubator.vector)"));
        for (String name : options.backends()) {
            try {
                lines.add("backend " + MatrixBackends.get(name).info());
            } catch (RuntimeException e) {
                lines.add("backend " + name + ": unavailable: " + e.getMessage());
            }
        }
        String coretype = System.getenv(CORETYPE_VARIABLE);
        if (coretype != null && !coretype.isBlank()) {
            lines.add(CORETYPE_VARIABLE + "=" + coretype.strip() + " is set: the native rows run that kernel, whether"
                    + " or not it is the best one for this CPU; the bound is also probed on the bundled OpenBLAS"
                    + " without it, on the core OpenBLAS picks itself");
        }
        lines.add("OpenBLAS bound: the bare products of one evaluation (five for an autoencoder, 3L + 2 for a network of"
                + " L layers) in a child JVM with OPENBLAS_NUM_THREADS = engine threads, on the fastest library that"
                + " loads (bundled and system are both probed)");
        return lines;
    }

    /** Runs every configuration and returns the rows in order. */
    public List<BenchRow> run() throws IOException, InterruptedException {
        List<BenchRow> rows = new ArrayList<>();
        for (ProblemShape shape : options.shapes()) {
            float[] data = randomData(shape);
            for (Precision precision : options.precisions()) {
                for (int threads : options.threadCounts()) {
                    double boundBefore = bound(shape, precision, threads);
                    Map<String, MatrixBackend> backends = new LinkedHashMap<>();
                    for (String backendName : options.backends()) {
                        try {
                            backends.put(backendName, MatrixBackends.get(backendName));
                        } catch (RuntimeException e) {
                            log.accept("skipping backend " + backendName + ": " + e.getMessage());
                        }
                    }
                    double[] seconds = evaluationSeconds(shape, data, precision, List.copyOf(backends.values()),
                            threads);
                    // The bound once more after the engine, keeping the faster: a slow period during one
                    // of the two probes must not flatter the ratio.
                    double bound = Math.min(boundBefore, bound(shape, precision, threads));
                    int b = 0;
                    for (String backendName : backends.keySet()) {
                        for (int chunk : options.chunks()) {
                            int size = Chunks.of(shape.samples(), EvaluationSettings.of(backends.get(backendName),
                                    precision).withChunkSize(chunk).chunkSizeFor(shape.samples(), shape.visible(),
                                    shape.hidden())).largest();
                            BenchRow row = new BenchRow(shape.name(), shape.visible(), shape.hidden(), shape.samples(),
                                    precision.shortName(), backendName, threads, size, seconds[b++], bound,
                                    shape.workload(precision == Precision.F32).flops());
                            log.accept(String.format(Locale.ROOT, "%s %s %s threads=%d chunk=%d: %.2f ms/eval, bound"
                                            + " %.2f ms, ratio %.3f", shape.name(), precision.shortName(), backendName,
                                    threads, size, row.evalSeconds() * 1e3, bound * 1e3, row.ratio()));
                            rows.add(row);
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static float[] randomData(ProblemShape shape) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[shape.visible() * shape.samples()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        return x;
    }

    /**
     * Median seconds of one evaluation per backend and chunk size (backend-major), all alternating
     * ({@link #medians}).
     */
    private double[] evaluationSeconds(ProblemShape shape, float[] data, Precision precision,
                                       List<MatrixBackend> backends, int threads) {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(shape.visible(), shape.hidden(), 0.1, 3e-3, 3);
        StackedNetwork net = shape.network();
        double[] theta = net == null ? config.initialParameters(1) : networkParameters(net);
        double[] grad = new double[theta.length];
        List<AutoCloseable> objectives = new ArrayList<>();
        try {
            List<Runnable> runs = new ArrayList<>();
            for (MatrixBackend backend : backends) {
                for (int chunk : options.chunks()) {
                    EvaluationSettings settings = EvaluationSettings.of(backend, Precision.F64).withThreads(threads)
                            .withPrecision(precision).withChunkSize(chunk);
                    Dataset x = Dataset.ofFloats(shape.visible(), shape.samples(), data);
                    if (net == null) {
                        SparseAutoencoderObjective f = new SparseAutoencoderObjective(config, x, settings);
                        objectives.add(f);
                        runs.add(() -> f.evaluate(theta, grad));
                    } else {
                        NetworkObjective f = new NetworkObjective(net, x, networkLabels(net, shape.samples()), settings);
                        objectives.add(f);
                        runs.add(() -> f.evaluate(theta, grad));
                    }
                }
            }
            return medians(runs);
        } finally {
            for (AutoCloseable f : objectives) {
                try {
                    f.close();
                } catch (Exception e) {
                    log.accept("closing an objective: " + e);
                }
            }
        }
    }

    /** Small random weights and biases, so no unit saturates (a network's pretrained weights are similar). */
    private static double[] networkParameters(StackedNetwork net) {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] theta = new double[net.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rnd.nextDouble(-0.1, 0.1);
        }
        return theta;
    }

    private static int[] networkLabels(StackedNetwork net, int samples) {
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % net.classes();
        }
        return labels;
    }

    /** {@link #medians} of a single run. */
    static double median(Runnable once) {
        return medians(List.of(once))[0];
    }

    /**
     * Warm-up of each run for at least {@value #WARMUP_SECONDS} s and 3 calls (so the JIT has compiled
     * the hot loops even for tiny shapes), then 7 rounds, or 3 when one call takes over a second, each
     * calling every run once in turn; returns each run's median in seconds.
     */
    static double[] medians(List<Runnable> runs) {
        long slowest = 0;
        for (Runnable once : runs) {
            long start = System.nanoTime();
            long last = 0;
            for (int i = 0; i < 3 || System.nanoTime() - start < WARMUP_SECONDS * 1e9; i++) {
                long t = System.nanoTime();
                once.run();
                last = System.nanoTime() - t;
            }
            slowest = Math.max(slowest, last);
        }
        int rounds = slowest > TimeUnit.SECONDS.toNanos(1) ? 3 : 7;
        double[][] seconds = new double[runs.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < runs.size(); r++) {
                long t = System.nanoTime();
                runs.get(r).run();
                seconds[r][round] = (System.nanoTime() - t) / 1e9;
            }
        }
        double[] medians = new double[runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            Arrays.sort(seconds[r]);
            medians[r] = seconds[r][rounds / 2];
        }
        return medians;
    }

    /** One library's bare products, as a child JVM measured them. */
    record BoundProbeResult(String library, double seconds, String file, String kernel, boolean generic) {
        String describe() {
            return file + " (" + kernel + (generic ? "; GENERIC FALLBACK KERNEL" : "") + ")";
        }
    }

    /**
     * Median seconds of the five bare OpenBLAS products with the best library on this machine, or NaN
     * when none loads. Every library sae4j can load is probed (bundled, system, and the one named by
     * {@code -Dsae4j.native} or netlib's properties); a generic fallback kernel counts only when no
     * other loads, so a bound never flatters the engine by being slow.
     */
    private double bound(ProblemShape shape, Precision precision, int threads) throws IOException, InterruptedException {
        if (!MatrixBackends.availableNames().contains("native")) {
            return Double.NaN;
        }
        List<BoundProbeResult> results = new ArrayList<>();
        for (BoundLibrary library : boundLibraries()) {
            probe(library, shape, precision, threads).ifPresent(results::add);
        }
        BoundProbeResult best = null;
        for (BoundProbeResult r : results) {
            boolean better = best == null || (best.generic() && !r.generic())
                    || (best.generic() == r.generic() && r.seconds() < best.seconds());
            if (better) {
                best = r;
            }
        }
        if (best == null) {
            log.accept("OpenBLAS bound: no library could be probed for " + shape + " " + precision.shortName());
            return Double.NaN;
        }
        for (BoundProbeResult r : results) {
            String line = "OpenBLAS bound " + shape.name() + " " + precision.shortName() + " threads=" + threads + ": "
                    + r.library() + " " + String.format(Locale.ROOT, "%.2f ms", r.seconds() * 1e3) + ", "
                    + r.describe() + (r == best ? " <- bound" : "");
            log.accept(line);
            if (!boundNotes.contains("bound library: " + r.describe()) && r == best) {
                boundNotes.add("bound library: " + r.describe());
            }
        }
        if (best.generic()) {
            String warning = "WARNING: the OpenBLAS bound was measured on a generic fallback kernel (" + best.describe()
                    + "), the only one that loads: it is several times slower than a kernel for this CPU";
            log.accept(warning);
            if (!boundNotes.contains(warning)) {
                boundNotes.add(warning);
            }
        }
        return best.seconds();
    }

    /**
     * A library to probe: the JVM options that choose it, and whether {@code OPENBLAS_CORETYPE} is
     * removed from the child's environment so that OpenBLAS picks its own core.
     */
    record BoundLibrary(String label, List<String> options, boolean ownCore) {
    }

    /**
     * What the bound is probed on: the library named by netlib's properties if set; else the bundled
     * one, the system one and the one {@code -Dsae4j.native} names. When {@code OPENBLAS_CORETYPE}
     * forces a core, the bundled one is probed once more on the core it picks itself: the bound is
     * the best this machine can do, whatever the engine rows were told.
     */
    static List<BoundLibrary> boundLibraries() {
        List<BoundLibrary> libraries = new ArrayList<>();
        for (String property : new String[] {"dev.ludovic.netlib.blas.nativeLibPath", "dev.ludovic.netlib.blas.nativeLib"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                libraries.add(new BoundLibrary(value, List.of("-D" + property + "=" + value), false));
                return libraries;
            }
        }
        libraries.add(new BoundLibrary("bundled", List.of("-D" + NATIVE_PROPERTY + "=bundled"), false));
        libraries.add(new BoundLibrary("system", List.of("-D" + NATIVE_PROPERTY + "=system"), false));
        String chosen = System.getProperty(NATIVE_PROPERTY);
        if (chosen != null && !chosen.isBlank() && !chosen.equals("bundled") && !chosen.equals("system")) {
            libraries.add(new BoundLibrary(chosen, List.of("-D" + NATIVE_PROPERTY + "=" + chosen), false));
        }
        String coretype = System.getenv(CORETYPE_VARIABLE);
        if (coretype != null && !coretype.isBlank()) {
            libraries.add(new BoundLibrary("bundled, " + CORETYPE_VARIABLE + " unset",
                    List.of("-D" + NATIVE_PROPERTY + "=bundled"), true));
        }
        return libraries;
    }

    private Optional<BoundProbeResult> probe(BoundLibrary libraryToProbe, ProblemShape shape, Precision precision,
                                             int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(libraryToProbe.options());
        String cache = System.getProperty("sae4j.cache");
        if (cache != null) {
            command.add("-Dsae4j.cache=" + cache);
        }
        // the shapes were checked against this JVM's heap; the probe gets as much
        command.add("-Xmx" + Math.max(64, Runtime.getRuntime().maxMemory() >> 20) + "m");
        String modulePath = System.getProperty("jdk.module.path");
        boolean modular = BenchReport.class.getModule().isNamed() && modulePath != null;
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=" + (modular ? "org.sae4j.nativeblas,dev.ludovic.netlib.blas"
                    : "ALL-UNNAMED"));
        }
        if (modular) {
            // launched from the module path (a runtime image beside the module jars, say): the probe too
            command.addAll(List.of("--module-path", modulePath, "--add-modules", "org.sae4j.nativeblas", "-m",
                    BenchReport.class.getModule().getName() + "/" + BoundProbe.class.getName()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BoundProbe.class.getName()));
        }
        command.addAll(List.of(shape.spec(), precision.shortName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        if (libraryToProbe.ownCore()) {
            pb.environment().remove(CORETYPE_VARIABLE);
        }
        Path output = Files.createTempFile("sae4j-bound", ".txt");
        String out;
        int code;
        try {
            Process p = pb.redirectOutput(output.toFile()).start();
            if (!p.waitFor(PROBE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                log.accept("OpenBLAS bound probe for " + libraryToProbe.label() + " " + shape + " gave no result in "
                        + PROBE_TIMEOUT_MINUTES + " minutes; stopped it");
                return Optional.empty();
            }
            code = p.exitValue();
            out = Files.readString(output, StandardCharsets.UTF_8).trim();
        } finally {
            Files.deleteIfExists(output);
        }
        String library = libraryToProbe.label();
        String[] lines = out.split("\\R");
        String[] fields = lines[lines.length - 1].split("\t");
        if (code != 0 || fields.length != 4) {
            if (code != 3) {
                log.accept("OpenBLAS bound probe failed (exit " + code + ") for " + library + " " + shape + " "
                        + precision.shortName());
            }
            return Optional.empty();
        }
        return Optional.of(new BoundProbeResult(library, Double.parseDouble(fields[0]), fields[1], fields[2],
                fields[3].equals("generic")));
    }

    /** What the report says about the libraries behind the bound, for the Markdown file and the console. */
    public List<String> boundNotes() {
        return List.copyOf(boundNotes);
    }

    /** The rows as a Markdown table, with per-evaluation times in ms for side-by-side comparisons. */
    public static String markdown(List<BenchRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| shape | v | h | m | precision | backend | threads | chunk | ms/eval | evals/s | samples/s | GFLOP/s | OpenBLAS bound ms | ratio |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %d | %d | %.2f | %.2f | %.0f | %.1f | %s | %s |%n",
                    r.shape(), r.visible(), r.hidden(), r.samples(), r.precision(), r.backend(), r.threads(), r.chunk(),
                    r.evalSeconds() * 1e3, r.evaluationsPerSecond(), r.samplesPerSecond(), r.gflops(),
                    Double.isNaN(r.idealSeconds()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.idealSeconds() * 1e3),
                    Double.isNaN(r.idealSeconds()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.ratio())));
        }
        return sb.toString();
    }

    public static String csv(List<BenchRow> rows) {
        StringBuilder sb = new StringBuilder(
                "shape,visible,hidden,samples,precision,backend,threads,chunk,evalSeconds,idealSeconds,ratio,evalsPerSecond,samplesPerSecond,gflops\n");
        for (BenchRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n",
                    r.shape(), r.visible(), r.hidden(), r.samples(), r.precision(), r.backend(), r.threads(), r.chunk(),
                    r.evalSeconds(), r.idealSeconds(), r.ratio(), r.evaluationsPerSecond(), r.samplesPerSecond(),
                    r.gflops()));
        }
        return sb.toString();
    }

    /** Writes bench-report.md, bench-report.csv and bench-report.png into the output folder. */
    public List<Path> write(List<BenchRow> rows) throws IOException {
        Files.createDirectories(options.outDir());
        Path md = options.outDir().resolve("bench-report.md");
        Path csv = options.outDir().resolve("bench-report.csv");
        Path png = options.outDir().resolve("bench-report.png");
        List<String> lines = new ArrayList<>(environment());
        lines.addAll(boundNotes);
        String header = String.join("\n", lines.stream().map(l -> "- " + l).toList());
        writeText(md, "# sae4j backend comparison\n\n" + header + "\n\n" + markdown(rows));
        writeText(csv, csv(rows));
        Png.write(BarChart.render(rows), png);
        return List.of(md, csv, png);
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
