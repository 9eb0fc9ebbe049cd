package org.sae4j.data;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.precision.Precision;

/**
 * The same samples in every kind of store, with segments and windows small enough that chunks cross
 * their boundaries: for the suites that check that every store gives the same bits.
 */
public final class TestStores {
    private TestStores() {
    }

    /** {@code data} copied into heap segments of {@code segmentSamples} samples each, in its precision. */
    public static Dataset segmented(Dataset data, int segmentSamples) {
        DatasetBuilder b = DatasetBuilder.of(data.features(), data.samples(), data.precision(), segmentSamples);
        SampleReader r = data.reader(data.samples());
        r.read(0, data.samples());
        if (data.precision() == Precision.F64) {
            b.put(0, data.samples(), r.doubles(), r.offset());
        } else {
            b.put(0, data.samples(), r.floats(), r.offset());
        }
        return b.build();
    }

    /** {@code data} written to {@code file} as an NPY array of {@code type}, mapped in windows of about {@code windowBytes}. */
    public static Dataset mapped(Dataset data, ValueType type, Path file, long windowBytes) throws IOException {
        NpyWriter.writeSamples(file, data, type);
        return NpyReader.mapSamples(file, windowBytes).toPrecision(data.precision());
    }

    /** The segments of a heap store, or the windows of a mapped one. */
    public static int pieces(Dataset data) {
        SampleStorage s = data.storage();
        return s instanceof ArrayStorage a ? a.segments() : ((BufferStorage) s).windows();
    }
}
