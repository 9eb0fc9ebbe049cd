package org.sae4j.data;

/** The preamble of a 2-D NPY file, written independently of the code under test: for tests that write the data themselves. */
public final class NpyHeaderBytes {
    private NpyHeaderBytes() {
    }

    /** Magic, version 1.0, and the dict of a C-order (rows, columns) array of {@code descr}, padded to 64 bytes. */
    public static byte[] of(String descr, int rows, int columns) {
        return NpyFiles.npy(1, NpyFiles.dict(descr, false, "(" + rows + ", " + columns + ")"), new byte[0]);
    }
}
