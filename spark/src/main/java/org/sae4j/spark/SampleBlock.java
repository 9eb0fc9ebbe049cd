package org.sae4j.spark;

import java.io.Serializable;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.precision.Precision;

/**
 * Samples [{@code index}·B, {@code index}·B + samples) of the training set, one column-major array
 * (sample s at {@code s * features}), in the precision the run trains in. Blocks are fixed by the data
 * and the block size alone, never by the cluster, so that sums over them are too.
 */
public final class SampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int features;
    private final int samples;
    private final double[] f64;
    private final float[] f32;

    private SampleBlock(int index, int features, int samples, double[] f64, float[] f32) {
        this.index = index;
        this.features = features;
        this.samples = samples;
        this.f64 = f64;
        this.f32 = f32;
    }

    /** Samples [from, from + count) of {@code data} (any store), read in {@code precision}. */
    static SampleBlock of(int index, Dataset data, int from, int count, Precision precision) {
        int v = data.features();
        SampleReader reader = data.range(from, count).toPrecision(precision).reader(count);
        reader.read(0, count);
        if (precision == Precision.F64) {
            double[] values = new double[v * count];
            System.arraycopy(reader.doubles(), reader.offset(), values, 0, values.length);
            return new SampleBlock(index, v, count, values, null);
        }
        float[] values = new float[v * count];
        System.arraycopy(reader.floats(), reader.offset(), values, 0, values.length);
        return new SampleBlock(index, v, count, null, values);
    }

    /** Samples [from, from + count) of this block, as a block of the given index. */
    SampleBlock slice(int newIndex, int from, int count) {
        return f64 != null
                ? new SampleBlock(newIndex, features, count,
                        java.util.Arrays.copyOfRange(f64, from * features, (from + count) * features), null)
                : new SampleBlock(newIndex, features, count, null,
                        java.util.Arrays.copyOfRange(f32, from * features, (from + count) * features));
    }

    /** The pieces, in order, as one block of the given index. */
    static SampleBlock concatenate(int index, java.util.List<SampleBlock> pieces) {
        int features = pieces.get(0).features;
        int samples = 0;
        for (SampleBlock p : pieces) {
            samples += p.samples;
        }
        boolean f64 = pieces.get(0).f64 != null;
        double[] d = f64 ? new double[samples * features] : null;
        float[] f = f64 ? null : new float[samples * features];
        int at = 0;
        for (SampleBlock p : pieces) {
            if (f64) {
                System.arraycopy(p.f64, 0, d, at, p.f64.length);
            } else {
                System.arraycopy(p.f32, 0, f, at, p.f32.length);
            }
            at += p.samples * features;
        }
        return new SampleBlock(index, features, samples, d, f);
    }

    /** A block of f64 samples, column-major. */
    static SampleBlock ofDoubles(int index, int features, int samples, double[] values) {
        return new SampleBlock(index, features, samples, values, null);
    }

    /** A block of f32 samples, column-major. */
    static SampleBlock ofFloats(int index, int features, int samples, float[] values) {
        return new SampleBlock(index, features, samples, null, values);
    }

    public int index() {
        return index;
    }

    public int features() {
        return features;
    }

    public int samples() {
        return samples;
    }

    public Precision precision() {
        return f64 != null ? Precision.F64 : Precision.F32;
    }

    /** The samples as a dataset over this block's own array (no copy). */
    Dataset dataset() {
        return f64 != null ? Dataset.ofDoubles(features, samples, f64) : Dataset.ofFloats(features, samples, f32);
    }
}
