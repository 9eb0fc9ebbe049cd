package org.sae4j.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.sae4j.autoencoder.BlockSums;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.parallel.Chunks;
import org.sae4j.precision.Precision;

/**
 * What a training run will hold on the heap, item by item, worked out before anything is allocated,
 * so that a run too large for the JVM stops at once with the largest items and the fixes, rather than
 * ending in a generic out-of-memory error after minutes of work.
 */
public final class MemoryEstimate {

    /** One thing the run holds. */
    public record Item(String what, long bytes) {
    }

    private final List<Item> items;

    private MemoryEstimate(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * @param lbfgsHistory L-BFGS pairs kept, or 0 for gradient descent
     * @param checkpoints  whether the optimiser's state is copied for checkpoints
     */
    public static MemoryEstimate of(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings,
                                    int lbfgsHistory, boolean checkpoints) {
        long v = config.visible();
        long h = config.hidden();
        int samples = data.samples();
        long m = samples;
        long n = config.parameterCount();
        int element = settings.precision() == Precision.F64 ? Double.BYTES : Float.BYTES;
        Chunks plan = Chunks.of(samples, settings.chunkSizeFor(samples, config.visible(), config.hidden()));
        long chunk = plan.largest();
        long chunks = plan.count();
        long workers = Math.min(settings.threads(), chunks);
        long cache = h * m * element;
        boolean cached = BlockSums.cachesActivations(config, samples, settings);
        List<Item> items = new ArrayList<>();
        String stored = data.storedType().shortName();
        if (data.mappedFile().isPresent()) {
            items.add(new Item(String.format(Locale.ROOT, "the data (%d x %d, %s, mapped from %s, %s read in place:"
                    + " not on the heap)", v, m, stored, data.mappedFile().get(), size(data.storedBytes())), 0));
        } else {
            items.add(new Item(String.format(Locale.ROOT, "the data (%d x %d, %s)", v, m, stored),
                    data.heapBytesIn(settings.precision())));
        }
        if (cached) {
            items.add(new Item(String.format(Locale.ROOT, "the activation cache (%d x %d)", h, m), cache));
        }
        long readerBuffer = data.readsInPlace() ? 0 : v * chunk * (element + data.storedType().bytes());
        long perWorker = ((cached ? 0 : h * chunk) + v * chunk + h * chunk + 2 * h * v) * element
                + (h + v) * Double.BYTES + readerBuffer;
        items.add(new Item(workers + " worker workspaces", workers * perWorker));
        items.add(new Item("the parameters and gradient in the objective", n * (element + Double.BYTES)
                + chunks * (h + 1) * Double.BYTES));
        if (lbfgsHistory > 0) {
            items.add(new Item(String.format(Locale.ROOT, "the L-BFGS history (2 x %d x %d doubles)", lbfgsHistory, n),
                    2L * lbfgsHistory * n * Double.BYTES));
        }
        items.add(new Item("the optimiser's vectors", 6L * n * Double.BYTES));
        if (checkpoints) {
            items.add(new Item("the copy of the optimiser's state for a checkpoint",
                    (2L * lbfgsHistory + 3) * n * Double.BYTES));
        }
        return new MemoryEstimate(items);
    }

    /**
     * The heap a run on {@code data} may use: what the JVM may still allocate, plus what the data already
     * hold (the estimate counts them as one of its items).
     */
    public static long heapAvailableBeside(Dataset data) {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory()) + data.heapBytes();
    }

    public List<Item> items() {
        return items;
    }

    public long totalBytes() {
        return items.stream().mapToLong(Item::bytes).sum();
    }

    /**
     * Throws when the estimate exceeds {@code heapBytes}, naming the largest items and what to do.
     *
     * @throws IllegalArgumentException with the message for the user
     */
    public void requireFits(long heapBytes) {
        long total = totalBytes();
        if (total <= heapBytes) {
            return;
        }
        List<Item> largest = new ArrayList<>(items);
        largest.sort(Comparator.comparingLong(Item::bytes).reversed());
        StringBuilder what = new StringBuilder();
        for (Item item : largest.subList(0, Math.min(3, largest.size()))) {
            what.append(what.length() == 0 ? "" : ", ").append(item.what()).append(' ').append(size(item.bytes()));
        }
        long suggestion = (long) Math.ceil(total * 1.25 / (1L << 30));
        throw new IllegalArgumentException("this run needs about " + size(total) + " but the JVM may use "
                + size(heapBytes) + ": " + what + "; give it more with JAVA_OPTS=-Xmx" + Math.max(1, suggestion)
                + "g, or use a smaller --history, --precision f32, or fewer samples (--limit)");
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MiB", Math.max(1, bytes >> 20));
    }
}
