package org.sae4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.io.Json;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.precision.Precision;
import org.sae4j.report.BenchOptions;
import org.sae4j.report.BenchReport;
import org.sae4j.report.BenchRow;
import org.sae4j.report.ProblemShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sae bench}: the backend comparison report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times one evaluation of J and its gradient per shape, precision, backend and thread count,"
                + " beside the bare OpenBLAS products of the same shapes measured in the same run;"
                + " writes bench-report.md, .csv and .png.",
                "Shapes: A = 64x25, m=10000; B = 784x196, m=10000; C = 784x1024, m=60000; or VxHxM; or the"
                        + " fine-tuning of a stacked network (sae deep) as V-H-...-KxM, e.g. 784-200-200-10x60000."})
final class BenchCommand extends Subcommand {
    @Option(names = "--shapes", split = ",", defaultValue = "A,B", description = "Shapes (default: ${DEFAULT-VALUE}).")
    private List<String> shapes;

    @Option(names = "--precision", split = ",", defaultValue = "f64,f32", description = "Precisions (default: ${DEFAULT-VALUE}).")
    private List<String> precisions;

    @Option(names = "--backends", split = ",", defaultValue = "java,native",
            description = "Backends; unavailable ones are reported and skipped (default: ${DEFAULT-VALUE}).")
    private List<String> backends;

    @Option(names = "--native-library", paramLabel = "bundled|system|PATH",
            description = "The OpenBLAS the native backend loads, as -Dsae4j.native does (default: bundled, else"
                    + " system). The bound always probes every library that loads and takes the fastest.")
    private String nativeLibrary;

    @Option(names = "--threads", description = "Engine threads (default: all cores).")
    private Integer threads;

    @Option(names = "--scaling", description = "Thread-scaling series instead: 1, 2, 4, ... up to --threads or the core count.")
    private boolean scaling;

    @Option(names = "--chunks", split = ",", paramLabel = "auto|SAMPLES", defaultValue = "auto",
            converter = EngineOptions.ChunkConverter.class,
            description = "The most samples per chunk, one row per value, e.g. auto,512 to compare the default with"
                    + " 512 (default: ${DEFAULT-VALUE}: the shape's default).")
    private List<Integer> chunks;

    @Option(names = "--out", defaultValue = "bench-out", description = "Folder for the report files (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--json", description = "Print one JSON array on stdout, one object per row.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Environment env = sae.env();
        Checks.positiveIfGiven(spec, "--threads", threads);
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<ProblemShape> problemShapes = new ArrayList<>();
        for (String s : shapes) {
            try {
                problemShapes.add(ProblemShape.parse(s));
            } catch (IllegalArgumentException e) {
                throw Checks.usage(spec, "--shapes: " + e.getMessage());
            }
        }
        long heap = Runtime.getRuntime().maxMemory();
        for (ProblemShape s : problemShapes) {
            Checks.require(spec, s.bytesNeeded() <= heap, "--shapes: " + s + " needs about "
                    + s.bytesNeeded() / (1 << 20) + " MiB of data and activations, more than this JVM's heap of "
                    + heap / (1 << 20) + " MiB; give it more with JAVA_OPTS=-Xmx<size>, or choose a smaller shape");
        }
        List<Precision> precisionList = new ArrayList<>();
        for (String p : precisions) {
            try {
                precisionList.add(Precision.parse(p));
            } catch (IllegalArgumentException e) {
                throw Checks.usage(spec, "--precision: " + e.getMessage());
            }
        }
        List<String> registered = MatrixBackends.providers().stream().map(MatrixBackendProvider::name).toList();
        for (String b : backends) {
            Checks.require(spec, registered.contains(b.strip().toLowerCase(Locale.ROOT)), "--backends: unknown backend '"
                    + b + "'; registered backends: " + String.join(", ", registered));
        }
        if (nativeLibrary != null) {
            String already = System.getProperty("sae4j.native");
            Checks.require(spec, already == null || already.equals(nativeLibrary), "--native-library "
                    + nativeLibrary + " contradicts -Dsae4j.native=" + already);
            System.setProperty("sae4j.native", nativeLibrary);
        }
        List<Integer> threadCounts = scaling ? BenchOptions.scalingSeries(cores) : List.of(cores);
        BenchOptions options = new BenchOptions(problemShapes, precisionList, backends, threadCounts, chunks, out);
        BenchReport report = new BenchReport(options, line -> {
            env.err().println(line);
            env.err().flush();
        });
        for (String line : report.environment()) {
            env.err().println(line);
        }
        env.err().flush();
        List<BenchRow> rows = report.run();
        List<Path> files = report.write(rows);
        if (json) {
            StringBuilder array = new StringBuilder("[");
            for (BenchRow r : rows) {
                if (array.length() > 1) {
                    array.append(',');
                }
                array.append(Json.object()
                        .put("shape", r.shape())
                        .put("visible", r.visible())
                        .put("hidden", r.hidden())
                        .put("samples", r.samples())
                        .put("precision", r.precision())
                        .put("backend", r.backend())
                        .put("threads", r.threads())
                        .put("chunk", r.chunk())
                        .put("evalSeconds", r.evalSeconds())
                        .put("idealSeconds", r.idealSeconds())
                        .put("ratio", r.ratio())
                        .put("gflops", r.gflops()));
            }
            env.out().println(array.append(']'));
        } else {
            env.out().print(BenchReport.markdown(rows));
        }
        env.out().flush();
        for (String note : report.boundNotes()) {
            env.err().println(note);
        }
        env.err().println("wrote " + files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        env.err().flush();
        return 0;
    }
}
