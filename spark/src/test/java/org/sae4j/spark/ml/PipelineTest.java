package org.sae4j.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.spark.LocalSession;

/**
 * The Estimator among Spark's own stages: VectorAssembler → SparseAutoencoder → LogisticRegression, fitted,
 * saved and loaded as one PipelineModel.
 */
class PipelineTest {
    private static final int PIXELS = 16;
    private static SparkSession session;

    @BeforeAll
    static void start() {
        session = LocalSession.start("local[2]");
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /** Two classes of 4×4 "images": a bright left half, or a bright right half, with noise. */
    private static org.apache.spark.sql.Dataset<Row> images(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StructType schema = new StructType().add("label", DataTypes.DoubleType);
        String[] pixels = new String[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            pixels[i] = "p" + i;
            schema = schema.add(pixels[i], DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int label = rnd.nextInt(2);
            Object[] values = new Object[PIXELS + 1];
            values[0] = (double) label;
            for (int i = 0; i < PIXELS; i++) {
                boolean bright = (i % 4 < 2) == (label == 0);
                values[i + 1] = (bright ? 0.8 : 0.2) + rnd.nextDouble(-0.15, 0.15);
            }
            rows.add(RowFactory.create(values));
        }
        return session.createDataFrame(rows, schema);
    }

    static String[] pixelColumns() {
        String[] pixels = new String[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            pixels[i] = "p" + i;
        }
        return pixels;
    }

    @Test
    void aPipelineFitsPredictsAndRoundTripsThroughSaveAndLoad(@TempDir Path dir) throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(pixelColumns()).setOutputCol("features"),
            new SparseAutoencoder().setHiddenSize(6).setMaxIter(40).setBlockSize(100).setBackend("java"),
            new LogisticRegression().setFeaturesCol("hidden").setMaxIter(50)});
        PipelineModel fitted = pipeline.fit(images(400, 1));
        org.apache.spark.sql.Dataset<Row> test = images(200, 2);
        List<Row> predicted = fitted.transform(test).select("label", "hidden", "prediction").collectAsList();
        long right = predicted.stream().filter(r -> r.getDouble(0) == r.getDouble(2)).count();
        assertTrue(right >= 190, right + " of 200 right");

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> again = loaded.transform(test).select("label", "hidden", "prediction").collectAsList();
        assertEquals(predicted.size(), again.size());
        for (int i = 0; i < predicted.size(); i++) {
            assertArrayEquals(((Vector) predicted.get(i).get(1)).toArray(), ((Vector) again.get(i).get(1)).toArray());
            assertEquals(predicted.get(i).getDouble(2), again.get(i).getDouble(2));
        }
        pipeline.write().overwrite().save(dir.resolve("unfitted").toString());
        Pipeline reread = Pipeline.load(dir.resolve("unfitted").toString());
        assertEquals(SparseAutoencoder.class, reread.getStages()[1].getClass());
        assertEquals(6, ((SparseAutoencoder) reread.getStages()[1]).getHiddenSize());
    }
}
