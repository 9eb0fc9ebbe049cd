package org.sae4j.spark.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sae4j.autoencoder.ChunkProducts;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.model.StoredModel;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Termination;
import org.sae4j.precision.Precision;
import org.sae4j.spark.FrameBlocks;
import org.sae4j.spark.KernelCheck;
import org.sae4j.spark.Outputs;
import scala.Option;

/**
 * A trained sparse autoencoder as a spark.ml {@link Model}: {@link #transform} adds the hidden
 * activations f(W1·x + b1) of the input column as a vector column, computed on the executors by the
 * engine's {@link Encoder} with θ broadcast once per call, {@value #BATCH_ROWS} rows of a partition per
 * batch. On the {@code java} backend each activation's bits do not depend on the batch, so the column is
 * bitwise what {@code sae encode} writes for the same rows; OpenBLAS (f64) may round differently for
 * another batch size, so on {@code native} it is bitwise where the batches are the same (a partition of
 * up to {@value #BATCH_ROWS} rows) and equal to rounding elsewhere.
 *
 * <p>{@code write().save(path)} writes Spark's metadata and, under {@code path/data/model.sae}, sae4j's
 * own model file, which {@code sae} reads; {@link #load} reads such a folder, or a {@code .sae} file
 * written by {@code sae train}. Any Hadoop file system works.
 */
