package org.sae4j.precision;

import java.util.Locale;

/** Floating-point precision of data, activations and matrix products. */
public enum Precision {
    /** 64-bit {@code double} everywhere. */
    F64,
    /** 32-bit {@code float} data, activations and products; cost and gradient accumulated in double. */
    F32;

    /** Parses {@code f64}/{@code float64}/{@code double} or {@code f32}/{@code float32}/{@code float}. */
    public static Precision parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "f64": case "float64": case "double": return F64;
            case "f32": case "float32": case "float": return F32;
            default: throw new IllegalArgumentException("precision must be f64 or f32, got '" + text + "'");
        }
    }

    /** The short lower-case name, {@code f64} or {@code f32}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
