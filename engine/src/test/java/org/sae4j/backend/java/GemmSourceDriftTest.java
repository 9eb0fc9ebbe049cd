package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The float GEMM sources must stay word-for-word translations of the double ones (engine/scripts/gen-float-gemm.sh). */
class GemmSourceDriftTest {
    @ParameterizedTest
    @ValueSource(strings = {"Gemm", "MicroKernel", "ScalarKernel", "VectorKernel", "WideVectorKernel"})
    void floatSourceIsGeneratedFromDoubleSource(String name) throws IOException {
        Path dir = Path.of("src/main/java/org/sae4j/backend/java");
        String expected = Files.readString(dir.resolve("Double" + name + ".java"))
                .replaceAll("\\bdouble\\b", "float").replaceAll("\\bDouble", "Float");
        assertEquals(expected, Files.readString(dir.resolve("Float" + name + ".java")),
                "Float" + name + ".java drifted from Double" + name + ".java: run engine/scripts/gen-float-gemm.sh");
    }
}
