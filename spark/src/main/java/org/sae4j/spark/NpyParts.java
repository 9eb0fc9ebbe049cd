package org.sae4j.spark;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyRows;
import org.sae4j.data.ValueType;
import org.sae4j.precision.Precision;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Training data as NPY: one file (m, v), or a folder of NPY parts taken in file-name order, read through
 * Hadoop's {@link FileSystem} with the job's configuration, so that {@code hdfs://}, {@code s3a://} and
 * {@code file://} paths, and any file system the job's {@code spark.hadoop.*} settings name, all work.
 *
 * <p>The driver reads only the headers (the engine's checks: a 2-D C-order array of a supported dtype,
 * the file's length exactly what the shape says). The rows are then read by ranges of about
 * {@value #RANGE_BYTES} bytes, one task each, preferring the hosts that hold the range's file blocks, so
 * a single 100 GB file becomes hundreds of tasks; each range is cut into pieces of {@link SampleBlock}s by
 * global sample index. The blocks depend on the parts' order and contents, never on the cluster.
 */
public final class NpyParts {
    /** Bytes of rows per reading task. */
    public static final long RANGE_BYTES = 128L << 20;

    private NpyParts() {
    }

    /**
     * @param location     an NPY file or a folder of {@code *.npy} parts
     * @param blockSamples B, samples per block
     * @param partitions   partitions of consecutive blocks; 0 for {@link SampleBlocks#defaultPartitions}
     * @throws DataFileException naming the file (and part) when there is no part, a part is not a valid
     *                           2-D C-order NPY array, or the parts differ in their number of values per sample
     */
    public static JavaRDD<SampleBlock> read(JavaSparkContext spark, String location, Precision precision,
                                            int blockSamples, int partitions) throws IOException {
        return read(spark, location, precision, blockSamples, partitions, RANGE_BYTES);
    }

    /** The same, reading ranges of about {@code rangeBytes} bytes: for tests. */
    static JavaRDD<SampleBlock> read(JavaSparkContext spark, String location, Precision precision, int blockSamples,
                                     int partitions, long rangeBytes) throws IOException {
        Configuration conf = spark.hadoopConfiguration();
        List<String> parts = list(conf, location);
        List<NpyRows> layouts = new ArrayList<>();
        long[] offsets = new long[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            NpyRows rows = layout(conf, parts.get(p), p, parts.size());
            if (rows.features() != layouts.stream().findFirst().map(NpyRows::features).orElse(rows.features())) {
                throw new DataFileException(parts.get(p) + " (part " + p + " of " + location + "): "
                        + rows.features() + " values per sample, but part 0 (" + parts.get(0) + ") has "
                        + layouts.get(0).features());
            }
            layouts.add(rows);
            offsets[p + 1] = offsets[p] + rows.samples();
        }
        SampleBlocks.Layout layout = new SampleBlocks.Layout(offsets, layouts.get(0).features());
        SampleBlocks.requireBlockFits(layout.features(), blockSamples);
        int p = partitions > 0 ? partitions : SampleBlocks.defaultPartitions(layout, precision, blockSamples);
        Broadcast<JobConfiguration> job = spark.broadcast(new JobConfiguration(conf));
        JavaRDD<SampleBlock> blocks = SampleBlocks.fromPieces(ranges(spark, parts, layouts, offsets, rangeBytes)
                .flatMap(r -> SampleBlocks.pieces(r.read(job.value().get(), precision), r.global(), blockSamples)
                        .iterator()), layout.blocks(blockSamples), p);
        // the blocks are computed once; the ranges are read again only if a block is lost
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        blocks.count();
        return blocks;
    }

    /** One task's rows: {@code count} rows of a part from row {@code first}, sample {@code global} of the set. */
    record Range(String file, int part, int parts, ValueType type, boolean bigEndian, int features, long dataOffset,
                 long first, int count, long global) implements Serializable {

        NpyRows rows() {
            return new NpyRows(file + " (part " + part + " of " + parts + ")", type,
                    bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, count, features, dataOffset);
        }

        /** Reads the range's bytes and makes them one block (its values checked finite). */
        SampleBlock read(Configuration conf, Precision precision) throws IOException {
            NpyRows rows = rows();
            byte[] bytes = new byte[Math.toIntExact(count * rows.rowBytes())];
            Path path = new Path(file);
            try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
                in.readFully(rows.offsetOf(first), bytes);
            } catch (EOFException e) {
                throw new DataFileException(rows.source() + ": the file ended before rows " + first + " to "
                        + (first + count) + "; it changed after the driver read its header");
            } catch (IOException e) {
                throw new UncheckedIOException(rows.source() + ": " + e.getMessage(), e);
            }
            Dataset data = rows.rows(bytes, count);
            try {
                data.requireFinite(rows.source() + " rows " + first + ".." + (first + count - 1));
            } catch (IllegalArgumentException e) {
                throw new DataFileException(e.getMessage(), e);
            }
            return SampleBlock.of(0, data, 0, count, precision);
        }
    }

    /** The ranges of every part, one partition each, preferring the hosts of their file blocks. */
    static JavaRDD<Range> ranges(JavaSparkContext spark, List<String> parts, List<NpyRows> layouts, long[] offsets,
                                 long rangeBytes) throws IOException {
        List<Tuple2<Range, scala.collection.immutable.Seq<String>>> located = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            NpyRows rows = layouts.get(p);
            int perRange = (int) Math.max(1, Math.min(Integer.MAX_VALUE / rows.features(), rangeBytes / rows.rowBytes()));
            Path path = new Path(parts.get(p));
            FileSystem fs = path.getFileSystem(spark.hadoopConfiguration());
            FileStatus status = fs.getFileStatus(path);
            for (long first = 0; first < rows.samples(); first += perRange) {
                int count = (int) Math.min(perRange, rows.samples() - first);
                Range r = new Range(parts.get(p), p, parts.size(), rows.type(), rows.order() == ByteOrder.BIG_ENDIAN,
                        rows.features(), rows.dataOffset(), first, count, offsets[p] + first);
                located.add(new Tuple2<>(r, CollectionConverters.asScala(hosts(fs, status, rows.offsetOf(first),
                        count * rows.rowBytes())).toList()));
            }
        }
        ClassTag<Range> tag = ClassTag$.MODULE$.apply(Range.class);
        return JavaRDD.fromRDD(spark.sc().makeRDD(CollectionConverters.asScala(located).toList(), tag), tag);
    }

    /** The hosts holding the bytes [from, from + length) of a file; none on the local file system. */
    private static List<String> hosts(FileSystem fs, FileStatus file, long from, long length) throws IOException {
        if ("file".equals(fs.getScheme())) {
            return List.of();
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (BlockLocation b : fs.getFileBlockLocations(file, from, length)) {
            hosts.addAll(Arrays.asList(b.getHosts()));
        }
        return new ArrayList<>(hosts);
    }

    /** Part {@code index}'s header, read on the driver. */
    static NpyRows layout(Configuration conf, String file, int index, int parts) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        long size = fs.getFileStatus(path).getLen();
        try (FSDataInputStream in = fs.open(path); SeekableByteChannel ch = new StreamChannel(in, size)) {
            return NpyReader.rowLayout(ch, parts == 1 ? file : file + " (part " + index + " of " + parts + ")");
        }
    }

    /**
     * The NPY files at {@code location}: itself, or the {@code *.npy} files in it by name (not the hidden
     * ones, whose names start with {@code .} or {@code _}, as Hadoop's writers leave them).
     */
    static List<String> list(Configuration conf, String location) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new DataFileException(location + ": not found");
        }
        if (!status.isDirectory()) {
            return List.of(status.getPath().toString());
        }
        List<String> parts = new ArrayList<>();
        Arrays.stream(fs.listStatus(path))
                .filter(s -> s.isFile() && s.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".npy")
                        && !s.getPath().getName().startsWith(".") && !s.getPath().getName().startsWith("_"))
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .forEach(s -> parts.add(s.getPath().toString()));
        if (parts.isEmpty()) {
            throw new DataFileException(location + ": a folder without NPY parts (*.npy)");
        }
        return parts;
    }

    /** A Hadoop stream as the read-only seekable channel the engine's NPY header reader takes. */
    private static final class StreamChannel implements SeekableByteChannel {
        private final FSDataInputStream in;
        private final long size;
        private long position;

        StreamChannel(FSDataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= size) {
                return -1;
            }
            byte[] b = new byte[(int) Math.min(dst.remaining(), size - position)];
            in.seek(position);
            int n = in.read(b, 0, b.length);
            if (n > 0) {
                dst.put(b, 0, n);
                position += n;
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the stream is closed by its owner
        }
    }
}
