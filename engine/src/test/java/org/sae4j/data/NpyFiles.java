package org.sae4j.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds NPY files byte by byte for tests, independently of the code under test. */
final class NpyFiles {
    private NpyFiles() {
    }

    /** Magic, version, header length (2 or 4 bytes little-endian), dict padded to 64 with '\n', then data. */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        int unpadded = 6 + 2 + lenBytes + text.length + 1;
        int pad = (64 - unpadded % 64) % 64;
        int headerLen = text.length + pad + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        for (int i = 0; i < lenBytes; i++) {
            out.write((headerLen >>> (8 * i)) & 0xFF);
        }
        out.writeBytes(text);
        for (int i = 0; i < pad; i++) {
            out.write(' ');
        }
        out.write('\n');
        out.writeBytes(data);
        return out.toByteArray();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    static byte[] f4(boolean littleEndian, float... values) {
        byte[] b = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
            put(b, 4 * k, Float.floatToRawIntBits(values[k]), 4, littleEndian);
        }
        return b;
    }

    static byte[] f8(boolean littleEndian, double... values) {
        byte[] b = new byte[8 * values.length];
        for (int k = 0; k < values.length; k++) {
            put(b, 8 * k, Double.doubleToRawLongBits(values[k]), 8, littleEndian);
        }
        return b;
    }

    static byte[] i4(boolean littleEndian, int... values) {
        byte[] b = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
            put(b, 4 * k, values[k], 4, littleEndian);
        }
        return b;
    }

    /** A little-endian f4 file of these values, in C order. */
    static java.nio.file.Path npyFile(java.nio.file.Path file, String descr, String shape, float... values)
            throws java.io.IOException {
        return java.nio.file.Files.write(file, npy(1, dict(descr, false, shape), f4(true, values)));
    }

    private static void put(byte[] b, int at, long bits, int size, boolean littleEndian) {
        for (int i = 0; i < size; i++) {
            int shift = 8 * (littleEndian ? i : size - 1 - i);
            b[at + i] = (byte) (bits >>> shift);
        }
    }
}
