package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.MatrixBackends;

class InfoCommandTest {

    @Test
    void jsonDescribesJavaCoresVectorApiAndBackends() {
        Cli.Run run = Cli.run("info", "--json");
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        assertEquals(List.of("javaVersion", "cpu", "cores", "vectorApi", "backends", "defaultBackend", "auto",
                "nativeLibrary", "nativeKernel"), List.copyOf(json.keySet()));
        assertEquals(Runtime.version().toString(), json.get("javaVersion"));
        assertEquals((double) Runtime.getRuntime().availableProcessors(), json.get("cores"));
        assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), json.get("vectorApi"));
        assertEquals(MatrixBackends.availableNames(), json.get("backends"));
        assertTrue(((List<?>) json.get("backends")).contains("java"));
        assertEquals(MatrixBackends.defaultBackend().name(), json.get("defaultBackend"));
        assertEquals(MatrixBackends.defaultBackend().info().nativeLibrary(), json.get("nativeLibrary"));
        @SuppressWarnings("unchecked")
        Map<String, Object> auto = (Map<String, Object>) json.get("auto");
        assertEquals(List.of("f64", "f32"), List.copyOf(auto.keySet()));
        for (Object precision : auto.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> choice = (Map<String, Object>) precision;
            @SuppressWarnings("unchecked")
            Map<String, Object> gflops = (Map<String, Object>) choice.get("gflops");
            if (MatrixBackends.availableNames().size() > 1) {
                assertEquals(MatrixBackends.availableNames().size(), gflops.size(), "every backend measured: " + json);
                gflops.values().forEach(g -> assertTrue((Double) g > 0, json.toString()));
                assertTrue(gflops.containsKey((String) choice.get("backend")), json.toString());
            }
        }
        assertEquals(((Map<?, ?>) auto.get("f64")).get("backend"), json.get("defaultBackend"));
    }

    @Test
    void textNamesEveryRegisteredBackend() {
        Cli.Run run = Cli.run("info");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("cores:           " + Runtime.getRuntime().availableProcessors()), run.out());
        MatrixBackends.providers().forEach(p -> assertTrue(run.out().contains("backend " + p.name() + ":"), run.out()));
        assertTrue(run.out().contains("default backend: " + MatrixBackends.defaultBackend().info()), run.out());
        assertTrue(run.out().contains("auto f64:") && run.out().contains("auto f32:"), run.out());
        if (MatrixBackends.availableNames().size() > 1) {
            assertTrue(run.out().contains(" GFLOP/s) over "), run.out());
        }
    }
}
