package org.sae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's package map is the truth: every package of the main code has a row, imports
 * only what its row lists, and each row lists only packages of rows above it (so no package depends on
 * one below it and there is no cycle).
 */
class PackageMapTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\|[^|]*\\| ([^|]*) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.sae4j\\.((?:[a-z]\\w*\\.)+)[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.sae4j\\.([a-z.]+);", Pattern.MULTILINE);

    /** Package → the packages its row may import, in the table's order. */
    private static Map<String, Set<String>> map() throws IOException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
        String table = doc.substring(doc.indexOf("| package | module | owns | may import |"));
        for (String line : table.lines().skip(2).takeWhile(l -> l.startsWith("|")).collect(Collectors.toList())) {
            Matcher row = ROW.matcher(line);
            assertTrue(row.matches(), "not a row of four cells: " + line);
            Set<String> may = new TreeSet<>();
            Matcher names = NAME.matcher(row.group(2));
            while (names.find()) {
                may.add(names.group(1));
            }
            rows.put(row.group(1), may);
        }
        return rows;
    }

    /** Package → the other packages of org.sae4j its main sources name (imports, qualified names, links). */
    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java/org/sae4j")).filter(Files::isDirectory)
                    .collect(Collectors.toList())) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        assertTrue(sources.size() > 100, "found only " + sources.size() + " main sources under " + ROOT);
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher pkg = PACKAGE.matcher(text);
            assertTrue(pkg.find(), source + " has no package org.sae4j...");
            String own = pkg.group(1);
            Set<String> used = uses.computeIfAbsent(own, k -> new TreeSet<>());
            Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
            while (ref.find()) {
                String other = ref.group(1).substring(0, ref.group(1).length() - 1);
                if (!other.equals(own)) {
                    used.add(other);
                }
            }
        }
        return uses;
    }

    @Test
    void everyPackageImportsOnlyWhatTheMapAllows() throws IOException {
        Map<String, Set<String>> map = map();
        Map<String, Set<String>> uses = uses();
        assertEquals(uses.keySet(), new TreeSet<>(map.keySet()), "the packages of the main code against the rows"
                + " of docs/architecture.md");
        List<String> violations = new ArrayList<>();
        uses.forEach((pkg, used) -> {
            for (String other : used) {
                if (!map.get(pkg).contains(other)) {
                    violations.add(pkg + " imports " + other + ", which its row does not list");
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void eachRowListsOnlyRowsAboveIt() throws IOException {
        List<String> above = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> row : map().entrySet()) {
            for (String other : row.getValue()) {
                if (!above.contains(other)) {
                    violations.add(row.getKey() + " may import " + other + ", which is not above it");
                }
            }
            above.add(row.getKey());
        }
        assertEquals(List.of(), violations);
    }
}
