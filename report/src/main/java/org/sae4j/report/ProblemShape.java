package org.sae4j.report;

import java.util.Locale;

/** A benchmark problem: one of the named shapes A, B, C, or {@code VxHxM} (e.g. {@code 16x8x500}). */
public record ProblemShape(String name, int visible, int hidden, int samples) {

    public ProblemShape {
        if (visible < 1 || hidden < 1 || samples < 1) {
            throw new IllegalArgumentException("shape " + name + ": sizes must be >= 1");
        }
        long largest = Math.max((long) visible * samples, Math.max((long) hidden * samples, (long) hidden * visible));
        if (largest > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + name + ": a " + visible + " x " + hidden + " x " + samples
                    + " problem has matrices larger than a Java array can hold");
        }
    }

    /**
     * About what one evaluation of this shape needs on the heap: the data in float and double, the
     * hidden activations, and two copies of θ and its gradient.
     */
    public long bytesNeeded() {
        long data = (long) visible * samples * (4 + 8);
        long activations = (long) hidden * samples * 8;
        long parameters = (2L * visible * hidden + visible + hidden) * 8 * 4;
        return data + activations + parameters;
    }

    public static ProblemShape parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Shape s : Shape.values()) {
            if (s.name().equals(t)) {
                return new ProblemShape(s.name(), s.visible, s.hidden, s.samples);
            }
        }
        String[] parts = t.split("X");
        if (parts.length == 3) {
            try {
                return new ProblemShape(t.toLowerCase(Locale.ROOT), Integer.parseInt(parts[0]),
                        Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown shape '" + text + "': expected A, B, C or VxHxM such as 64x25x10000");
    }

    @Override
    public String toString() {
        return name + " (v=" + visible + ", h=" + hidden + ", m=" + samples + ")";
    }
}
