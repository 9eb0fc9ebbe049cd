package org.sae4j.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.sae4j.precision.Precision;

/** The NumPy element types the NPY reader understands, keyed by their {@code descr} string. */
enum NpyDtype {
    F8_LE("<f8", ValueType.F64, ByteOrder.LITTLE_ENDIAN),
    F8_BE(">f8", ValueType.F64, ByteOrder.BIG_ENDIAN),
    F4_LE("<f4", ValueType.F32, ByteOrder.LITTLE_ENDIAN),
    F4_BE(">f4", ValueType.F32, ByteOrder.BIG_ENDIAN),
    F2_LE("<f2", ValueType.F16, ByteOrder.LITTLE_ENDIAN),
    F2_BE(">f2", ValueType.F16, ByteOrder.BIG_ENDIAN),
    U1("|u1", ValueType.U8, ByteOrder.LITTLE_ENDIAN),
    I1("|i1", ValueType.I8, ByteOrder.LITTLE_ENDIAN),
    U2_LE("<u2", ValueType.U16, ByteOrder.LITTLE_ENDIAN),
    U2_BE(">u2", ValueType.U16, ByteOrder.BIG_ENDIAN),
    I2_LE("<i2", ValueType.I16, ByteOrder.LITTLE_ENDIAN),
    I2_BE(">i2", ValueType.I16, ByteOrder.BIG_ENDIAN),
    I4_LE("<i4", ValueType.I32, ByteOrder.LITTLE_ENDIAN),
    I4_BE(">i4", ValueType.I32, ByteOrder.BIG_ENDIAN),
    I8_LE("<i8", ValueType.I64, ByteOrder.LITTLE_ENDIAN),
    I8_BE(">i8", ValueType.I64, ByteOrder.BIG_ENDIAN);

    private final String descr;
    private final ValueType type;
    private final ByteOrder order;

    NpyDtype(String descr, ValueType type, ByteOrder order) {
        this.descr = descr;
        this.type = type;
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

    /** The little-endian (or byte-sized) dtype of a value type: what the writer writes. */
    static NpyDtype of(ValueType type) {
        for (NpyDtype t : values()) {
            if (t.type == type && t.order == ByteOrder.LITTLE_ENDIAN) {
                return t;
            }
        }
        throw new IllegalArgumentException("no NPY dtype for " + type);
    }

    static String supportedList() {
        return Arrays.stream(values()).map(t -> t.descr).collect(Collectors.joining(", "));
    }

    String descr() {
        return descr;
    }

    ValueType type() {
        return type;
    }

    int itemSize() {
        return type.bytes();
    }

    ByteOrder order() {
        return order;
    }

    /** The precision a set of this dtype is read in unless asked otherwise: f32 for f4 and f2, else f64. */
    Precision naturalPrecision() {
        return type == ValueType.F32 || type == ValueType.F16 ? Precision.F32 : Precision.F64;
    }

    /** Decodes {@code count} elements from the start of {@code chunk} (already in {@link #order()}). */
    void decode(ByteBuffer chunk, double[] dst, int offset, int count) {
        switch (type) {
            case F64: chunk.asDoubleBuffer().get(dst, offset, count); break;
            case F32: {
                var in = chunk.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i);
                }
                break;
            }
            case F16: {
                var in = chunk.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = ValueType.halfToDouble(in.get(i));
                }
                break;
            }
            case U8: for (int i = 0; i < count; i++) {
                    dst[offset + i] = chunk.get(i) & 0xFF;
                }
                break;
            case I8: for (int i = 0; i < count; i++) {
                    dst[offset + i] = chunk.get(i);
                }
                break;
            case U16: {
                var in = chunk.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i) & 0xFFFF;
                }
                break;
            }
            case I16: {
                var in = chunk.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = in.get(i);
                }
                break;
            }
            case I32: {
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

    /** Decodes {@code count} 32-bit floats; only for {@link ValueType#F32}. */
    void decode(ByteBuffer chunk, float[] dst, int offset, int count) {
        if (type != ValueType.F32) {
            throw new IllegalStateException(descr + " is not a 32-bit float type");
        }
        chunk.asFloatBuffer().get(dst, offset, count);
    }
}
