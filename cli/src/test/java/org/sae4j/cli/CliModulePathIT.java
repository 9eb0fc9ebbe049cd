package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code sae} command on the module path, from the module jars the build made: each is a named
 * module, and the command runs with the backends found as services. Runs after packaging
 * ({@code mvn verify}), since the module descriptors are compiled after the unit tests.
 */
class CliModulePathIT {

    private static final Set<String> MODULE_JARS = Set.of("sae4j-engine", "sae4j-native-blas", "sae4j-report", "sae4j-options",
            "picocli", "blas", "arpack_combined_all");

    /** The CLI's own module jar and its runtime dependencies from this JVM's class path. */
    private static List<Path> modulePath() {
        List<Path> path = new ArrayList<>();
        path.add(Path.of("target", "original-sae.jar").toAbsolutePath());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && MODULE_JARS.contains(name.replaceFirst("-[0-9].*$", ""))) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    private static String run(List<Path> modulePath, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dsae4j.cache=" + cache, "--add-modules", "jdk.incubator.vector", "--module-path",
                modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=org.sae4j.nativeblas,dev.ludovic.netlib.blas");
        }
        command.addAll(List.of("-m", "org.sae4j.cli/org.sae4j.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    @Test
    void everyModuleJarIsANamedModuleAndTheCommandRunsOnTheModulePath() throws Exception {
        List<Path> modulePath = modulePath();
        assertTrue(Files.isRegularFile(modulePath.get(0)), modulePath.get(0) + " (build with mvn verify)");
        Map<String, ModuleDescriptor> named = ModuleFinder.of(modulePath.toArray(Path[]::new)).findAll().stream()
                .map(ModuleReference::descriptor).filter(d -> !d.isAutomatic())
                .collect(Collectors.toMap(ModuleDescriptor::name, d -> d));
        assertTrue(named.keySet().containsAll(Set.of("org.sae4j.engine", "org.sae4j.nativeblas", "org.sae4j.report",
                "org.sae4j.options", "org.sae4j.cli")), named.keySet().toString());
        ModuleDescriptor engine = named.get("org.sae4j.engine");
        assertTrue(engine.exports().stream().noneMatch(e -> e.source().equals("org.sae4j.backend.java")
                && !e.isQualified()), "the GEMM kernels are not exported to everyone: " + engine.exports());
        assertTrue(engine.packages().contains("org.sae4j.autoencoder"));

        Path cache = Files.createTempDirectory("sae4j-module-path");
        String info = run(modulePath, cache, "info", "--json");
        Map<String, Object> json = MiniJson.parseObject(info.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError(info)));
        assertTrue(((List<?>) json.get("backends")).contains("java"), info);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(((List<?>) json.get("backends")).contains("native"),
                    "the native backend is found as a service on the module path: " + info);
        }
        String check = run(modulePath, cache, "gradcheck", "--backend", "java");
        assertTrue(check.contains("relative difference"), check);
        try (Stream<Path> files = Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
