package org.sae4j.model;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.sae4j.autoencoder.Decoder;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.data.Precision;
import org.sae4j.io.AtomicFiles;

/**
 * Reads and writes trained models in the sae4j binary format, version {@value #VERSION}, described byte
 * by byte in docs/model-format.md: a fixed big-endian header with the configuration, θ as float64, a
 * metadata block, and a CRC32 of everything before it. Version 1 files (without the decoder field,
 * always sigmoid) are still read. Writing is atomic (see {@link AtomicFiles});
 * reading checks every field and the checksum before returning, so it never returns a damaged model.
 */
public final class ModelFile {

    /** The format version this class writes; it also reads version 1. */
    public static final int VERSION = 2;
    private static final int VERSION_1 = 1;

    private static final byte[] MAGIC = "SAE4JMDL".getBytes(StandardCharsets.US_ASCII);
    /** Bytes before θ: version 2 adds the decoder at offset 60. */
    private static final int HEADER_SIZE = 64;
    private static final int HEADER_SIZE_V1 = 60;
    private static final int DECODER_SIGMOID = 0;
    private static final int DECODER_LINEAR = 1;
    private static final int CHECKSUM_SIZE = 4;

    private static final int PRECISION_F64 = 64;
    private static final int PRECISION_F32 = 32;
    /** The largest array most JVMs can allocate. */
    private static final long MAX_THETA = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 8192;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically if it exists.
     *
     * @throws IllegalArgumentException if a metadata string is not valid Unicode; nothing is written then
     */
    public static void write(Path file, StoredModel model) throws IOException {
        byte[] metadata = MetadataCodec.encode(model.metadata());
        SparseAutoencoder config = model.model().config();
        double[] theta = model.model().theta();
        AtomicFiles.write(file, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeInt(config.visible());
            data.writeInt(config.hidden());
            data.writeDouble(config.rho());
            data.writeDouble(config.lambda());
            data.writeDouble(config.beta());
            data.writeInt(model.precision() == Precision.F64 ? PRECISION_F64 : PRECISION_F32);
            data.writeLong(theta.length);
            data.writeInt(metadata.length);
            data.writeInt(config.decoder() == Decoder.LINEAR ? DECODER_LINEAR : DECODER_SIGMOID);
            writeDoubles(data, theta);
            data.write(metadata);
            int crc = (int) checked.getChecksum().getValue();
            new DataOutputStream(out).writeInt(crc);
        });
    }

    /**
     * Reads and fully validates a model file.
     *
     * @throws ModelFormatException if the file is not a complete, intact version-1 or version-{@value #VERSION}
     *                              model
     */
    public static StoredModel read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, "a folder; expected a model file written by sae train");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            CRC32 crc = new CRC32();
            InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            try {
                return read(file, size, in, crc, new DataInputStream(raw));
            } catch (EOFException e) {
                throw new ModelFormatException(file, "truncated: the file ended while it was being read"
                        + " (it has " + size + " bytes, or it changed while being read)");
            }
        }
    }

    /** @param unchecked the stream under {@code in}, to read the stored checksum without adding it to crc */
    private static StoredModel read(Path file, long size, DataInputStream in, CRC32 crc, DataInputStream unchecked)
            throws IOException {
        byte[] start = new byte[(int) Math.min(size, HEADER_SIZE_V1)];
        in.readFully(start);
        int version = checkMagicAndVersion(file, ByteBuffer.wrap(start), size);
        int headerSize = version == VERSION_1 ? HEADER_SIZE_V1 : HEADER_SIZE;
        byte[] header = Arrays.copyOf(start, headerSize);
        in.readFully(header, HEADER_SIZE_V1, headerSize - HEADER_SIZE_V1);
        ByteBuffer h = ByteBuffer.wrap(header);
        int visible = h.getInt(12);
        int hidden = h.getInt(16);
        double rho = h.getDouble(20);
        double lambda = h.getDouble(28);
        double beta = h.getDouble(36);
        int precisionCode = h.getInt(44);
        long thetaLength = h.getLong(48);
        int metadataLength = h.getInt(56);
        Decoder decoder = version == VERSION_1 ? Decoder.SIGMOID : decoder(file, h.getInt(60));
        checkLengths(file, visible, hidden, thetaLength, metadataLength);
        long expectedSize = headerSize + 8 * thetaLength + metadataLength + CHECKSUM_SIZE;
        if (size < expectedSize) {
            throw new ModelFormatException(file, "truncated: expected " + expectedSize + " bytes, got " + size);
        }
        if (size > expectedSize) {
            throw new ModelFormatException(file, "expected " + expectedSize + " bytes, got " + size
                    + ": unexpected data after the checksum");
        }

        double[] theta = readDoubles(in, (int) thetaLength);
        byte[] metadata = new byte[metadataLength];
        in.readFully(metadata);
        int computed = (int) crc.getValue();
        int stored = unchecked.readInt();
        if (computed != stored) {
            throw new ModelFormatException(file, String.format(
                    "checksum mismatch: stored CRC32 0x%08x, computed 0x%08x; the file is corrupt", stored, computed));
        }

        Precision precision = precision(file, precisionCode);
        ModelMetadata meta = MetadataCodec.decode(file, metadata, headerSize + 8 * thetaLength);
        try {
            return new StoredModel(new TrainedModel(new SparseAutoencoder(visible, hidden, rho, lambda, beta, decoder),
                    theta), precision, meta);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid model: " + e.getMessage());
        }
    }

    /** @return the version, 1 or {@value #VERSION} */
    private static int checkMagicAndVersion(Path file, ByteBuffer header, long size) throws ModelFormatException {
        int magicBytes = Math.min(header.capacity(), MAGIC.length);
        if (!Arrays.equals(header.array(), 0, magicBytes, MAGIC, 0, magicBytes)) {
            throw new ModelFormatException(file, "not an sae4j model file (it does not start with \"SAE4JMDL\")");
        }
        if (size < MAGIC.length + 4) {
            throw truncatedHeader(file, size, HEADER_SIZE_V1);
        }
        int version = header.getInt(MAGIC.length);
        if (version != VERSION && version != VERSION_1) {
            throw new ModelFormatException(file, "unsupported format version " + version
                    + " (this version of sae4j reads versions 1 and " + VERSION + ")");
        }
        int headerSize = version == VERSION_1 ? HEADER_SIZE_V1 : HEADER_SIZE;
        if (size < headerSize + CHECKSUM_SIZE) {
            throw truncatedHeader(file, size, headerSize);
        }
        return version;
    }

    private static ModelFormatException truncatedHeader(Path file, long size, int headerSize) {
        return new ModelFormatException(file, "truncated: expected at least " + (headerSize + CHECKSUM_SIZE)
                + " bytes (header and checksum), got " + size);
    }

    private static Decoder decoder(Path file, int code) throws ModelFormatException {
        switch (code) {
            case DECODER_SIGMOID: return Decoder.SIGMOID;
            case DECODER_LINEAR: return Decoder.LINEAR;
            default: throw new ModelFormatException(file, "decoder (offset 60) must be " + DECODER_SIGMOID
                    + " (sigmoid) or " + DECODER_LINEAR + " (linear), got " + code);
        }
    }

    private static void checkLengths(Path file, int visible, int hidden, long thetaLength, int metadataLength)
            throws ModelFormatException {
        if (visible < 1) {
            throw new ModelFormatException(file, "visible units (offset 12) must be >= 1, got " + visible);
        }
        if (hidden < 1) {
            throw new ModelFormatException(file, "hidden units (offset 16) must be >= 1, got " + hidden);
        }
        long expected = SparseAutoencoder.parameterCount(visible, hidden);
        if (thetaLength != expected) {
            throw new ModelFormatException(file, "theta length (offset 48) must be 2hv + h + v = " + expected
                    + " for v = " + visible + ", h = " + hidden + ", got " + thetaLength);
        }
        if (thetaLength > MAX_THETA) {
            throw new ModelFormatException(file, "theta length " + thetaLength
                    + " is larger than a Java array can hold");
        }
        if (metadataLength < 0) {
            throw new ModelFormatException(file, "metadata length (offset 56) must be >= 0, got " + metadataLength);
        }
    }

    private static Precision precision(Path file, int code) throws ModelFormatException {
        switch (code) {
            case PRECISION_F64: return Precision.F64;
            case PRECISION_F32: return Precision.F32;
            default: throw new ModelFormatException(file, "precision (offset 44) must be " + PRECISION_F64
                    + " (f64) or " + PRECISION_F32 + " (f32), got " + code);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            bytes.clear();
            bytes.asDoubleBuffer().put(values, from, count);
            out.write(bytes.array(), 0, 8 * count);
        }
    }

    private static double[] readDoubles(DataInputStream in, int length) throws IOException {
        double[] values = new double[length];
        byte[] bytes = new byte[8 * CHUNK];
        for (int from = 0; from < length; from += CHUNK) {
            int count = Math.min(CHUNK, length - from);
            in.readFully(bytes, 0, 8 * count);
            ByteBuffer.wrap(bytes, 0, 8 * count).asDoubleBuffer().get(values, from, count);
        }
        return values;
    }
}
