package org.sae4j.nativeblas;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sae4j.backend.Cpu;

/**
 * Which kernel family ("core") a loaded OpenBLAS runs, and whether it is one of the generic fallbacks
 * that an OpenBLAS older than the CPU picks: those run matrix products 4–5× slower than the kernel
 * for a CPU with AVX2 or AVX-512.
 *
 * <p>On JDK 22+ OpenBLAS is asked ({@code openblas_get_corename}). JDK 17–21 cannot ask; there the
 * core is known only when {@code OPENBLAS_CORETYPE} forces it, and measuring ({@code auto}) catches a
 * slow kernel anyway.
 *
 * @param name   the core, e.g. {@code Haswell}, or empty when unknown
 * @param source how it is known: {@code openblas_get_corename}, {@code OPENBLAS_CORETYPE}, or why not
 */
record OpenBlasCore(Optional<String> name, String source) {

    /** The variable with which OpenBLAS's DYNAMIC_ARCH builds can be told their core. */
    static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

    /** Cores without AVX2 kernels (OpenBLAS's names, lower case). */
    private static final Set<String> GENERIC = Set.of("katmai", "coppermine", "northwood", "prescott", "banias",
            "atom", "core2", "penryn", "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona",
            "shanghai", "istanbul", "bobcat", "nano", "sandybridge", "generic");

    private static final Pattern CONFIG_VERSION = Pattern.compile("OpenBLAS (\\d+\\.\\d+(?:\\.\\d+)?)");

    /** What {@code openblas_get_corename} answered; {@code coretype} is the variable's value, if set. */
    static OpenBlasCore asked(String corename, String coretype) {
        boolean forced = coretype != null && !coretype.isBlank();
        return new OpenBlasCore(Optional.of(corename), forced ? CORETYPE_VARIABLE : "openblas_get_corename");
    }

    /** What can be told without asking OpenBLAS: the environment variable, if set. */
    static OpenBlasCore fromEnvironment(String coretype) {
        if (coretype != null && !coretype.isBlank()) {
            return new OpenBlasCore(Optional.of(coretype.strip()), CORETYPE_VARIABLE);
        }
        return new OpenBlasCore(Optional.empty(), "JDK " + Runtime.version().feature()
                + " cannot ask OpenBLAS (JDK 22+ can)");
    }

    /** Whether this is a generic fallback core on a CPU that could run a far faster one. */
    boolean genericOn(Cpu cpu) {
        return name.isPresent() && GENERIC.contains(name.get().toLowerCase(Locale.ROOT))
                && !cpu.vectorExtension().isEmpty();
    }

    /** E.g. {@code core Haswell}, {@code core Prescott (set by OPENBLAS_CORETYPE)}, {@code core unknown (...)}. */
    String describe() {
        if (name.isEmpty()) {
            return "core unknown (" + source + ")";
        }
        return "core " + name.get() + (source.equals(CORETYPE_VARIABLE) ? " (set by " + CORETYPE_VARIABLE + ")" : "");
    }

    /** The release in an {@code openblas_get_config()} string. */
    static Optional<String> versionInConfig(String config) {
        Matcher m = CONFIG_VERSION.matcher(config);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
