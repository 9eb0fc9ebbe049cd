package org.sae4j.spark.ml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.data.IdxReader;

/**
 * The Pipeline of docs/spark.md on the 10 000 MNIST test digits: pixel columns assembled into a vector,
 * 196 sparse autoencoder features, logistic regression on them; fitted on 8 000 digits, scored on the
 * other 2 000, saved and loaded back. Run from spark/ after {@code mvn -B -q -DskipTests test-compile}:
 * {@code java $(cat target/jvm-options.txt) -cp "target/test-classes:$(cat target/classpath.txt)"
 * org.sae4j.spark.ml.MnistPipelineExample ../../shared/data/mnist OUT_DIR}.
 */
public final class MnistPipelineExample {
    private MnistPipelineExample() {
    }

    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args[0]);
        String saved = args[1];
        org.sae4j.data.Dataset images = IdxReader.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mnist-pipeline")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");

        // a table as a data scientist has one: a label and 784 pixel columns
        String[] pixels = new String[images.features()];
        StructType schema = new StructType().add("label", DataTypes.DoubleType);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = "px" + i;
            schema = schema.add(pixels[i], DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < images.samples(); s++) {
            Object[] row = new Object[pixels.length + 1];
            row[0] = (double) labels[s];
            for (int i = 0; i < pixels.length; i++) {
                row[i + 1] = images.get(i, s) / 255.0;
            }
            rows.add(RowFactory.create(row));
        }
        Dataset<Row> digits = spark.createDataFrame(rows, schema);
        Dataset<Row> train = digits.limit(8000);
        Dataset<Row> test = digits.except(train);

        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(pixels).setOutputCol("features"),
            new SparseAutoencoder().setHiddenSize(196).setSparsity(0.1).setRegParam(3e-3).setSparsityWeight(3)
                    .setMaxIter(200).setOutputCol("hidden"),
            new LogisticRegression().setFeaturesCol("hidden").setMaxIter(100)});
        long start = System.nanoTime();
        PipelineModel model = pipeline.fit(train);
        System.out.printf("fitted in %.1f s%n", (System.nanoTime() - start) / 1e9);
        SparseAutoencoderModel sae = (SparseAutoencoderModel) model.stages()[1];
        System.out.println("autoencoder: " + sae.stored().metadata().terminationReason() + " after "
                + sae.stored().metadata().iterations() + " iterations, J = " + sae.stored().metadata().finalCost());

        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy");
        double before = accuracy.evaluate(model.transform(test));
        System.out.printf("accuracy on %d held-out digits: %.4f%n", test.count(), before);

        model.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        double after = accuracy.evaluate(loaded.transform(test));
        long differing = model.transform(test).select("prediction").except(loaded.transform(test)
                .select("prediction")).count();
        System.out.printf("saved to %s and loaded: accuracy %.4f, %d predictions differ%n", saved, after, differing);
        spark.stop();
    }
}
