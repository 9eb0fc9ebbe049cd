package org.sae4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.precision.Precision;
import scala.Tuple2;

/**
 * Training data as NPY: one file (m, v), or a folder of NPY parts taken in file-name order, read through
 * Hadoop's {@link FileSystem} so that {@code hdfs://}, {@code s3a://} and {@code file://} paths all work.
 * Each part is read by an executor (copied to a local temporary file and read by the engine's
 * {@link NpyReader}, so the same checks apply), then cut into {@link SampleBlock}s by global sample
 * index: the blocks depend on the parts' order and contents, never on the cluster.
 */
public final class NpyParts {
    private NpyParts() {
    }

    /**
     * @param location     an NPY file or a folder of {@code *.npy} parts
     * @param blockSamples B, samples per block
     * @param partitions   partitions of consecutive blocks; 0 for {@link SampleBlocks#defaultPartitions}
     * @throws DataFileException naming the file (and part) when there is no part, a part is not a valid
     *                           2-D NPY array, or the parts differ in their number of values per sample
     */
    public static JavaRDD<SampleBlock> read(JavaSparkContext spark, String location, Precision precision,
                                            int blockSamples, int partitions) throws IOException {
        List<String> parts = list(spark.hadoopConfiguration(), location);
        Broadcast<JobConfiguration> conf = spark.broadcast(new JobConfiguration(spark.hadoopConfiguration()));
        JavaRDD<SampleBlock> read = spark.parallelize(indices(parts.size()), Math.max(1, parts.size()))
                .map(index -> readPart(parts, index, precision, conf.value().get()));
        read.cache();
        try {
            List<Tuple2<Integer, Integer>> shapes = read.map(p -> new Tuple2<>(p.samples(), p.features())).collect();
            long[] offsets = new long[parts.size() + 1];
            int features = shapes.get(0)._2();
            for (int p = 0; p < parts.size(); p++) {
                if (shapes.get(p)._2() != features) {
                    throw new DataFileException(parts.get(p) + " (part " + p + " of " + location + "): "
                            + shapes.get(p)._2() + " values per sample, but part 0 (" + parts.get(0) + ") has "
                            + features);
                }
                offsets[p + 1] = offsets[p] + shapes.get(p)._1();
            }
            SampleBlocks.Layout layout = new SampleBlocks.Layout(offsets, features);
            SampleBlocks.requireBlockFits(features, blockSamples);
            int p = partitions > 0 ? partitions : SampleBlocks.defaultPartitions(layout, precision, blockSamples);
            JavaRDD<SampleBlock> blocks = SampleBlocks.fromPieces(read.flatMap(part ->
                    SampleBlocks.pieces(part, offsets[part.index()], blockSamples).iterator()),
                    layout.blocks(blockSamples), p);
            // the blocks are computed once, then the parts may go
            blocks.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
            blocks.count();
            return blocks;
        } finally {
            read.unpersist(false);
        }
    }

    /** The NPY files at {@code location}: itself, or the {@code *.npy} files in it by name. */
    static List<String> list(Configuration conf, String location) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            throw new DataFileException(location + ": not found");
        }
        if (!status.isDirectory()) {
            return List.of(status.getPath().toString());
        }
        List<String> parts = new ArrayList<>();
        Arrays.stream(fs.listStatus(path))
                .filter(s -> s.isFile() && s.getPath().getName().toLowerCase(java.util.Locale.ROOT).endsWith(".npy"))
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .forEach(s -> parts.add(s.getPath().toString()));
        if (parts.isEmpty()) {
            throw new DataFileException(location + ": a folder without NPY parts (*.npy)");
        }
        return parts;
    }

    private static List<Integer> indices(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /** Reads part {@code index} on an executor, as one block holding all its samples. */
    private static SampleBlock readPart(List<String> parts, int index, Precision precision, Configuration conf)
            throws IOException {
        String name = parts.get(index);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(URI.create(name));
        Path local = Files.createTempFile("sae4j-part-", ".npy");
        try {
            try (InputStream in = path.getFileSystem(conf).open(path)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            Dataset data;
            try {
                data = NpyReader.readSamples(local);
            } catch (DataFileException e) {
                // the engine names the local copy; the user knows the part
                throw new DataFileException(e.getMessage().replace(local.toString(), name + " (part " + index
                        + " of " + parts.size() + ")"));
            }
            return SampleBlock.of(index, data, 0, data.samples(), precision);
        } catch (IOException e) {
            if (e instanceof DataFileException) {
                throw e;
            }
            throw new UncheckedIOException(name + " (part " + index + "): " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
