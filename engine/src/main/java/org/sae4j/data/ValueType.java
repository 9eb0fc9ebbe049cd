package org.sae4j.data;

import java.util.Locale;

/**
 * How a {@link Dataset} stores its values. Sets stay in the type they came in (pixel bytes stay one
 * byte each) and are converted chunk by chunk, when the engine reads them, into the precision of the
 * products: the stored value, exactly as a double (every type but {@link #I64} converts exactly), times
 * the set's scale, rounded once to that precision.
 */
public enum ValueType {
    F64(8, true, Double.MAX_VALUE),
    F32(4, true, Float.MAX_VALUE),
    /** IEEE 754 half precision. */
    F16(2, true, 65504),
    U8(1, false, 255),
    I8(1, false, 128),
    U16(2, false, 65535),
    I16(2, false, 32768),
    I32(4, false, 2147483648.0),
    I64(8, false, 9.223372036854775807E18);

    private final int bytes;
    private final boolean floatingPoint;
    private final double largestMagnitude;

    ValueType(int bytes, boolean floatingPoint, double largestMagnitude) {
        this.bytes = bytes;
        this.floatingPoint = floatingPoint;
        this.largestMagnitude = largestMagnitude;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** Whether values may be NaN or infinite (so a set of this type must be scanned to be trusted). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The largest |value| the type holds (finite types only matter: an integer type is never NaN). */
    double largestMagnitude() {
        return largestMagnitude;
    }

    /** {@code f64}, {@code u8}, ... */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Half precision bits as a double, exactly (subnormals, infinities and NaN included). */
    static double halfToDouble(short bits) {
        int sign = bits < 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        return sign * Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }
}
