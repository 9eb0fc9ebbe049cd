package org.sae4j.data;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Where the rows of an NPY file of samples (m, v) in C order lie ({@link NpyReader#rowLayout}): row r is
 * the {@link #rowBytes} bytes from {@code dataOffset + r·rowBytes}, in the file's value type and byte
 * order. A reader of byte ranges reads some rows' bytes and has {@link #rows} make them a dataset.
 *
 * @param source     the file, as messages name it
 * @param samples    m, the rows
 * @param features   v, the values per row
 * @param dataOffset where row 0 starts
 */
public record NpyRows(String source, ValueType type, ByteOrder order, int samples, int features, long dataOffset) {
    public NpyRows {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
    }

    /** The bytes of one row. */
    public long rowBytes() {
        return (long) features * type.bytes();
    }

    /** Where row {@code row} starts in the file. */
    public long offsetOf(long row) {
        return dataOffset + row * rowBytes();
    }

    /**
     * {@code count} rows read from the file, {@code values} holding their bytes one row after the other, as
     * a dataset in the file's type (f4 and f2 read in f32, the others in f64; see {@link Dataset#toPrecision}).
     */
    public Dataset rows(byte[] values, int count) {
        if (values.length != count * rowBytes()) {
            throw new IllegalArgumentException(count + " rows of " + source + " are " + count * rowBytes()
                    + " bytes, got " + values.length);
        }
        return Dataset.of(BufferStorage.ofBytes(features, count, type, order, values), NpyDtype.of(type)
                .naturalPrecision());
    }
}