public final class SparseAutoencoderModel extends Model<SparseAutoencoderModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** Rows encoded per product on an executor. */
    static final int BATCH_ROWS = 4096;

    private final String uid;
    private final StoredModel stored;
    private final Termination termination;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> backend;

    SparseAutoencoderModel(String uid, StoredModel stored, Termination termination) {
        this.uid = uid;
        this.stored = Objects.requireNonNull(stored, "stored");
        this.termination = termination;
        inputCol = new Param<>(uid, "inputCol", "the column of samples: a vector, array<double> or array<float>");
        outputCol = new Param<>(uid, "outputCol", "the column of hidden activations transform adds (a vector)");
        backend = new Param<>(uid, "backend", "matrix backend of transform: java, native, or auto (chosen on the"
                + " driver, then sent to the executors)");
        setDefault(inputCol, "features");
        setDefault(outputCol, "hidden");
        setDefault(backend, MatrixBackends.AUTO);
    }

    /** A model of a model file written by {@code sae train} or {@link Outputs#writeModel}. */
    public static SparseAutoencoderModel of(StoredModel stored) {
        return new SparseAutoencoderModel(Identifiable$.MODULE$.randomUID("sparseAutoencoderModel"), stored, null);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The weights, the objective's constants and how the model was trained. */
    public StoredModel stored() {
        return stored;
    }

    public TrainedModel trained() {
        return stored.model();
    }

    /** Why training stopped; null for a model that was loaded. */
    public Termination termination() {
        return termination;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return (String) getOrDefault(inputCol);
    }

    public SparseAutoencoderModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public String getOutputCol() {
        return (String) getOrDefault(outputCol);
    }

    public SparseAutoencoderModel setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    public Param<String> backend() {
        return backend;
    }

    public String getBackend() {
        return (String) getOrDefault(backend);
    }

    public SparseAutoencoderModel setBackend(String value) {
        set(backend, value);
        return this;
    }

    /** {@code schema} with the output column appended, after checking the input column and the output's name. */
    static StructType withOutput(StructType schema, String input, String output) {
        FrameBlocks.requireSampleColumn(schema, input);
        for (String name : schema.fieldNames()) {
            if (name.equals(output)) {
                throw new IllegalArgumentException("the input already has a column '" + output
                        + "'; choose another outputCol");
            }
        }
        return schema.add(new StructField(output, SQLDataTypes.VectorType(), false, Metadata.empty()));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return withOutput(schema, getInputCol(), getOutputCol());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> frame = dataset.toDF();
        SparseAutoencoderConfig config = trained().config();
        Precision precision = stored.precision();
        int chunk = EvaluationSettings.defaultChunkSize(BATCH_ROWS, config.visible(), config.hidden());
        MatrixBackend b = MatrixBackends.get(getBackend(),
                ChunkProducts.workload(config.visible(), config.hidden(), chunk, precision));
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
        Broadcast<double[]> theta = spark.broadcast(trained().theta());
        EncodeRows encode = new EncodeRows(config.visible(), config.hidden(), config.rho(), config.lambda(),
                config.beta(), config.outputLayer(), theta, b.name(), KernelCheck.of(b), precision,
                frame.schema().fieldIndex(getInputCol()), getInputCol());
        return frame.mapPartitions(encode, Encoders.row(out));
    }

    /** Encodes a partition's rows batch by batch, appending the activations to each row. */
    private record EncodeRows(int visible, int hidden, double rho, double lambda, double beta, OutputLayer outputLayer,
                              Broadcast<double[]> theta, String backend, String kernel, Precision precision,
                              int column, String columnName) implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            MatrixBackend b = KernelCheck.require(backend, kernel);
            SparseAutoencoderConfig config = new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta,
                    outputLayer);
            Encoder encoder = new Encoder(config, theta.value(), b, precision, EvaluationSettings.AUTO_CHUNK);
            int v = config.visible();
            int h = config.hidden();
            double[] x64 = precision == Precision.F64 ? new double[v * BATCH_ROWS] : null;
            float[] x32 = x64 == null ? new float[v * BATCH_ROWS] : null;
            double[] a64 = x64 != null ? new double[h * BATCH_ROWS] : null;
            float[] a32 = x64 == null ? new float[h * BATCH_ROWS] : null;
            org.sae4j.data.Dataset samples = x64 != null ? org.sae4j.data.Dataset.ofDoubles(v, BATCH_ROWS, x64)
                    : org.sae4j.data.Dataset.ofFloats(v, BATCH_ROWS, x32);
            return new Iterator<>() {
                private final List<Row> batch = new ArrayList<>(BATCH_ROWS);
                private int next;
                private long row;

                @Override
                public boolean hasNext() {
                    return next < batch.size() || rows.hasNext();
                }

                @Override
                public Row next() {
                    if (next == batch.size()) {
                        fill();
                    }
                    Row r = batch.get(next);
                    double[] activations = new double[h];
                    for (int j = 0; j < h; j++) {
                        activations[j] = a64 != null ? a64[next * h + j] : a32[next * h + j];
                    }
                    next++;
                    Object[] values = new Object[r.length() + 1];
                    for (int i = 0; i < r.length(); i++) {
                        values[i] = r.get(i);
                    }
                    values[r.length()] = Vectors.dense(activations);
                    return RowFactory.create(values);
                }

                private void fill() {
                    if (!rows.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    batch.clear();
                    next = 0;
                    while (batch.size() < BATCH_ROWS && rows.hasNext()) {
                        Row r = rows.next();
                        if (r.isNullAt(column)) {
                            throw new IllegalArgumentException("row " + row + " of partition " + partition()
                                    + ", column '" + columnName + "', is null");
                        }
                        Object sample = r.get(column);
                        int w = FrameBlocks.width(sample);
                        if (w != v) {
                            throw new IllegalArgumentException("row " + row + " of partition " + partition()
                                    + ", column '" + columnName + "', has " + w + " values, but the model has " + v
                                    + " inputs");
                        }
                        FrameBlocks.copy(sample, row, columnName, x64, x32, batch.size() * v);
                        batch.add(r);
                        row++;
                    }
                    int n = batch.size();
                    if (x64 != null) {
                        encoder.encode(samples, 0, n, a64);
                    } else {
                        encoder.encode(samples, 0, n, a32);
                    }
                }
            };
        }
    }

    /** The partition a task encodes, for messages. */
    private static int partition() {
        TaskContext task = TaskContext.get();
        return task == null ? 0 : task.partitionId();
    }

    @Override
    public SparseAutoencoderModel copy(ParamMap extra) {
        SparseAutoencoderModel copy = copyValues(new SparseAutoencoderModel(uid, stored, termination), extra);
        return copy.setParent(parent());
    }

    // ---- persistence

    /** Where in a saved model's folder sae4j's model file is. */
    static final String MODEL_FILE = "data/model.sae";

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<SparseAutoencoderModel> read() {
        return new Reader();
    }

    /** Loads a model saved by {@code write().save}, or a model file of {@code sae train}. */
    public static SparseAutoencoderModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final SparseAutoencoderModel model;

        Writer(SparseAutoencoderModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            try {
                Outputs.writeModel(sparkSession().sparkContext().hadoopConfiguration(),
                        new org.apache.hadoop.fs.Path(path, "data").toString(), model.stored);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + "/" + MODEL_FILE + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<SparseAutoencoderModel> {
        @Override
        public SparseAutoencoderModel load(String path) {
            SparkSession session = sparkSession();
            Configuration conf = session.sparkContext().hadoopConfiguration();
            try {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                FileSystem fs = p.getFileSystem(conf);
                if (fs.getFileStatus(p).isFile()) {
                    return SparseAutoencoderModel.of(Outputs.readModel(conf, path));
                }
                DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, session,
                        SparseAutoencoderModel.class.getName());
                StoredModel stored = Outputs.readModel(conf, new org.apache.hadoop.fs.Path(path, MODEL_FILE).toString());
                SparseAutoencoderModel model = new SparseAutoencoderModel(metadata.uid(), stored, null);
                metadata.getAndSetParams(model, Option.empty());
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
