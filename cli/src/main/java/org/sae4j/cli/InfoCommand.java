package org.sae4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.backend.AutoSelection;
import org.sae4j.backend.BackendCalibration;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.Cpu;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sae info}: what this machine and JVM offer the engine. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Shows the Java version, the CPU, whether the Vector API is on, the matrix backends, and which"
                + " backend 'auto' takes, with every backend's GFLOP/s on the standard products (shape B, a"
                + " 512-sample chunk of 784 -> 196): measured once per machine, then remembered."})
final class InfoCommand extends Subcommand {
    @Option(names = "--json", description = "Print one JSON object on stdout.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> available = MatrixBackends.availableNames();
        Map<String, AutoSelection.Choice> choices = new LinkedHashMap<>();
        for (boolean single : new boolean[] {false, true}) {
            GemmWorkload workload = GemmWorkload.standard(single);
            choices.put(workload.precisionName(), MatrixBackends.auto(workload));
        }
        MatrixBackend chosen = choices.get("f64").backend();
        BackendInfo info = chosen.info();
        Cpu cpu = Cpu.thisMachine();
        Environment env = sae.env();
        if (json) {
            Json auto = Json.object();
            for (Map.Entry<String, AutoSelection.Choice> e : choices.entrySet()) {
                Json gflops = Json.object();
                for (BackendCalibration.Measurement m : e.getValue().measurements()) {
                    gflops.put(m.backend(), m.gflops());
                }
                auto.put(e.getKey(), Json.object()
                        .put("backend", e.getValue().backend().name())
                        .put("gflops", gflops)
                        .put("remembered", e.getValue().remembered()));
            }
            env.out().println(Json.object()
                    .put("javaVersion", Runtime.version().toString())
                    .put("cpu", cpu.model())
                    .put("cores", cores)
                    .put("vectorApi", vectorApi)
                    .put("backends", available)
                    .put("defaultBackend", chosen.name())
                    .put("auto", auto)
                    .put("nativeLibrary", info.nativeLibrary())
                    .put("nativeKernel", info.nativeLibrary() == null ? null : info.kernel()));
        } else {
            env.out().println(new Sae.Version().getVersion()[0]);
            env.out().println("Java:            " + Runtime.version() + " (" + System.getProperty("java.vendor")
                    + ", " + System.getProperty("java.home") + ")");
            env.out().println("CPU:             " + cpu.model()
                    + (cpu.vectorExtension().isEmpty() ? "" : " (" + cpu.vectorExtension() + ")"));
            env.out().println("cores:           " + cores);
            env.out().println("Vector API:      " + (vectorApi ? "on" : "off (needs --add-modules"
                    + " jdk.incubator.vector; the ./sae launcher adds it when the JDK has it)"));
            for (MatrixBackendProvider p : MatrixBackends.providers()) {
                MatrixBackendProvider.Availability a = p.availability();
                env.out().println("backend " + pad(p.name()) + (a.available() ? "available" : "not available")
                        + " (priority " + p.priority() + "): " + a.reason());
            }
            for (Map.Entry<String, AutoSelection.Choice> e : choices.entrySet()) {
                AutoSelection.Choice c = e.getValue();
                env.out().println(pad("auto " + e.getKey(), 17) + c.summary());
            }
            env.out().println("default backend: " + info);
            env.out().println("native library:  " + (info.nativeLibrary() == null ? "none" : info.nativeLibrary()));
        }
        env.out().flush();
        return 0;
    }

    private static String pad(String name) {
        return String.format("%-9s", name + ":");
    }

    private static String pad(String name, int width) {
        return String.format("%-" + width + "s", name + ":");
    }
}
