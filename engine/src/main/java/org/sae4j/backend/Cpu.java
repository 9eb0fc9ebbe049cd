package org.sae4j.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processor this JVM runs on, as far as the OS tells: its model name and feature flags. Read from
 * {@code /proc/cpuinfo} on Linux; elsewhere the model is the architecture and the flags are unknown.
 */
public final class Cpu {

    private static final Cpu THIS_MACHINE = read(Path.of("/proc/cpuinfo"));

    private final String model;
    private final Set<String> flags;

    private Cpu(String model, Set<String> flags) {
        this.model = model;
        this.flags = Set.copyOf(flags);
    }

    /** A description of some processor, e.g. one that another machine reported. */
    public static Cpu of(String model, Set<String> flags) {
        return new Cpu(model, flags);
    }

    public static Cpu thisMachine() {
        return THIS_MACHINE;
    }

    /** E.g. {@code AMD EPYC 9B45} or {@code Intel(R) Xeon(R) Platinum 8581C CPU @ 2.10GHz}. */
    public String model() {
        return model;
    }

    /** Whether the OS lists this feature flag ({@code avx2}, {@code avx512f}, ...); false when unknown. */
    public boolean has(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /** The widest x86 vector extension the OS lists: {@code AVX-512}, {@code AVX2}, or empty. */
    public String vectorExtension() {
        if (has("avx512f")) {
            return "AVX-512";
        }
        return has("avx2") ? "AVX2" : "";
    }

    static Cpu read(Path cpuinfo) {
        String fallback = System.getProperty("os.arch", "unknown") + " processor";
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException | RuntimeException e) {
            return new Cpu(fallback, Set.of());
        }
        return parse(lines, fallback);
    }

    static Cpu parse(List<String> lines, String fallback) {
        String model = null;
        Set<String> flags = Set.of();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (model != null && !flags.isEmpty()) {
                    break; // the first processor tells all
                }
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (model == null && (key.equals("model name") || key.equals("Model") || key.equals("cpu model"))) {
                model = value;
            } else if (flags.isEmpty() && (key.equals("flags") || key.equals("Features"))) {
                flags = Set.of(value.toLowerCase(Locale.ROOT).split("\\s+"));
            }
        }
        return new Cpu(model == null || model.isEmpty() ? fallback : model, flags);
    }
}
