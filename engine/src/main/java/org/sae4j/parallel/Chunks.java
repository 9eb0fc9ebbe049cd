package org.sae4j.parallel;

/**
 * How {@code samples} samples are cut into {@code count} consecutive chunks of near-equal size: chunk
 * {@code c} covers {@code [⌊c·m/count⌋, ⌊(c+1)·m/count⌋)}, so sizes differ by at most one (10 000
 * samples at most 512 a chunk are 20 chunks of 500, not 19 of 512 and one of 272). Equal chunks end
 * at about the same time, so the last round of a parallel evaluation waits for no straggler. The cut
 * depends on the samples and the largest chunk only, never on the threads, so sums reduced in chunk
 * order have the same bits on any number of threads.
 *
 * @param samples the samples cut, ≥ 1
 * @param count   the number of chunks, in [1, samples]
 */
public record Chunks(int samples, int count) {

    public Chunks {
        if (samples < 1) {
            throw new IllegalArgumentException("chunks of an empty set: samples must be >= 1, got " + samples);
        }
        if (count < 1 || count > samples) {
            throw new IllegalArgumentException("chunk count must be in [1, " + samples + "], got " + count);
        }
    }

    /** The fewest near-equal chunks of at most {@code maxChunkSize} samples each. */
    public static Chunks of(int samples, int maxChunkSize) {
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + maxChunkSize);
        }
        return new Chunks(samples, (int) ((samples + (long) maxChunkSize - 1) / maxChunkSize));
    }

    /** The first sample of chunk {@code c}. */
    public int first(int c) {
        return (int) ((long) c * samples / count);
    }

    /** The samples of chunk {@code c}. */
    public int size(int c) {
        return first(c + 1) - first(c);
    }

    /** The size of the largest chunk: what a workspace must hold. */
    public int largest() {
        return (int) ((samples + (long) count - 1) / count);
    }
}
