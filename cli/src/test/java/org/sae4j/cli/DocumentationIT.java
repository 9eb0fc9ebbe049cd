package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation keeps its promises: the README stays short and its two set-up commands are the ones
 * CI and the build run; every relative link and anchor in the README and {@code docs/} resolves; and
 * every shell block marked {@code ```sh runnable} works, run in order, one scratch folder per document
 * (beside a link to {@code ../shared}, as in the repository), with {@code ./sae} from this build.
 */
class DocumentationIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SHARED = Path.of(System.getProperty("sae4j.shared",
            ROOT.resolve("../shared").toString())).toAbsolutePath().normalize();
    private static final Pattern FENCE = Pattern.compile("^```([^\\n]*)\\n(.*?)^```$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|src=\"([^\"]+)\"");
    private static final int README_LINES = 250;

    /** The documents' scratch folders; JUnit removes it, and the links in it, afterwards. */
    @TempDir
    static Path scratchRoot;

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theReadmeIsShortAndItsTwoCommandsAreTheBuildsAndCis() throws IOException {
        String readme = read(ROOT.resolve("README.md"));
        long lines = readme.lines().count();
        assertTrue(lines <= README_LINES, "README.md has " + lines + " lines; move detail into docs/ (at most "
                + README_LINES + ")");
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(readme.substring(readme.indexOf("## Quick start")));
        while (m.find() && blocks.size() < 2) {
            blocks.add(m.group(2).strip());
        }
        assertEquals(List.of("mvn -B -q -DskipTests package && ./sae demo", "mvn -B verify"), blocks,
                "the Quick start's two commands");
        String ci = read(ROOT.resolve(".ci/run"));
        assertTrue(ci.lines().anyMatch(l -> l.strip().equals("mvn -B verify")),
                ".ci/run must run the README's test command, mvn -B verify");
        assertTrue(ci.contains("JAVA_HOME=$JDK25 mvn -B verify"), ".ci/run must run it on JDK 25 too");
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            String text = FENCE.matcher(read(doc)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                if (target.matches("^(https?|mailto):.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                String where = ROOT.relativize(doc) + " -> " + target;
                if (!Files.exists(file)) {
                    broken.add(where + ": no such file");
                } else if (hash >= 0 && file.toString().endsWith(".md")
                        && !anchors(read(file)).contains(target.substring(hash + 1))) {
                    broken.add(where + ": no such heading in " + ROOT.relativize(file));
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** The anchors GitHub gives headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String heading : FENCE.matcher(markdown).replaceAll("").lines()
                .filter(l -> l.matches("^#+\\s.*")).collect(Collectors.toList())) {
            String slug = heading.replaceFirst("^#+\\s+", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    @Test
    void anchorsAreWhatGitHubMakes() {
        assertEquals(Set.of("native-openblas-through-jni", "sae-demo", "sae-demo-1",
                "chunk-size-and-stores-xeon-3-december"), anchors("## `native`: OpenBLAS through JNI\n### `sae demo`\n```sh\n# not a heading\n```\n"
                        + "# `sae demo`\n## Chunk size and stores (Xeon, 3 December)\n"));
    }

    @TestFactory
    List<DynamicTest> theRunnableBlocksRun() throws IOException {
        Path sae = ROOT.resolve("sae");
        assumeTrue(Files.isRegularFile(ROOT.resolve("cli/target/sae.jar")), "needs the packaged sae.jar");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : documents()) {
            List<String> blocks = new ArrayList<>();
            Matcher m = FENCE.matcher(read(doc));
            while (m.find()) {
                if (m.group(1).strip().equals("sh runnable")) {
                    blocks.add(m.group(2));
                }
            }
            if (blocks.isEmpty()) {
                continue;
            }
            Path scratch = Files.createTempDirectory(scratchRoot, "doc-");
            Path work = Files.createDirectory(scratch.resolve("work"));
            Files.createSymbolicLink(work.resolve("sae"), sae);
            Files.createSymbolicLink(scratch.resolve("shared"), SHARED);
            for (int i = 0; i < blocks.size(); i++) {
                String block = blocks.get(i);
                String name = ROOT.relativize(doc) + " block " + (i + 1) + ": " + block.lines().findFirst().orElse("");
                tests.add(DynamicTest.dynamicTest(name, () -> run(block, work, name)));
            }
        }
        assertFalse(tests.isEmpty(), "the README and docs mark no block runnable");
        return tests;
    }

    private static void run(String block, Path work, String name) throws Exception {
        if (block.contains("../shared/")) {
            String message = "the block reads ../shared, which is missing: " + SHARED;
            if ("true".equals(System.getenv("CI"))) {
                assertTrue(Files.isDirectory(SHARED), message);
            } else {
                assumeTrue(Files.isDirectory(SHARED), message);
            }
        }
        Path log = Files.createTempFile(work, "block-", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SAE4J_CACHE", ROOT.resolve("cli/target/sae4j-cache").toString());
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, name + " did not finish in 180 s:\n" + output);
        assertEquals(0, p.exitValue(), name + " failed:\n" + block + "\n" + output);
    }
}
