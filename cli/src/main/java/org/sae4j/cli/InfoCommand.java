package org.sae4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sae info}: what this machine and JVM offer the engine. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the Java version, cores, whether the Vector API is on, and the matrix backends.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    private Sae sae;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> available = MatrixBackends.availableNames();
        MatrixBackend chosen = MatrixBackends.defaultBackend();
        BackendInfo info = chosen.info();
        Environment env = sae.env();
        if (json) {
            env.out().println(Json.object()
                    .put("javaVersion", Runtime.version().toString())
                    .put("cores", cores)
                    .put("vectorApi", vectorApi)
                    .put("backends", available)
                    .put("defaultBackend", chosen.name())
                    .put("nativeLibrary", info.nativeLibrary()));
        } else {
            env.out().println(new Sae.Version().getVersion()[0]);
            env.out().println("Java:            " + Runtime.version() + " (" + System.getProperty("java.vendor")
                    + ", " + System.getProperty("java.home") + ")");
            env.out().println("cores:           " + cores);
            env.out().println("Vector API:      " + (vectorApi ? "on" : "off (needs --add-modules"
                    + " jdk.incubator.vector; the ./sae launcher adds it when the JDK has it)"));
            for (MatrixBackendProvider p : MatrixBackends.providers()) {
                MatrixBackendProvider.Availability a = p.availability();
                env.out().println("backend " + pad(p.name()) + (a.available() ? "available" : "not available")
                        + " (priority " + p.priority() + "): " + a.reason());
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
}
