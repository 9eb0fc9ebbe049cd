package org.sae4j.spark.ml;

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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Lbfgs;
import org.sae4j.options.OptimizerOptions;
import org.sae4j.options.SparsityOptions;
import org.sae4j.precision.Precision;
import org.sae4j.spark.LocalSession;
import org.sae4j.spark.Passes;
import org.sae4j.spark.SampleBlocks;
import org.sae4j.spark.SparkTrainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** The spark.ml Estimator and Model: the exact objective, bitwise the engine's, in and out of a Pipeline. */
class SparseAutoencoderTest {
    static final int V = 20;
    static final int M = 900;
    private static SparkSession session;
    private static Dataset data;

    @BeforeAll
    static void start() {
        session = LocalSession.start("local[2]");
        SplittableRandom rnd = new SplittableRandom(11);
        double[] x = new double[V * M];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.05, 0.95);
        }
        data = Dataset.ofDoubles(V, M, x);
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /** The samples as a column {@code features} of the given kind, in 3 partitions of uneven size. */
    static org.apache.spark.sql.Dataset<Row> frame(String kind) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < M; s++) {
            double[] x = new double[V];
            for (int i = 0; i < V; i++) {
                x[i] = data.get(i, s);
            }
            Object sample = switch (kind) {
                case "vector" -> Vectors.dense(x);
                case "double" -> scala.jdk.javaapi.CollectionConverters.asScala(boxed(x)).toSeq();
                default -> scala.jdk.javaapi.CollectionConverters.asScala(boxedFloats(x)).toSeq();
            };
            rows.add(RowFactory.create(s, sample));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("features", switch (kind) {
                case "vector" -> SQLDataTypes.VectorType();
                case "double" -> DataTypes.createArrayType(DataTypes.DoubleType, false);
                default -> DataTypes.createArrayType(DataTypes.FloatType, false);
            }, false, Metadata.empty())});
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        return session.createDataFrame(jsc.parallelize(rows, 3), schema);
    }

    private static List<Object> boxed(double[] x) {
        List<Object> l = new ArrayList<>();
        for (double d : x) {
            l.add(d);
        }
        return l;
    }

    private static List<Object> boxedFloats(double[] x) {
        List<Object> l = new ArrayList<>();
        for (double d : x) {
            l.add((float) d);
        }
        return l;
    }

    static SparseAutoencoder estimator() {
        return new SparseAutoencoder().setHiddenSize(7).setSparsity(0.05).setRegParam(1e-3).setSparsityWeight(3)
                .setMaxIter(12).setBlockSize(150).setNumPartitions(4).setBackend("java").setSeed(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "double", "float"})
    void fitIsBitwiseTheSparkTrainerOnTheSameBlocks(String kind) {
        Precision p = kind.equals("float") ? Precision.F32 : Precision.F64;
        SparseAutoencoderModel model = estimator().setPrecision(p.shortName()).fit(frame(kind));

        SparseAutoencoderConfig config = new SparseAutoencoderConfig(V, 7, 0.05, 1e-3, 3);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        TrainingSpec spec = TrainingSpec.defaults().withSeed(5)
                .withSettings(EvaluationSettings.of(MatrixBackends.get("java"), p).withThreads(1))
                .withOptimizer(Lbfgs.builder().maxIterations(12).gradientTolerance(1e-5).build());
        TrainingResult reference = SparkTrainer.of(config, spec, 1, Passes.DEFAULT)
                .train(jsc, SampleBlocks.of(jsc, data, p, 150, 4));
        assertArrayEquals(reference.model().theta(), model.trained().theta());
        assertEquals(reference.termination(), model.termination());
        assertEquals(p, model.stored().precision());
    }

    /**
     * What {@code sae encode} writes for the same rows: the encoder over blocks of
     * {@code TrainedModel.FEATURE_BLOCK} = 65 536 rows, here one. On java whatever the partitions (3 here); on
     * native with the rows in one partition, so that the batches are the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "native"})
    void transformIsBitwiseWhatSaeEncodeWrites(String backend) {
        SparseAutoencoderModel model = estimator().setMaxIter(4).fit(frame("vector")).setBackend(backend);
        org.apache.spark.sql.Dataset<Row> input = backend.equals("java") ? frame("vector") : frame("vector").coalesce(1);
        List<Row> out = model.transform(input).collectAsList();
        double[] expected = new double[7 * M];
        new Encoder(model.trained().config(), model.trained().theta(), MatrixBackends.get(backend), Precision.F64,
                EvaluationSettings.AUTO_CHUNK).encode(data, 0, M, expected);
        assertEquals(M, out.size());
        for (int s = 0; s < M; s++) {
            Row r = out.get(s);
            assertEquals(s, r.getInt(0));
            double[] got = ((Vector) r.get(2)).toArray();
            double[] want = java.util.Arrays.copyOfRange(expected, 7 * s, 7 * s + 7);
            assertArrayEquals(want, got, "row " + s);
        }
    }

    /**
     * Sparse vectors, as VectorAssembler makes of mostly-zero rows, encode as their dense twins, also in a
     * partition's second batch, whose buffer held the first's samples.
     */
    @Test
    void sparseRowsEncodeAsTheirDenseTwins() {
        SparseAutoencoderModel model = estimator().setMaxIter(2).fit(frame("vector")).setBackend("java");
        List<Row> dense = new ArrayList<>();
        List<Row> sparse = new ArrayList<>();
        int rows = SparseAutoencoderModel.BATCH_ROWS + 104;
        for (int s = 0; s < rows; s++) {
            double[] x = new double[V];
            // a few non-zeros, at other places in each row, so that a reused buffer would show
            for (int i = s % 3; i < V; i += 4 + s % 5) {
                x[i] = data.get(i, s % M);
            }
            dense.add(RowFactory.create(s, Vectors.dense(x)));
            sparse.add(RowFactory.create(s, Vectors.dense(x).toSparse()));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("features",
                SQLDataTypes.VectorType());
        List<Row> a = model.transform(session.createDataFrame(dense, schema).coalesce(1)).collectAsList();
        List<Row> b = model.transform(session.createDataFrame(sparse, schema).coalesce(1)).collectAsList();
        assertEquals(rows, b.size());
        for (int s = 0; s < rows; s++) {
            assertArrayEquals(((Vector) a.get(s).get(2)).toArray(), ((Vector) b.get(s).get(2)).toArray(), "row " + s);
        }
    }

    @Test
    void savedModelsLoadBackAndSaeReadsTheirModelFile(@TempDir Path dir) throws IOException {
        SparseAutoencoderModel model = estimator().setMaxIter(3).setOutputCol("code").fit(frame("vector"));
        String path = dir.resolve("model").toString();
        model.write().overwrite().save(path);
        SparseAutoencoderModel loaded = SparseAutoencoderModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("code", loaded.getOutputCol());
        assertArrayEquals(model.trained().theta(), loaded.trained().theta());
        StoredModel file = ModelFile.read(dir.resolve("model").resolve(SparseAutoencoderModel.MODEL_FILE));
        assertArrayEquals(model.trained().theta(), file.model().theta());
    }

    @Test
    void loadsAModelFileOfSaeTrain(@TempDir Path dir) throws IOException {
        SparseAutoencoderModel trained = estimator().setMaxIter(3).fit(frame("vector"));
        Path file = dir.resolve("sae-train.sae");
        ModelFile.write(file, trained.stored());
        SparseAutoencoderModel loaded = SparseAutoencoderModel.load(file.toString()).setBackend("java");
        Row first = loaded.transform(frame("vector")).first();
        double[] want = new double[7];
        new Encoder(trained.trained().config(), trained.trained().theta(), MatrixBackends.get("java"), Precision.F64,
                EvaluationSettings.AUTO_CHUNK).encode(data, 0, 1, want);
        assertArrayEquals(want, ((Vector) first.get(2)).toArray());
    }

    /** The shared option classes of sae train, to compare defaults with. */
    static final class TrainDefaults {
        @Mixin
        SparsityOptions sparsity;
        @Mixin
        OptimizerOptions optimizer;
    }

    @Test
    void defaultsAreThoseOfSaeTrain() {
        CommandLine.Model.CommandSpec cli = new CommandLine(new TrainDefaults()).getCommandSpec();
        SparseAutoencoder e = new SparseAutoencoder();
        assertEquals(Double.parseDouble(cli.findOption("--rho").defaultValue()), e.getSparsity());
        assertEquals(Double.parseDouble(cli.findOption("--lambda").defaultValue()), e.getRegParam());
        assertEquals(Double.parseDouble(cli.findOption("--beta").defaultValue()), e.getSparsityWeight());
        assertEquals(cli.findOption("--decoder").defaultValue(), e.getDecoder());
        assertEquals(Integer.parseInt(cli.findOption("--iterations").defaultValue()), e.getMaxIter());
        assertEquals(Double.parseDouble(cli.findOption("--gradient-tolerance").defaultValue()), e.getTol());
        assertEquals(cli.findOption("--optimizer").defaultValue(), e.getOptimizer());
        assertEquals(25, e.getHiddenSize());
        String explained = e.explainParams();
        for (String name : List.of("inputCol", "outputCol", "hiddenSize", "sparsity", "regParam", "sparsityWeight",
                "decoder", "precision", "maxIter", "tol", "seed", "optimizer", "blockSize", "numPartitions",
                "backend", "checkpointDir", "checkpointInterval")) {
            assertTrue(explained.contains(name + ":"), name + " in " + explained);
        }
    }

    @Test
    void estimatorParamsSurviveSaveAndLoad(@TempDir Path dir) throws IOException {
        SparseAutoencoder e = estimator().setDecoder("linear").setPrecision("f32");
        e.write().overwrite().save(dir.resolve("e").toString());
        SparseAutoencoder loaded = SparseAutoencoder.load(dir.resolve("e").toString());
        assertEquals(e.uid(), loaded.uid());
        assertEquals(e.extractParamMap().toString(), loaded.extractParamMap().toString());
    }

    @Test
    void badInputIsOneLineNamingTheColumnAndRow() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> estimator().setInputCol("pixels").fit(frame("vector")));
        assertTrue(missing.getMessage().contains("no column 'pixels'"), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> estimator().setInputCol("id").fit(frame("vector")));
        assertTrue(type.getMessage().contains("column 'id' is int"), type.getMessage());
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2)), RowFactory.create(Vectors.dense(1,
                Double.NaN)));
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType());
        Exception nan = assertThrows(Exception.class, () -> estimator().setHiddenSize(2)
                .fit(session.createDataFrame(rows, schema)));
        assertTrue(String.valueOf(nan.getMessage()).contains("row 1 of column 'features': value 1 is NaN"),
                nan.getMessage());
    }

    @Test
    void aRunFindingItsCheckpointResumesBitwise(@TempDir Path dir) throws IOException {
        String checkpoints = dir.resolve("ckpt").toString();
        SparseAutoencoderModel straight = estimator().setMaxIter(10).fit(frame("vector"));
        // the first attempt dies after 5 iterations; the re-attempt finds the checkpoint and goes on
        estimator().setMaxIter(5).setCheckpointDir(checkpoints).setCheckpointInterval(1).fit(frame("vector"));
        assertTrue(Files.exists(dir.resolve("ckpt").resolve(SparseAutoencoder.CHECKPOINT_FILE)));
        SparseAutoencoderModel resumed = estimator().setMaxIter(10).setCheckpointDir(checkpoints)
                .setCheckpointInterval(3).fit(frame("vector"));
        assertArrayEquals(straight.trained().theta(), resumed.trained().theta());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> estimator().setSparsity(0.1).setCheckpointDir(checkpoints).fit(frame("vector")));
        assertTrue(other.getMessage().contains("is a checkpoint of another run"), other.getMessage());
    }
}
