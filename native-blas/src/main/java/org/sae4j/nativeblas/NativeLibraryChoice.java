package org.sae4j.nativeblas;

import java.util.List;
import java.util.Locale;

/**
 * Which native BLAS to load, from the system properties.
 *
 * <p>{@value #PROPERTY} is {@code bundled} (the OpenBLAS inside this jar), {@code system} (the OS's
 * {@code libblas.so.3}), or the path of a library file. Left unset, it means the bundled one where
 * this jar carries one for the platform, else the system one; if the bundled one cannot be unpacked
 * or loaded, the system one, with a warning that says why. netlib's own
 * {@code -Ddev.ludovic.netlib.blas.nativeLibPath} and {@code ...nativeLib} still work and name a
 * library explicitly, like a path here. An explicitly named library that does not load makes the
 * backend unavailable, with the reason: never a silent fallback to another library.
 *
 * @param kind     what to load
 * @param library  the path or name, for {@link Kind#PATH} and {@link Kind#NAME}
 * @param origin   the setting this came from, for messages
 */
record NativeLibraryChoice(Kind kind, String library, String origin) {

    /** The sae4j property that chooses the library. */
    static final String PROPERTY = "sae4j.native";

    enum Kind {
        /** Bundled if this jar has it for the platform, else the system library. */
        DEFAULT,
        BUNDLED,
        SYSTEM,
        /** A file path. */
        PATH,
        /** A library name for the loader to find (netlib's {@code nativeLib}). */
        NAME
    }

    /** Whether the library was named by netlib's own properties, which netlib then reads itself. */
    boolean fromNetlibProperty() {
        return origin.startsWith("-D" + NativeBlasLibrary.PATH_PROPERTY)
                || origin.startsWith("-D" + NativeBlasLibrary.NAME_PROPERTY);
    }

    /** Whether a failure may fall back to the next candidate. */
    boolean mayFallBack() {
        return kind == Kind.DEFAULT;
    }

    /**
     * The candidates in the order they are tried. The default tries the bundled library only where
     * this jar carries one, so that other platforms go to the system library without a warning.
     */
    List<Kind> candidates() {
        if (kind != Kind.DEFAULT) {
            return List.of(kind);
        }
        return BundledOpenBlas.forThisPlatform().isPresent() ? List.of(Kind.BUNDLED, Kind.SYSTEM) : List.of(Kind.SYSTEM);
    }

    static NativeLibraryChoice fromSystemProperties() {
        return parse(System.getProperty(PROPERTY), System.getProperty(NativeBlasLibrary.PATH_PROPERTY),
                System.getProperty(NativeBlasLibrary.NAME_PROPERTY));
    }

    /**
     * @throws IllegalArgumentException when two settings name different libraries
     */
    static NativeLibraryChoice parse(String sae4jNative, String netlibPath, String netlibName) {
        String own = blankToNull(sae4jNative);
        String path = blankToNull(netlibPath);
        String name = blankToNull(netlibName);
        if (own != null && (path != null || name != null)) {
            String netlib = path != null ? "-D" + NativeBlasLibrary.PATH_PROPERTY + "=" + path
                    : "-D" + NativeBlasLibrary.NAME_PROPERTY + "=" + name;
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + own + " and " + netlib
                    + " both choose the native BLAS; set only one");
        }
        if (path != null) {
            return new NativeLibraryChoice(Kind.PATH, path, "-D" + NativeBlasLibrary.PATH_PROPERTY);
        }
        if (name != null) {
            return new NativeLibraryChoice(Kind.NAME, name, "-D" + NativeBlasLibrary.NAME_PROPERTY);
        }
        if (own == null) {
            return new NativeLibraryChoice(Kind.DEFAULT, null, "the default (-D" + PROPERTY + " not set)");
        }
        String origin = "-D" + PROPERTY + "=" + own;
        switch (own.toLowerCase(Locale.ROOT)) {
            case "bundled": return new NativeLibraryChoice(Kind.BUNDLED, null, origin);
            case "system": return new NativeLibraryChoice(Kind.SYSTEM, null, origin);
            default: return new NativeLibraryChoice(Kind.PATH, own, origin);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
