package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyWriter;
import org.sae4j.precision.Precision;
import org.sae4j.spark.ml.SparseAutoencoder;

/**
 * Executor JVMs for real: {@code local-cluster[2,1,1024]} runs a standalone master and two workers in
 * this JVM, and each worker starts its executor as a JVM of its own, on the class path the build wrote.
 * The Estimator fitted there gives the bits of θ and J of {@code local[2]} with the same partitions, also when one
 * executor JVM is killed (SIGKILL) in the middle of training; an executor that would run another kernel
 * than the driver fails the job at once.
 */
class ClusterIT {
    private static final int V = 24;
    private static final int M = 3000;
    private static final int KILL_AT_JOB = 30;

    /** The folder Spark's workers take as SPARK_HOME (the build's failsafe sets it): they look for jars/ there. */
    private static void sparkHome() throws IOException {
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
    }

    private static SparkSession start(String master, String executorOptions) throws IOException {
        return start(master, executorOptions, SparkSession.builder());
    }

    private static SparkSession start(String master, String executorOptions, SparkSession.Builder builder)
            throws IOException {
        sparkHome();
        // the test classes too, for the file system of DataInputTest
        String classpath = Path.of("target/test-classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("sae4j.spark.classpath"))).strip();
        SparkSession session = builder.master(master).appName("sae4j-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", classpath)
                .config("spark.executor.extraJavaOptions", executorOptions)
                .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }

    private static String jvmOptions() throws IOException {
        return Files.readString(Path.of(System.getProperty("sae4j.spark.jvmOptions"))).strip();
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession session) {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < M; s++) {
            double[] x = new double[V];
            for (int i = 0; i < V; i++) {
                x[i] = rnd.nextDouble(0.05, 0.95);
            }
            rows.add(RowFactory.create(Vectors.dense(x)));
        }
        return session.createDataFrame(rows, new StructType().add("features", SQLDataTypes.VectorType()));
    }

    private static SparseAutoencoder estimator(int iterations) {
        return new SparseAutoencoder().setHiddenSize(10).setMaxIter(iterations).setBlockSize(250)
                .setNumPartitions(6).setFanIn(4).setBackend("java").setSeed(9);
    }

    private static double[] fit(String master, String executorOptions, int iterations, boolean killOne)
            throws Exception {
        SparkSession session = start(master, executorOptions);
        try {
            AtomicInteger removed = new AtomicInteger();
            AtomicInteger jobs = new AtomicInteger();
            AtomicInteger killedAtJob = new AtomicInteger(-1);
            session.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
                    removed.incrementAndGet();
                }

                @Override
                public void onJobStart(SparkListenerJobStart event) {
                    // every evaluation is two jobs: kill an executor JVM some way into the training
                    if (jobs.incrementAndGet() == KILL_AT_JOB && killOne) {
                        killedAtJob.set(KILL_AT_JOB);
                        executors().get(0).destroyForcibly();
                    }
                }
            });
            org.sae4j.spark.ml.SparseAutoencoderModel model = estimator(iterations).fit(frame(session));
            // θ, then J at the end
            double[] theta = java.util.Arrays.copyOf(model.trained().theta(), model.trained().theta().length + 1);
            theta[theta.length - 1] = model.stored().metadata().finalCost();
            if (killOne) {
                assertEquals(KILL_AT_JOB, killedAtJob.get(), "an executor was killed during training");
                assertTrue(jobs.get() > KILL_AT_JOB + 10, jobs.get() + " jobs in all");
                assertTrue(removed.get() >= 1, "Spark lost an executor");
            }
            return theta;
        } finally {
            session.stop();
        }
    }

    /** The executor JVMs this JVM's workers started. */
    private static List<ProcessHandle> executors() {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                if (cmdline.contains("CoarseGrainedExecutorBackend")) {
                    found.add(p);
                }
            } catch (IOException gone) {
                // the process ended meanwhile
            }
        });
        if (found.isEmpty()) {
            throw new IllegalStateException("no executor JVM found among " + ProcessHandle.current().descendants()
                    .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
        }
        return found;
    }

    @Test
    void twoExecutorJvmsGiveTheBitsOfLocalAndSurviveAnExecutorsDeath() throws Exception {
        double[] local = fit("local[2]", "", 40, false);
        double[] cluster = fit("local-cluster[2,1,1024]", jvmOptions(), 40, false);
        assertArrayEquals(local, cluster, "θ and J, local-cluster[2,1,1024] against local[2]");
        double[] killed = fit("local-cluster[2,1,1024]", jvmOptions(), 40, true);
        assertArrayEquals(local, killed, "with one executor killed during training");
    }

    @Test
    void executorJvmsReadThroughAFileSystemKnownOnlyToTheJobsSettings(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 600;
        double[] rows = new double[V * m];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rnd.nextDouble();
        }
        Path file = dir.resolve("x.npy");
        NpyWriter.writeF64(file, new int[] {m, V}, rows);
        SparkSession session = start("local-cluster[2,1,1024]", jvmOptions(), SparkSession.builder()
                .config("spark.hadoop.fs.sae4jtest.impl", DataInputTest.OwnScheme.class.getName())
                .config("spark.hadoop.fs.sae4jtest.impl.disable.cache", "true"));
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            // ranges of 100 rows: six tasks, on both executor JVMs
            JavaRDD<SampleBlock> blocks = NpyParts.read(jsc, "sae4jtest://" + file, Precision.F64, 64, 2,
                    100L * V * 8);
            // (m, v) rows in C order are the samples one after the other, as a dataset holds them
            Dataset data = Dataset.ofDoubles(V, m, rows);
            List<SampleBlock> got = new ArrayList<>(blocks.collect());
            got.sort(java.util.Comparator.comparingInt(SampleBlock::index));
            assertEquals(10, got.size());
            for (SampleBlock b : got) {
                Dataset d = b.dataset();
                for (int s = 0; s < d.samples(); s++) {
                    for (int i = 0; i < V; i++) {
                        assertEquals(Double.doubleToRawLongBits(data.get(i, b.index() * 64 + s)),
                                Double.doubleToRawLongBits(d.get(i, s)), "block " + b.index());
                    }
                }
            }
        } finally {
            session.stop();
        }
    }

    @Test
    void anExecutorWithAnotherKernelFailsTheJobNamingBoth() throws Exception {
        // executors told to run the scalar kernel, where the driver runs the Vector API's
        Exception e = assertThrows(Exception.class, () -> fit("local-cluster[2,1,1024]",
                jvmOptions() + " -D" + JavaBackend.KERNEL_PROPERTY + "=scalar", 2, false));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("this executor would compute with java [f64 scalar")
                && message.contains("but the driver resolved java [f64 vector-api"), message);
    }
}
