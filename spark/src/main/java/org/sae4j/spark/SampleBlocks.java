package org.sae4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;
import scala.Tuple2;

/** Cuts a training set into {@link SampleBlock}s: block b holds samples [bB, (b + 1)B). */
public final class SampleBlocks {
    /** Samples per block unless told otherwise: a few MB of f64 for typical patch sizes. */
    public static final int DEFAULT_BLOCK_SAMPLES = 4096;
    /** The most values one block holds: it is one Java array. */
    public static final long MAX_BLOCK_VALUES = Integer.MAX_VALUE - 8;
    /** The bytes of samples per partition that {@link #defaultPartitions} aims at. */
    public static final long TARGET_PARTITION_BYTES = 64L << 20;

    private SampleBlocks() {
    }

    /**
     * The blocks of a data set on the driver, in {@code partitions} partitions of consecutive blocks. The
     * data goes to the executors once, through a shuffle: the blocks' RDD then has light partitions, so a
     * task does not carry its partition's data again in every evaluation (as an RDD made by
     * {@code parallelize} would), and lost cached blocks are recovered from the shuffle's files or, failing
     * those, from the driver's copy.
     *
     * @param blockSamples B, samples per block (the last block may hold fewer)
     */
    public static JavaRDD<SampleBlock> of(JavaSparkContext spark, Dataset data, Precision precision, int blockSamples,
                                          int partitions) {
        if (blockSamples < 1 || partitions < 1) {
            throw new IllegalArgumentException("block samples and partitions must be >= 1, got " + blockSamples
                    + " and " + partitions);
        }
        requireBlockFits(data.features(), blockSamples);
        List<Tuple2<Integer, Tuple2<Long, SampleBlock>>> blocks = new ArrayList<>();
        for (int from = 0, b = 0; from < data.samples(); from += blockSamples, b++) {
            blocks.add(new Tuple2<>(b, new Tuple2<>((long) from,
                    SampleBlock.of(b, data, from, Math.min(blockSamples, data.samples() - from), precision))));
        }
        return fromPieces(spark.parallelize(blocks, Math.min(partitions, blocks.size())), blocks.size(), partitions);
    }

    /**
     * The blocks of samples that are already distributed, one {@code float[]} of {@code features}
     * values per sample, in the RDD's order (f32), as {@link #cut} makes them.
     */
    public static JavaRDD<SampleBlock> ofSamples(JavaRDD<float[]> samples, int features, int blockSamples,
                                                 int partitions) {
        if (blockSamples < 1 || partitions < 1 || features < 1) {
            throw new IllegalArgumentException("features, block samples and partitions must be >= 1, got "
                    + features + ", " + blockSamples + " and " + partitions);
        }
        Layout layout = layout(samples, s -> s.length);
        return cut(samples, new Layout(layout.offsets(), features), Precision.F32, blockSamples, partitions,
                (sample, row, d, f, at) -> {
                    if (sample.length != features) {
                        throw new IllegalArgumentException("sample " + row + " has " + sample.length
                                + " values, expected " + features);
                    }
                    System.arraycopy(sample, 0, f, at, features);
                });
    }

    /** Samples counted: partition p holds samples [offsets[p], offsets[p + 1]); each has {@code features} values. */
    public record Layout(long[] offsets, int features) implements Serializable {
        public long samples() {
            return offsets[offsets.length - 1];
        }

        public int blocks(int blockSamples) {
            return (int) ((samples() + blockSamples - 1) / blockSamples);
        }
    }

    /** The width of one sample, or -1 for a sample that has none (a null). */
    @FunctionalInterface
    public interface Width<T> extends Serializable {
        int of(T sample);
    }

    /** Copies sample {@code row} of the whole set into {@code d} (f64) or {@code f} (f32), from {@code at}. */
    @FunctionalInterface
    public interface Copier<T> extends Serializable {
        void copy(T sample, long row, double[] d, float[] f, int at);
    }

    /**
     * One job: the samples in each partition, and the width of the first sample found (the copier
     * checks every other).
     *
     * @throws IllegalArgumentException if there are no samples
     */
    public static <T> Layout layout(JavaRDD<T> samples, Width<T> width) {
        List<long[]> counts = samples.mapPartitionsWithIndex((Integer p, Iterator<T> it) -> {
            long n = 0;
            int w = -1;
            while (it.hasNext()) {
                T sample = it.next();
                if (w < 0) {
                    w = width.of(sample);
                }
                n++;
            }
            return List.of(new long[] {p, n, w}).iterator();
        }, true).collect();
        long[] offsets = new long[counts.size() + 1];
        int features = -1;
        for (long[] c : counts) {
            offsets[(int) c[0] + 1] = c[1];
            if (features < 0 && c[2] >= 0) {
                features = (int) c[2];
            }
        }
        for (int p = 0; p < counts.size(); p++) {
            offsets[p + 1] += offsets[p];
        }
        if (offsets[counts.size()] == 0) {
            throw new IllegalArgumentException("the data hold no samples");
        }
        return new Layout(offsets, features);
    }

