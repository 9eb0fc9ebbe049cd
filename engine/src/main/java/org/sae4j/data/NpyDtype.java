package org.sae4j.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The NumPy element types the NPY reader understands, keyed by their {@code descr} string. */
enum NpyDtype {
    F4_LE("<f4", 4, ByteOrder.LITTLE_ENDIAN),
    F4_BE(">f4", 4, ByteOrder.BIG_ENDIAN),
    F8_LE("<f8", 8, ByteOrder.LITTLE_ENDIAN),
    F8_BE(">f8", 8, ByteOrder.BIG_ENDIAN),
    U1("|u1", 1, ByteOrder.LITTLE_ENDIAN),
    I4_LE("<i4", 4, ByteOrder.LITTLE_ENDIAN),
    I4_BE(">i4", 4, ByteOrder.BIG_ENDIAN),
    I8_LE("<i8", 8, ByteOrder.LITTLE_ENDIAN),
    I8_BE(">i8", 8, ByteOrder.BIG_ENDIAN);

    private final String descr;
    private final int itemSize;
    private final ByteOrder order;

    NpyDtype(String descr, int itemSize, ByteOrder order) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.order = order;
    }

    static NpyDtype parse(String descr, String source) throws DataFileException {
        for (NpyDtype t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        throw new DataFileException(source + ": unsupported dtype '" + descr + "'; supported: " + supportedList());
    }

    static String supportedList() {
        return Arrays.stream(values()).map(t -> t.descr).collect(Collectors.joining(", "));
    }

    String descr() {
        return descr;
    }

    int itemSize() {
        return itemSize;
    }

    ByteOrder order() {
        return order;
    }

    boolean isFloat32() {
        return this == F4_LE || this == F4_BE;
    }

    /** Decodes {@code count} elements from the start of {@code chunk} (already in {@link #order()}). */
    void decode(ByteBuffer chunk, double[] dst, int offset, int count) {
        switch (this) {
            case F4_LE: case F4_BE: {
                var in = chunk.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i);
                }
                break;
            }
            case F8_LE: case F8_BE:
                chunk.asDoubleBuffer().get(dst, offset, count);
                break;
            case U1:
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = chunk.get(i) & 0xFF;
                }
                break;
            case I4_LE: case I4_BE: {
                var in = chunk.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i);
                }
                break;
            }
            default: {
                var in = chunk.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i);
                }
            }
        }
    }

    /** Decodes {@code count} 32-bit floats; only for {@link #isFloat32()} types. */
    void decode(ByteBuffer chunk, float[] dst, int offset, int count) {
        if (!isFloat32()) {
            throw new IllegalStateException(descr + " is not a 32-bit float type");
        }
        chunk.asFloatBuffer().get(dst, offset, count);
    }
}
