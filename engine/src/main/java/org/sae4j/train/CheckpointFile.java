package org.sae4j.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.io.BinaryFile;
import org.sae4j.optim.OptimizerState;

/**
 * Reads and writes checkpoints, format version {@value #VERSION} (docs/checkpoint-format.md): the magic
 * {@code SAE4JCKP}, the version, the payload's length, the payload (the fingerprint, the optimiser's
 * settings, counts, value history and named vectors, all big-endian) and a CRC32 of everything before
 * it ({@link BinaryFile}). Writing is atomic; reading checks every length against the bytes the file has
 * before allocating, and the checksum before returning.
 */
public final class CheckpointFile {
    /** The format version this class writes and the only one it reads. */
    public static final int VERSION = 1;

    private static final BinaryFile.Format FORMAT = new BinaryFile.Format("SAE4JCKP", "checkpoint",
            "a checkpoint written by sae train --checkpoint-every", CheckpointFormatException::new);
    /** Magic, version and payload length. */
    private static final int HEADER_SIZE = BinaryFile.PREAMBLE_SIZE + 8;

    private CheckpointFile() {
    }

    /** Writes {@code checkpoint} to {@code file}, replacing it atomically. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        OptimizerState state = checkpoint.state();
        long payload = payloadSize(checkpoint);
        BinaryFile.write(file, FORMAT, VERSION, data -> {
            data.writeLong(payload);
            data.writeInt(checkpoint.fingerprint().size());
            for (Map.Entry<String, String> e : checkpoint.fingerprint().entrySet()) {
                BinaryFile.writeString(data, e.getKey());
                BinaryFile.writeString(data, e.getValue());
            }
            BinaryFile.writeString(data, state.settings());
            data.writeInt(state.iterations());
            data.writeInt(state.evaluations());
            data.writeLong(state.elapsed().toNanos());
            writeDoubles(data, state.valueHistory());
            int arrays = 0;
            for (String ignored : state.arrayNames()) {
                arrays++;
            }
            data.writeInt(arrays);
            for (String name : state.arrayNames()) {
                BinaryFile.writeString(data, name);
                writeDoubles(data, state.array(name));
            }
        });
    }

    /**
     * Reads and fully validates a checkpoint.
     *
     * @throws CheckpointFormatException if the file is not a complete, intact version-{@value #VERSION}
     *                                   checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        try (BinaryFile.Input in = BinaryFile.open(file, FORMAT, HEADER_SIZE + BinaryFile.CHECKSUM_SIZE, VERSION)) {
            long size = in.size();
            if (size < HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) {
                throw in.fail("truncated: expected at least " + (HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) + " bytes,"
                        + " got " + size);
            }
            long payload = in.readLong();
            long expected = HEADER_SIZE + payload + BinaryFile.CHECKSUM_SIZE;
            if (payload < 0 || expected != size) {
                throw in.fail("the header (offset 12) announces a payload of " + payload + " bytes, so "
                        + (payload < 0 ? "an impossible size" : expected + " bytes in all") + ", but the file has "
                        + size + (size < expected ? ": truncated" : ""));
            }
            int fields = in.readCount("fingerprint fields", 2 * 4);
            Map<String, String> fingerprint = new LinkedHashMap<>();
            for (int i = 0; i < fields; i++) {
                String key = in.readString("a fingerprint key");
                if (fingerprint.put(key, in.readString("the fingerprint's " + key)) != null) {
                    throw in.fail("the fingerprint names '" + key + "' twice");
                }
            }
            String settings = in.readString("the optimiser's settings");
            int iterations = in.readInt();
            int evaluations = in.readInt();
            long elapsedNanos = in.readLong();
            if (iterations < 0 || evaluations < 1 || elapsedNanos < 0) {
                throw in.fail("counts before offset " + in.offset() + " must be iterations >= 0, evaluations >= 1"
                        + " and a time >= 0, got " + iterations + ", " + evaluations + " and " + elapsedNanos + " ns");
            }
            double[] history = in.readDoubles(in.readInt(), "the value history");
            if (history.length != iterations + 1L) {
                throw in.fail("the value history has " + history.length + " entries; " + iterations
                        + " iterations need " + (iterations + 1L));
            }
            int arrays = in.readCount("arrays", 4 + 4);
            Map<String, double[]> named = new LinkedHashMap<>();
            for (int i = 0; i < arrays; i++) {
                String name = in.readString("an array's name");
                if (named.put(name, in.readDoubles(in.readInt(), "the array " + name)) != null) {
                    throw in.fail("the array '" + name + "' appears twice");
                }
            }
            if (in.offset() != HEADER_SIZE + payload) {
                throw in.fail("the payload ends at offset " + in.offset() + " but the header announces "
                        + (HEADER_SIZE + payload));
            }
            in.requireChecksum();
            return new Checkpoint(fingerprint, new OptimizerState(settings, iterations, evaluations,
                    Duration.ofNanos(elapsedNanos), history, named));
        }
    }

    private static long payloadSize(Checkpoint checkpoint) {
        OptimizerState state = checkpoint.state();
        long bytes = 4;
        for (Map.Entry<String, String> e : checkpoint.fingerprint().entrySet()) {
            bytes += BinaryFile.stringSize(e.getKey()) + BinaryFile.stringSize(e.getValue());
        }
        bytes += BinaryFile.stringSize(state.settings()) + 16 + 4 + 8L * (state.iterations() + 1L) + 4;
        for (String name : state.arrayNames()) {
            bytes += BinaryFile.stringSize(name) + 4 + 8L * state.arrayLength(name);
        }
        return bytes;
    }

    /** The count, then the values. */
    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        BinaryFile.writeDoubles(out, values);
    }
}
