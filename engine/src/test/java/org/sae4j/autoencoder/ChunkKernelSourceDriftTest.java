package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** F64ChunkKernel must stay the word-for-word double twin of F32ChunkKernel (engine/scripts/gen-chunk-kernels.sh). */
class ChunkKernelSourceDriftTest {
    @Test
    void theDoubleKernelIsGeneratedFromTheFloatOne() throws IOException {
        Path dir = Path.of("src/main/java/org/sae4j/autoencoder");
        String expected = Files.readString(dir.resolve("F32ChunkKernel.java"))
                .replaceAll("\\bF32ChunkKernel\\b", "F64ChunkKernel").replaceAll("\\bfloat\\b", "double")
                .replaceAll("\\bsgemm\\b", "dgemm").replaceAll("\\bfloats\\(\\)", "doubles()").replace("(double) ", "");
        assertEquals(expected, Files.readString(dir.resolve("F64ChunkKernel.java")),
                "F64ChunkKernel.java drifted from F32ChunkKernel.java: run engine/scripts/gen-chunk-kernels.sh");
    }
}
