package org.sae4j.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sae4j.precision.Precision;

/**
 * The samples of a DataFrame column as {@link SampleBlock}s, the rows in the DataFrame's order, cut by
 * {@link SampleBlocks#cut} (a count per partition, then runs of consecutive rows; no shuffle of single
 * rows). A sample is a {@code Vector} (dense or sparse), an {@code array<double>} or an
 * {@code array<float>}; every sample must have the same number of values, all finite: a null, a wrong
 * length or a NaN fails the job naming the row and the column.
 */
public final class FrameBlocks {
    private FrameBlocks() {
    }

    /** Whether {@code type} can be a column of samples. */
    public static boolean isSampleType(DataType type) {
        return type instanceof VectorUDT || type instanceof ArrayType a
                && (a.elementType().equals(DataTypes.DoubleType) || a.elementType().equals(DataTypes.FloatType));
    }

    /** Fails, naming the column and what it is, unless {@code schema} has a column of samples by that name. */
    public static void requireSampleColumn(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                if (!isSampleType(f.dataType())) {
                    throw new IllegalArgumentException("column '" + column + "' is " + f.dataType().simpleString()
                            + "; expected a vector, array<double> or array<float>");
                }
                return;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in the input; it has "
                + String.join(", ", schema.fieldNames()));
    }

    /** The column's rows, one job. */
    public static SampleBlocks.Layout layout(Dataset<Row> frame, String column) {
        requireSampleColumn(frame.schema(), column);
        SampleBlocks.Layout layout = SampleBlocks.layout(samples(frame, column),
                r -> r.isNullAt(0) ? -1 : width(r.get(0)));
        if (layout.features() < 1) {
            throw new IllegalArgumentException("column '" + column + "' holds no values (nulls or empty samples)");
        }
        return layout;
    }

    /**
     * The blocks of {@code column}: block b holds rows [bB, (b + 1)B), in {@code precision}, in
     * {@code partitions} partitions of consecutive blocks.
     */
    public static JavaRDD<SampleBlock> of(Dataset<Row> frame, String column, SampleBlocks.Layout layout,
                                          Precision precision, int blockSamples, int partitions) {
        int v = layout.features();
        return SampleBlocks.cut(samples(frame, column), layout, precision, blockSamples, partitions,
                (r, row, d, f, at) -> {
                    if (r.isNullAt(0)) {
                        throw new IllegalArgumentException("row " + row + " of column '" + column + "' is null");
                    }
                    int w = width(r.get(0));
                    if (w != v) {
                        throw new IllegalArgumentException("row " + row + " of column '" + column + "' has " + w
                                + " values, but row 0 has " + v);
                    }
                    copy(r.get(0), row, column, d, f, at);
                });
    }

    private static JavaRDD<Row> samples(Dataset<Row> frame, String column) {
        return frame.select(column).javaRDD();
    }

    /** The number of values of one sample (a vector or an array). */
    public static int width(Object value) {
        return value instanceof Vector vec ? vec.size() : ((scala.collection.Seq<?>) value).length();
    }

    /**
     * Copies one sample into {@code d} or {@code f} from {@code at} (all its values, a sparse vector's zeros
     * included), each value checked finite.
     */
    public static void copy(Object value, long row, String column, double[] d, float[] f, int at) {
        if (value instanceof DenseVector dense) {
            double[] values = dense.values();
            for (int i = 0; i < values.length; i++) {
                put(values[i], row, column, i, d, f, at);
            }
        } else if (value instanceof SparseVector sparse) {
            // the zeros too: the target may hold the sample before
            if (d != null) {
                Arrays.fill(d, at, at + sparse.size(), 0);
            } else {
                Arrays.fill(f, at, at + sparse.size(), 0);
            }
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                put(values[k], row, column, indices[k], d, f, at);
            }
        } else {
            scala.collection.Iterator<?> values = ((scala.collection.Seq<?>) value).iterator();
            for (int i = 0; values.hasNext(); i++) {
                Object x = values.next();
                if (x == null) {
                    throw new IllegalArgumentException("row " + row + " of column '" + column + "': value " + i
                            + " is null");
                }
                put(((Number) x).doubleValue(), row, column, i, d, f, at);
            }
        }
    }

    private static void put(double x, long row, String column, int i, double[] d, float[] f, int at) {
        boolean finite = d != null ? Double.isFinite(x) : Float.isFinite((float) x);
        if (!finite) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "row %d of column '%s': value %d is %s"
                    + " in %s; the objective needs finite values", row, column, i, x, d != null ? "f64" : "f32"));
        }
        if (d != null) {
            d[at + i] = x;
        } else {
            f[at + i] = (float) x;
        }
    }
}
