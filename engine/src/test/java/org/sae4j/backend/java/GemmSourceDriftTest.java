package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** FloatGemm must stay the word-for-word float translation of DoubleGemm (engine/scripts/gen-float-gemm.sh). */
class GemmSourceDriftTest {
    @Test
    void floatGemmIsGeneratedFromDoubleGemm() throws IOException {
        Path dir = Path.of("src/main/java/org/sae4j/backend/java");
        String expected = Files.readString(dir.resolve("DoubleGemm.java"))
                .replaceAll("\\bdouble\\b", "float").replaceAll("\\bDouble", "Float");
        assertEquals(expected, Files.readString(dir.resolve("FloatGemm.java")),
                "FloatGemm.java drifted from DoubleGemm.java: run engine/scripts/gen-float-gemm.sh");
    }
}
