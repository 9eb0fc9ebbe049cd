package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the build's own files say about the code, held to the code. */
class SourceTreeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @Test
    void noSourceFileImportsItsOwnPackage() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList();
        }
        assertTrue(files.size() > 100, "the main sources are found from " + ROOT + ": " + files.size());
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = PACKAGE.matcher(text);
            if (m.find() && Pattern.compile("^import " + Pattern.quote(m.group(1)) + "\\.\\w+;", Pattern.MULTILINE)
                    .matcher(text).find()) {
                found.add(ROOT.relativize(f).toString());
            }
        }
        assertEquals(List.of(), found, "files that import a class of their own package");
    }

    @Test
    void theCliModulesDescriptionNamesEveryCommand() throws IOException {
        String pom = Files.readString(ROOT.resolve("cli/pom.xml"));
        Matcher m = Pattern.compile("<description>(.*?)</description>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "cli/pom.xml has a description");
        String description = m.group(1);
        CommandLine sae = Sae.commandLine(new Environment(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false, false));
        for (String name : sae.getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertTrue(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(description).find(),
                        "cli/pom.xml's description names " + name + ": " + description);
            }
        }
    }
}
