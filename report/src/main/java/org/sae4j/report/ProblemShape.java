package org.sae4j.report;

import java.util.Locale;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.deep.StackedNetwork;

/**
 * A benchmark problem: one of the named autoencoder shapes A, B, C, or {@code VxHxM} (e.g. {@code 16x8x500});
 * or a stacked network's fine-tuning, {@code V-H-...-KxM} (inputs, layers, classes, samples: e.g.
 * {@code 784-200-200-10x60000}), for which {@code hidden} is the first layer's width.
 *
 * @param network the stacked network, or null for an autoencoder
 */
public record ProblemShape(String name, int visible, int hidden, int samples, StackedNetwork network) {
    /** The fine-tuning weight decay of a network shape, UFLDL's. */
    static final double NETWORK_LAMBDA = 1e-4;

    /** An autoencoder shape. */
    public ProblemShape(String name, int visible, int hidden, int samples) {
        this(name, visible, hidden, samples, null);
    }

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
        long parameters = network != null ? network.parameterCount() * 8L * 4
                : (2L * visible * hidden + visible + hidden) * 8 * 4;
        return data + activations + parameters;
    }

    /** The products of one evaluation, on all the samples at once: what the OpenBLAS bound times. */
    public GemmWorkload workload(boolean single) {
        if (network == null) {
            return GemmWorkload.layerPair(visible, hidden, samples, single);
        }
        int[] levels = new int[network.depth() + 2];
        for (int l = 0; l <= network.depth(); l++) {
            levels[l] = network.width(l);
        }
        levels[levels.length - 1] = network.classes();
        return GemmWorkload.stack(levels, samples, single);
    }

    /** The shape in the form {@link #parse} reads, whatever its name. */
    public String spec() {
        if (network == null) {
            return visible + "x" + hidden + "x" + samples;
        }
        StringBuilder b = new StringBuilder().append(network.inputs());
        for (int w : network.widths()) {
            b.append('-').append(w);
        }
        return b.append('-').append(network.classes()).append('x').append(samples).toString();
    }

    public static ProblemShape parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.contains("-")) {
            return parseNetwork(text.trim());
        }
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

    private static ProblemShape parseNetwork(String text) {
        String[] sizes = text.toLowerCase(Locale.ROOT).split("x");
        String[] levels = sizes[0].split("-");
        try {
            if (sizes.length == 2 && levels.length >= 3) {
                int[] widths = new int[levels.length - 2];
                for (int l = 0; l < widths.length; l++) {
                    widths[l] = Integer.parseInt(levels[l + 1]);
                }
                StackedNetwork net = new StackedNetwork(Integer.parseInt(levels[0]), widths,
                        Integer.parseInt(levels[levels.length - 1]), NETWORK_LAMBDA);
                return new ProblemShape(text.toLowerCase(Locale.ROOT), net.inputs(), widths[0],
                        Integer.parseInt(sizes[1]), net);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network shape '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown shape '" + text + "': a network is V-H-...-KxM such as"
                + " 784-200-200-10x60000");
    }

    @Override
    public String toString() {
        return network == null ? name + " (v=" + visible + ", h=" + hidden + ", m=" + samples + ")"
                : name + " (network " + network.toString().replaceAll(" \\(.*", "") + ", m=" + samples + ")";
    }
}
