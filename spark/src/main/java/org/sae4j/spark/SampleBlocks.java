package org.sae4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
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
        List<Tuple2<Integer, Tuple2<Long, SampleBlock>>> blocks = new ArrayList<>();
        for (int from = 0, b = 0; from < data.samples(); from += blockSamples, b++) {
            blocks.add(new Tuple2<>(b, new Tuple2<>((long) from,
                    SampleBlock.of(b, data, from, Math.min(blockSamples, data.samples() - from), precision))));
        }
        return fromPieces(spark.parallelize(blocks, Math.min(partitions, blocks.size())), blocks.size(), partitions);
    }

    /**
     * The blocks of samples that are already distributed, one {@code float[]} of {@code features}
     * values per sample, in the RDD's order: one count, then one shuffle that puts each sample in its
     * block and the blocks, in order, into {@code partitions} partitions of consecutive blocks (f32).
     */
    public static JavaRDD<SampleBlock> ofSamples(JavaRDD<float[]> samples, int features, int blockSamples,
                                                 int partitions) {
        if (blockSamples < 1 || partitions < 1 || features < 1) {
            throw new IllegalArgumentException("features, block samples and partitions must be >= 1, got "
                    + features + ", " + blockSamples + " and " + partitions);
        }
        long count = samples.count();
        int blocks = (int) ((count + blockSamples - 1) / blockSamples);
        if (blocks == 0) {
            throw new IllegalArgumentException("the RDD holds no samples");
        }
        return fromPieces(samples.zipWithIndex().map(p -> {
            if (p._1().length != features) {
                throw new IllegalArgumentException("sample " + p._2() + " has " + p._1().length + " values, expected "
                        + features);
            }
            return new Tuple2<>((int) (p._2() / blockSamples),
                    new Tuple2<>(p._2(), SampleBlock.ofFloats(0, features, 1, p._1().clone())));
        }), blocks, partitions);
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
            pieces.add(new Tuple2<>(block, new Tuple2<>(global, part.slice(0, from, count))));
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

    /** Consecutive blocks to each partition, in order. */
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