    /**
     * The blocks of samples already distributed, in the RDD's order, with no shuffle of single samples
     * (the RDD is read twice, for the count and for the cut, and must give the same samples in the same
     * order both times: persist one that comes out of a shuffle, whose order may vary):
     * each partition cuts its run of consecutive samples at the block boundaries, and only those pieces
     * (at most one more than the blocks a partition touches) are gathered into blocks, in
     * {@code partitions} partitions of consecutive blocks.
     */
    public static <T> JavaRDD<SampleBlock> cut(JavaRDD<T> samples, Layout layout, Precision precision,
                                               int blockSamples, int partitions, Copier<T> copier) {
        int v = layout.features();
        requireBlockFits(v, blockSamples);
        long[] offsets = layout.offsets();
        JavaRDD<Tuple2<Integer, Tuple2<Long, SampleBlock>>> pieces = samples.mapPartitionsWithIndex(
                (Integer p, Iterator<T> it) -> {
                    List<Tuple2<Integer, Tuple2<Long, SampleBlock>>> out = new ArrayList<>();
                    for (long global = offsets[p]; global < offsets[p + 1]; ) {
                        int block = (int) (global / blockSamples);
                        int count = (int) Math.min(offsets[p + 1] - global, (long) (block + 1) * blockSamples - global);
                        double[] d = precision == Precision.F64 ? new double[count * v] : null;
                        float[] f = d == null ? new float[count * v] : null;
                        for (int s = 0; s < count; s++) {
                            // SQL's row iterators read ahead only in hasNext
                            if (!it.hasNext()) {
                                throw new IllegalStateException("partition " + p + " holds fewer samples than when"
                                        + " counted: the input must give the same rows each time it is read");
                            }
                            copier.copy(it.next(), global + s, d, f, s * v);
                        }
                        out.add(new Tuple2<>(block, new Tuple2<>(global, d != null
                                ? SampleBlock.ofDoubles(0, v, count, d) : SampleBlock.ofFloats(0, v, count, f))));
                        global += count;
                    }
                    if (it.hasNext()) {
                        throw new IllegalStateException("partition " + p + " holds more samples than when counted:"
                                + " the input must give the same rows each time it is read");
                    }
                    return out.iterator();
                }, true);
        return fromPieces(pieces, layout.blocks(blockSamples), partitions);
    }

    /** Fails unless a block of {@code blockSamples} samples of {@code features} values fits in one array. */
    public static void requireBlockFits(int features, int blockSamples) {
        if ((long) features * blockSamples > MAX_BLOCK_VALUES) {
            throw new IllegalArgumentException("a block of " + blockSamples + " samples of " + features
                    + " values would hold more than " + MAX_BLOCK_VALUES + " values; use blocks of at most "
                    + MAX_BLOCK_VALUES / features + " samples");
        }
    }

    /**
     * The partitions of a training set unless told otherwise: from the data alone (about
     * {@value #TARGET_PARTITION_BYTES} bytes of samples each, whole blocks), never from the cluster, so
     * that the sums, hence the bits, are the same on any cluster.
     */
    public static int defaultPartitions(Layout layout, Precision precision, int blockSamples) {
        long bytes = layout.samples() * layout.features() * (precision == Precision.F64 ? 8L : 4L);
        long wanted = (bytes + TARGET_PARTITION_BYTES - 1) / TARGET_PARTITION_BYTES;
        return (int) Math.max(1, Math.min(layout.blocks(blockSamples), wanted));
    }

    /**
     * The pieces of {@code part}, whose first sample is sample {@code offset} of the whole set, keyed by
     * the block each belongs to, with the global index of its first sample.
     */
    static List<Tuple2<Integer, Tuple2<Long, SampleBlock>>> pieces(SampleBlock part, long offset, int blockSamples) {
        List<Tuple2<Integer, Tuple2<Long, SampleBlock>>> pieces = new ArrayList<>();
        int from = 0;
        while (from < part.samples()) {
            long global = offset + from;
            int block = (int) (global / blockSamples);
            int count = (int) Math.min(part.samples() - from, (long) (block + 1) * blockSamples - global);
            SampleBlock piece = count == part.samples() ? part : part.slice(0, from, count);
            pieces.add(new Tuple2<>(block, new Tuple2<>(global, piece)));
            from += count;
        }
        return pieces;
    }

    /**
     * Gathers pieces keyed by block (with the global index of their first sample) into the blocks, in
     * {@code partitions} partitions of consecutive blocks, each partition in block order.
     */
    static JavaRDD<SampleBlock> fromPieces(JavaRDD<Tuple2<Integer, Tuple2<Long, SampleBlock>>> pieces, int blocks,
                                           int partitions) {
        return pieces.mapToPair(p -> p)
                .groupByKey(new BlockPartitioner(Math.min(partitions, blocks), blocks))
                .mapPartitions(groups -> {
                    List<Tuple2<Integer, Iterable<Tuple2<Long, SampleBlock>>>> inPartition = new ArrayList<>();
                    groups.forEachRemaining(inPartition::add);
                    inPartition.sort(Comparator.comparing(Tuple2::_1));
                    List<SampleBlock> out = new ArrayList<>();
                    for (Tuple2<Integer, Iterable<Tuple2<Long, SampleBlock>>> group : inPartition) {
                        List<Tuple2<Long, SampleBlock>> members = new ArrayList<>();
                        group._2().forEach(members::add);
                        members.sort(Comparator.comparing(Tuple2::_1));
                        List<SampleBlock> ordered = new ArrayList<>();
                        members.forEach(m -> ordered.add(m._2()));
                        out.add(ordered.size() == 1 && ordered.get(0).index() == group._1() ? ordered.get(0)
                                : SampleBlock.concatenate(group._1(), ordered));
                    }
                    return out.iterator();
                }, true);
    }

    /** Consecutive blocks to each partition, in order (with as many partitions as blocks, block b to partition b). */
    static final class BlockPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final int blocks;

        BlockPartitioner(int partitions, int blocks) {
            this.partitions = partitions;
            this.blocks = blocks;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((long) (Integer) key * partitions / blocks);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockPartitioner p && p.partitions == partitions && p.blocks == blocks;
        }

        @Override
        public int hashCode() {
            return 31 * partitions + blocks;
        }
    }
}
