package org.sae4j.backend.java;

import java.util.Locale;

/**
 * Block sizes of the packed GEMM, in elements: {@code kc} (depth of a packed slab), {@code mc} (rows of
 * a packed A block) and {@code nc} (columns of a packed B panel). The defaults were measured on the
 * development machine (Zen3, 32 KiB L1d, 512 KiB L2); a CPU with other cache sizes may want others,
 * so the system property {@value #PROPERTY} ({@code kc,mc,nc}) overrides them, the way OpenBLAS
 * builds take their blocking per target.
 */
public record GemmBlocking(int kc, int mc, int nc) {
    public static final String PROPERTY = "sae4j.java.blocking";
    public static final GemmBlocking DEFAULT = new GemmBlocking(384, 64, 1024);

    public GemmBlocking {
        if (kc < 1 || mc < 1 || nc < 1) {
            throw new IllegalArgumentException("GEMM block sizes must be positive, got kc=" + kc + " mc=" + mc
                    + " nc=" + nc);
        }
    }

    /** The blocking named by {@value #PROPERTY}, else {@link #DEFAULT}. */
    public static GemmBlocking fromProperty() {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT;
        }
        String[] parts = value.split(",");
        try {
            if (parts.length == 3) {
                return new GemmBlocking(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be three positive integers kc,mc,nc; got '"
                    + value + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be three positive integers kc,mc,nc; got '"
                + value + "'");
    }

    /** This blocking with mc and nc rounded up to whole micro-panels of {@code rows × columns}. */
    GemmBlocking fittedTo(int rows, int columns) {
        return new GemmBlocking(kc, roundUp(mc, rows), roundUp(nc, columns));
    }

    private static int roundUp(int size, int unit) {
        return (size + unit - 1) / unit * unit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "kc=%d mc=%d nc=%d", kc, mc, nc);
    }
}
