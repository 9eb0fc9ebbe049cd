package org.sae4j.model;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.BinaryFile;
import org.sae4j.io.FileFormatException;
import org.sae4j.precision.Precision;

/**
 * Reads and writes trained models in the sae4j binary format, version {@value #VERSION}, described byte
 * by byte in docs/model-format.md: a fixed big-endian header with the configuration, θ as float64, a
 * metadata block, and a CRC32 of everything before it ({@link BinaryFile}). Version 1 files (without the
 * decoder field, always sigmoid) are still read. Writing is atomic (see {@link AtomicFiles}); reading
 * checks every field and the checksum before returning, so it never returns a damaged model.
 */
public final class ModelFile {

    /** The format version this class writes; it also reads version 1. */
    public static final int VERSION = 2;
    private static final int VERSION_1 = 1;

    private static final BinaryFile.Format FORMAT = new BinaryFile.Format("SAE4JMDL", "model",
            "a model file written by sae train", ModelFormatException::new);
    /** Bytes before θ: version 2 adds the decoder at offset 60. */
    private static final int HEADER_SIZE = 64;
    private static final int HEADER_SIZE_V1 = 60;
    private static final int DECODER_SIGMOID = 0;
    private static final int DECODER_LINEAR = 1;

    private static final int PRECISION_F64 = 64;
    private static final int PRECISION_F32 = 32;
    /** The largest array most JVMs can allocate. */
    private static final long MAX_THETA = Integer.MAX_VALUE - 8;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically if it exists.
     *
     * @throws IllegalArgumentException if a metadata string is not valid Unicode; nothing is written then
     */
    public static void write(Path file, StoredModel model) throws IOException {
        byte[] metadata = MetadataCodec.encode(model.metadata());
        SparseAutoencoderConfig config = model.model().config();
        double[] theta = model.model().theta();
        BinaryFile.write(file, FORMAT, VERSION, data -> {
            data.writeInt(config.visible());
            data.writeInt(config.hidden());
            data.writeDouble(config.rho());
            data.writeDouble(config.lambda());
            data.writeDouble(config.beta());
            data.writeInt(model.precision() == Precision.F64 ? PRECISION_F64 : PRECISION_F32);
            data.writeLong(theta.length);
            data.writeInt(metadata.length);
            data.writeInt(config.outputLayer() == OutputLayer.LINEAR ? DECODER_LINEAR : DECODER_SIGMOID);
            BinaryFile.writeDoubles(data, theta);
            data.write(metadata);
        });
    }

    /**
     * Reads and fully validates a model file.
     *
     * @throws ModelFormatException if the file is not a complete, intact version-1 or version-{@value #VERSION}
     *                              model
     */
    public static StoredModel read(Path file) throws IOException {
        try (BinaryFile.Input in = BinaryFile.open(file, FORMAT, HEADER_SIZE_V1 + BinaryFile.CHECKSUM_SIZE, VERSION_1,
                VERSION)) {
            int version = in.version();
            int headerSize = version == VERSION_1 ? HEADER_SIZE_V1 : HEADER_SIZE;
            long size = in.size();
            if (size < headerSize + BinaryFile.CHECKSUM_SIZE) {
                throw in.fail("truncated: expected at least " + (headerSize + BinaryFile.CHECKSUM_SIZE)
                        + " bytes (header and checksum), got " + size);
            }
            int visible = in.readInt();
            int hidden = in.readInt();
            double rho = in.readDouble();
            double lambda = in.readDouble();
            double beta = in.readDouble();
            int precisionCode = in.readInt();
            long thetaLength = in.readLong();
            int metadataLength = in.readInt();
            OutputLayer outputLayer = version == VERSION_1 ? OutputLayer.SIGMOID : outputLayer(in, in.readInt());
            checkLengths(in, visible, hidden, thetaLength, metadataLength);
            long expectedSize = headerSize + 8 * thetaLength + metadataLength + BinaryFile.CHECKSUM_SIZE;
            if (size < expectedSize) {
                throw in.fail("truncated: expected " + expectedSize + " bytes, got " + size);
            }
            if (size > expectedSize) {
                throw in.fail("expected " + expectedSize + " bytes, got " + size + ": unexpected data after the"
                        + " checksum");
            }
            double[] theta = in.readDoubles(thetaLength, "theta");
            byte[] metadata = in.readBytes(metadataLength, "the metadata");
            in.requireChecksum();

            Precision precision = precision(in, precisionCode);
            ModelMetadata meta = MetadataCodec.decode(file, metadata, headerSize + 8 * thetaLength);
            try {
                return new StoredModel(new TrainedModel(new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta,
                        outputLayer), theta), precision, meta);
            } catch (IllegalArgumentException e) {
                throw in.fail("invalid model: " + e.getMessage());
            }
        }
    }

    private static OutputLayer outputLayer(BinaryFile.Input in, int code) throws FileFormatException {
        switch (code) {
            case DECODER_SIGMOID: return OutputLayer.SIGMOID;
            case DECODER_LINEAR: return OutputLayer.LINEAR;
            default: throw in.fail("decoder (offset 60) must be " + DECODER_SIGMOID + " (sigmoid) or " + DECODER_LINEAR
                    + " (linear), got " + code);
        }
    }

    private static void checkLengths(BinaryFile.Input in, int visible, int hidden, long thetaLength,
                                     int metadataLength) throws FileFormatException {
        if (visible < 1) {
            throw in.fail("visible units (offset 12) must be >= 1, got " + visible);
        }
        if (hidden < 1) {
            throw in.fail("hidden units (offset 16) must be >= 1, got " + hidden);
        }
        long expected = SparseAutoencoderConfig.parameterCount(visible, hidden);
        if (thetaLength != expected) {
            throw in.fail("theta length (offset 48) must be 2hv + h + v = " + expected + " for v = " + visible
                    + ", h = " + hidden + ", got " + thetaLength);
        }
        if (thetaLength > MAX_THETA) {
            throw in.fail("theta length " + thetaLength + " is larger than a Java array can hold");
        }
        if (metadataLength < 0) {
            throw in.fail("metadata length (offset 56) must be >= 0, got " + metadataLength);
        }
    }

    private static Precision precision(BinaryFile.Input in, int code) throws FileFormatException {
        switch (code) {
            case PRECISION_F64: return Precision.F64;
            case PRECISION_F32: return Precision.F32;
            default: throw in.fail("precision (offset 44) must be " + PRECISION_F64 + " (f64) or " + PRECISION_F32
                    + " (f32), got " + code);
        }
    }
}
