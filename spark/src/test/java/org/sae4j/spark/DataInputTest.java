package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyRows;
import org.sae4j.data.NpyWriter;
import org.sae4j.precision.Precision;

/** Data where it lives: DataFrames cut without a per-sample shuffle, and files read through the job's Hadoop settings. */
class DataInputTest {
    private static final int V = 6;

    private static Dataset samples(int m) {
        SplittableRandom rnd = new SplittableRandom(m);
        double[] x = new double[V * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        return Dataset.ofDoubles(V, m, x);
    }

    /** The samples as an NPY file (m, v), one per row. */
    private static Path writeNpy(Path file, Dataset data) throws IOException {
        double[] rows = new double[V * data.samples()];
        for (int s = 0; s < data.samples(); s++) {
            for (int i = 0; i < V; i++) {
                rows[s * V + i] = data.get(i, s);
            }
        }
        NpyWriter.writeF64(file, new int[] {data.samples(), V}, rows);
        return file;
    }

    private static List<double[]> blockValues(JavaRDD<SampleBlock> blocks) {
        List<SampleBlock> list = new ArrayList<>(blocks.collect());
        list.sort(Comparator.comparingInt(SampleBlock::index));
        List<double[]> values = new ArrayList<>();
        for (SampleBlock b : list) {
            Dataset d = b.dataset();
            double[] x = new double[V * d.samples()];
            for (int s = 0; s < d.samples(); s++) {
                for (int i = 0; i < V; i++) {
                    x[s * V + i] = d.get(i, s);
                }
            }
            values.add(x);
        }
        return values;
    }

    @Test
    void aDataFrameBecomesTheBlocksOfItsRowsWithoutShufflingSamples() {
        int m = 1000;
        Dataset data = samples(m);
        SparkSession session = LocalSession.start("local[2]");
        try {
            List<Row> rows = new ArrayList<>();
            for (int s = 0; s < m; s++) {
                double[] x = new double[V];
                for (int i = 0; i < V; i++) {
                    x[i] = data.get(i, s);
                }
                rows.add(RowFactory.create(Vectors.dense(x)));
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            // 7 partitions of uneven sizes (100, 3 of about 267, 2 empty ones, 100)
            JavaRDD<Row> uneven = jsc.parallelize(rows.subList(0, 100), 1)
                    .union(jsc.parallelize(rows.subList(100, 900), 3))
                    .union(jsc.parallelize(new ArrayList<Row>(), 2))
                    .union(jsc.parallelize(rows.subList(900, 1000), 1));
            assertEquals(7, uneven.getNumPartitions());
            org.apache.spark.sql.Dataset<Row> frame = session.createDataFrame(uneven,
                    new StructType().add("x", SQLDataTypes.VectorType()));
            AtomicLong shuffled = new AtomicLong();
            session.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    shuffled.addAndGet(end.taskMetrics().shuffleWriteMetrics().recordsWritten());
                }
            });
            SampleBlocks.Layout layout = FrameBlocks.layout(frame, "x");
            assertEquals(m, layout.samples());
            assertEquals(V, layout.features());
            JavaRDD<SampleBlock> blocks = FrameBlocks.of(frame, "x", layout, Precision.F64, 64, 3);
            List<double[]> got = blockValues(blocks);
            // the pieces only: at most one per block and partition boundary, never one per sample
            assertTrue(shuffled.get() <= got.size() + 9, shuffled.get() + " records shuffled for " + got.size()
                    + " blocks");
            List<double[]> want = blockValues(SampleBlocks.of(jsc, data, Precision.F64, 64, 3));
            assertEquals(want.size(), got.size());
            for (int b = 0; b < want.size(); b++) {
                assertArrayEquals(want.get(b), got.get(b), "block " + b);
            }
            assertEquals(3, blocks.getNumPartitions());
        } finally {
            session.stop();
        }
    }

    @Test
    void theDefaultPartitionsComeFromTheDataAlone() {
        SampleBlocks.Layout small = new SampleBlocks.Layout(new long[] {0, 1000}, 784);
        assertEquals(1, SampleBlocks.defaultPartitions(small, Precision.F64, 100), "6.3 MB: one partition");
        // 100 000 samples of 784 doubles, 627 MB, in partitions of at most 64 MiB, whatever the parts
        SampleBlocks.Layout large = new SampleBlocks.Layout(new long[] {0, 50_000, 100_000}, 784);
        assertEquals(10, SampleBlocks.defaultPartitions(large, Precision.F64, 4096));
        assertEquals(5, SampleBlocks.defaultPartitions(large, Precision.F32, 4096));
        assertEquals(4, SampleBlocks.defaultPartitions(large, Precision.F64, 25_000), "no more than the blocks");
    }

    @Test
    void noBlockNeedsAnArrayOfMoreThan2To31Values() {
        SampleBlocks.requireBlockFits(784, 2_739_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleBlocks.requireBlockFits(784, 2_740_000));
        assertTrue(e.getMessage().contains("use blocks of at most 2739137 samples"), e.getMessage());
    }

    /** A file system of its own scheme over local files, known only to the job's Hadoop configuration. */
    public static final class OwnScheme extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("sae4jtest:///");
        }

        @Override
        public String getScheme() {
            return "sae4jtest";
        }

        /** Blocks of 1000 bytes, block k on host-k. */
        @Override
        public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) {
            List<BlockLocation> blocks = new ArrayList<>();
            for (long b = start / 1000; b * 1000 < Math.min(file.getLen(), start + len); b++) {
                blocks.add(new BlockLocation(new String[] {"host-" + b + ":9866"}, new String[] {"host-" + b},
                        b * 1000, 1000));
            }
            return blocks.toArray(new BlockLocation[0]);
        }
    }

    @Test
    void oneNpyFileIsReadByRowRangesEachOnTheHostsOfItsBytes(@TempDir Path dir) throws IOException {
        int m = 1000;
        Dataset data = samples(m);
        Path file = writeNpy(dir.resolve("x.npy"), data);
        SparkSession session = ownSchemeSession();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            String uri = "sae4jtest://" + file;
            // ranges of 100 rows of 48 bytes: ten reading tasks
            long rangeBytes = 100L * V * 8;
            JavaRDD<SampleBlock> blocks = NpyParts.read(jsc, uri, Precision.F32, 64, 3, rangeBytes);
            List<double[]> want = blockValues(SampleBlocks.of(jsc, NpyReader.readSamples(file), Precision.F32, 64, 3));
            List<double[]> got = blockValues(blocks);
            assertEquals(want.size(), got.size());
            for (int b = 0; b < want.size(); b++) {
                assertArrayEquals(want.get(b), got.get(b), "block " + b);
            }
            NpyRows layout = NpyParts.layout(jsc.hadoopConfiguration(), uri, 0, 1);
            JavaRDD<NpyParts.Range> ranges = NpyParts.ranges(jsc, List.of(uri), List.of(layout), new long[] {0, m},
                    rangeBytes);
            assertEquals(10, ranges.getNumPartitions());
            // range 3 is bytes [offset + 14400, offset + 19200): file blocks 14 to 19
            long from = layout.offsetOf(300);
            List<String> hosts = scala.jdk.javaapi.CollectionConverters.asJava(
                    ranges.rdd().preferredLocations(ranges.rdd().partitions()[3]));
            List<String> expected = new ArrayList<>();
            for (long b = from / 1000; b * 1000 < from + rangeBytes; b++) {
                expected.add("host-" + b);
            }
            assertEquals(expected, hosts);
        } finally {
            session.stop();
        }
    }

    private static SparkSession ownSchemeSession() {
        return SparkSession.builder().master("local[2]").appName("sae4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.hadoop.fs.sae4jtest.impl", OwnScheme.class.getName())
                .config("spark.hadoop.fs.sae4jtest.impl.disable.cache", "true")
                .getOrCreate();
    }

    @Test
    void executorsReadThroughTheJobsHadoopSettings(@TempDir Path dir) throws IOException {
        Dataset data = samples(300);
        Path file = writeNpy(dir.resolve("x.npy"), data);
        SparkSession session = ownSchemeSession();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            JavaRDD<SampleBlock> blocks = NpyParts.read(jsc, "sae4jtest://" + file, Precision.F64, 64, 2);
            List<double[]> want = blockValues(SampleBlocks.of(jsc, data, Precision.F64, 64, 2));
            List<double[]> got = blockValues(blocks);
            assertEquals(want.size(), got.size());
            for (int b = 0; b < want.size(); b++) {
                assertArrayEquals(want.get(b), got.get(b), "block " + b);
            }
        } finally {
            session.stop();
        }
    }

    @Test
    void aCheckpointReplacedOnAHadoopFileSystemIsAlwaysThereOldOrNew(@TempDir Path dir) throws IOException {
        SparkSession session = ownSchemeSession();
        try {
            org.apache.hadoop.conf.Configuration conf = session.sparkContext().hadoopConfiguration();
            String file = "sae4jtest://" + dir.resolve("run.ckpt");
            HadoopCheckpoint store = new HadoopCheckpoint(conf, file);
            assertTrue(!store.exists());
            org.sae4j.optim.OptimizerState first = new org.sae4j.optim.OptimizerState("test", 1, 2,
                    java.time.Duration.ZERO, new double[] {1, 2}, java.util.Map.of("x", new double[] {3}));
            store.write(new org.sae4j.train.Checkpoint(java.util.Map.of("run", "a"), first));
            org.sae4j.optim.OptimizerState second = new org.sae4j.optim.OptimizerState("test", 2, 3,
                    java.time.Duration.ZERO, new double[] {1, 2, 3}, java.util.Map.of("x", new double[] {4}));
            store.write(new org.sae4j.train.Checkpoint(java.util.Map.of("run", "a"), second));
            assertEquals(2, store.read().state().iterations());
            assertTrue(!java.nio.file.Files.exists(dir.resolve(".run.ckpt.previous")), "the old one is gone");
            // a crash between the two renames leaves the old checkpoint aside and none under its name
            java.nio.file.Files.move(dir.resolve("run.ckpt"), dir.resolve(".run.ckpt.previous"));
            assertTrue(store.exists());
            assertEquals(2, store.read().state().iterations());
        } finally {
            session.stop();
        }
    }

    @Test
    void sparkEvalLeavesACallersBareContextRunning(@TempDir Path dir) throws IOException {
        Dataset data = samples(100);
        Path file = writeNpy(dir.resolve("x.npy"), data);
        double[] theta = new org.sae4j.autoencoder.SparseAutoencoderConfig(V, 2, 0.01, 1e-4, 3).initialParameters(1);
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            StringWriter err = new StringWriter();
            int code = SparkEval.run(new String[] {"--npy", file.toString(), "--theta", thetaFile.toString(),
                "--backend", "java"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertEquals(0, code, err.toString());
            assertTrue(!spark.sc().isStopped(), "the caller's context is still running");
            int other = SparkEval.run(new String[] {"--npy", file.toString(), "--theta", thetaFile.toString(),
                "--master", "local[3]"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertEquals(1, other);
            assertTrue(err.toString().contains("--master local[3] was given, but this JVM already runs Spark on"
                    + " local[2]"), err.toString());
            assertEquals(3, spark.parallelize(List.of(1, 2, 3)).count());
        }
    }

    @Test
    void sparkTrainRunsInTheCallersSessionAndLeavesItRunning(@TempDir Path dir) throws IOException {
        Dataset data = samples(200);
        Path file = writeNpy(dir.resolve("x.npy"), data);
        // two cores per task: the engine's threads per task unless --threads says otherwise
        SparkSession session = SparkSession.builder().master("local[2]").appName("sae4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.task.cpus", "2")
                .getOrCreate();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SparkTrain.run(new String[] {"--npy", file.toString(), "--hidden", "3", "--iterations", "3",
                "--backend", "java", "--json", "--out", dir.resolve("out").toString()}, new PrintWriter(out, true),
                    new PrintWriter(err, true));
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("\"threads\":2"), out.toString());
            assertTrue(err.toString().contains(session.sparkContext().master()), err.toString());
            assertTrue(!session.sparkContext().isStopped(), "the caller's session is still running");
            assertEquals(200, session.range(200).count());
        } finally {
            session.stop();
        }
    }
}
