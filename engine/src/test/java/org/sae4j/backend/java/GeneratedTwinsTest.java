package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every F64 twin is exactly what engine/scripts/gen-f64-twins.sh writes from its F32 source: the banner,
 * then the source with the script's substitutions; and no file says it is generated unless it is one of
 * the script's twins.
 */
class GeneratedTwinsTest {
    private static final Path SCRIPT = Path.of("scripts/gen-f64-twins.sh");
    private static final Path SOURCES = Path.of("src/main/java/org/sae4j");
    /** The script's sed program; the test applies the same substitutions below. */
    private static final String SED = "s/\\bfloat\\b/double/g; s/\\bF32/F64/g; s/\\bFloat/Double/g;"
            + " s/\\bsgemm\\b/dgemm/g; s/\\bfloats\\(\\)/doubles()/g; s/\\(double\\) //g";

    private static String twinOf(String source) {
        return source.replaceAll("\\bfloat\\b", "double").replaceAll("\\bF32", "F64").replaceAll("\\bFloat", "Double")
                .replaceAll("\\bsgemm\\b", "dgemm").replaceAll("\\bfloats\\(\\)", "doubles()")
                .replace("(double) ", "");
    }

    private static String banner(String sourceName) {
        return "// Generated from " + sourceName + " by engine/scripts/gen-f64-twins.sh; do not edit.\n";
    }

    /** The F32 sources the script's loop names, relative to {@link #SOURCES}. */
    private static List<String> sources(String script) {
        Matcher loop = Pattern.compile("for source in (.*?); do", Pattern.DOTALL).matcher(script);
        assertTrue(loop.find(), SCRIPT + " has no 'for source in ...; do' loop");
        return Stream.of(loop.group(1).replace("\\\n", " ").trim().split("\\s+")).collect(Collectors.toList());
    }

    @Test
    void everyTwinIsItsSourceWithTheScriptsSubstitutions() throws IOException {
        String script = Files.readString(SCRIPT);
        assertTrue(script.contains("sed -E '" + SED + "'"), SCRIPT + " must run exactly: sed -E '" + SED + "'");
        List<String> sources = sources(script);
        assertEquals(6, sources.size(), "the GEMM, its three kernels, the micro-kernel interface, the chunk kernel");
        for (String source : sources) {
            Path file = SOURCES.resolve(source);
            String name = file.getFileName().toString();
            assertTrue(name.startsWith("F32"), source + " is not an F32 source");
            Path twin = file.resolveSibling("F64" + name.substring(3));
            String expected = banner(name) + twinOf(Files.readString(file));
            assertEquals(expected, Files.readString(twin), twin + " drifted from " + file
                    + ": edit the F32 source and run engine/scripts/gen-f64-twins.sh");
        }
    }

    @Test
    void onlyTheTwinsSayTheyAreGenerated() throws IOException {
        List<String> twins = sources(Files.readString(SCRIPT)).stream()
                .map(s -> s.replaceFirst("F32([^/]*)$", "F64$1")).collect(Collectors.toList());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String relative = SOURCES.relativize(f).toString().replace('\\', '/');
                boolean generated = Files.readString(f).startsWith("// Generated from ");
                assertEquals(twins.contains(relative), generated, relative
                        + (generated ? " says it is generated but the script does not write it"
                                : " is a twin without the generated banner"));
                assertFalse(!generated && relative.matches(".*/F64[^/]*\\.java") && Files.exists(
                        f.resolveSibling("F32" + f.getFileName().toString().substring(3))),
                        relative + " has an F32 twin but is not generated from it");
            }
        }
    }
}
