package org.sae4j.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.sae4j.io.AtomicFiles;
import org.sae4j.optim.OptimizerState;

/**
 * Reads and writes checkpoints, format version {@value #VERSION} (docs/checkpoint-format.md): the magic
 * {@code SAE4JCKP}, the version, the payload's length, the payload (the fingerprint, the optimiser's
 * settings, counts, value history and named vectors, all big-endian) and a CRC32 of everything before
 * it. Writing is atomic; reading checks every length against the bytes the file has before allocating,
 * and the checksum before returning.
 */
public final class CheckpointFile {
    /** The format version this class writes and the only one it reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "SAE4JCKP".getBytes(StandardCharsets.US_ASCII);
    /** Magic, version and payload length. */
    private static final int HEADER_SIZE = 20;
    private static final int CHECKSUM_SIZE = 4;
    private static final int CHUNK = 8192;

    private CheckpointFile() {
    }

    /** Writes {@code checkpoint} to {@code file}, replacing it atomically. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        OptimizerState state = checkpoint.state();
        long payload = payloadSize(checkpoint);
        AtomicFiles.write(file, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeLong(payload);
            data.writeInt(checkpoint.fingerprint().size());
            for (Map.Entry<String, String> e : checkpoint.fingerprint().entrySet()) {
                writeString(data, e.getKey());
                writeString(data, e.getValue());
            }
            writeString(data, state.settings());
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
                writeString(data, name);
                writeDoubles(data, state.array(name));
            }
            data.flush();
            new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
        });
    }

    /**
     * Reads and fully validates a checkpoint.
     *
     * @throws CheckpointFormatException if the file is not a complete, intact version-{@value #VERSION}
     *                                   checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CheckpointFormatException(file, "a folder; expected a checkpoint written by sae train"
                    + " --checkpoint-every");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            CRC32 crc = new CRC32();
            InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            Reader reader = new Reader(file, new DataInputStream(new CheckedInputStream(raw, crc)), size);
            try {
                Checkpoint checkpoint = reader.checkpoint();
                int computed = (int) crc.getValue();
                int stored = new DataInputStream(raw).readInt();
                if (computed != stored) {
                    throw new CheckpointFormatException(file, String.format("checksum mismatch: stored CRC32"
                            + " 0x%08x, computed 0x%08x; the file is corrupt", stored, computed));
                }
                return checkpoint;
            } catch (EOFException e) {
                throw new CheckpointFormatException(file, "truncated: the file ended while it was being read"
                        + " (it has " + size + " bytes, or it changed while being read)");
            }
        }
    }

    /** Parses the header and payload, keeping count of the bytes left so no length is trusted unchecked. */
    private static final class Reader {
        private final Path file;
        private final DataInputStream in;
        private final long size;
        long offset;

        Reader(Path file, DataInputStream in, long size) {
            this.file = file;
            this.in = in;
            this.size = size;
        }

        Checkpoint checkpoint() throws IOException {
            if (size < HEADER_SIZE + CHECKSUM_SIZE) {
                byte[] start = new byte[(int) Math.min(size, MAGIC.length)];
                in.readFully(start);
                requireMagic(start);
                throw fail("truncated: expected at least " + (HEADER_SIZE + CHECKSUM_SIZE) + " bytes, got " + size);
            }
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            requireMagic(magic);
            int version = in.readInt();
            if (version != VERSION) {
                throw fail("unsupported checkpoint version " + version + " (this version of sae4j reads version "
                        + VERSION + ")");
            }
            long payload = in.readLong();
            offset = HEADER_SIZE;
            long expected = HEADER_SIZE + payload + CHECKSUM_SIZE;
            if (payload < 0 || expected != size) {
                throw fail("the header (offset 12) announces a payload of " + payload + " bytes, so "
                        + (payload < 0 ? "an impossible size" : expected + " bytes in all") + ", but the file has "
                        + size + (size < expected ? ": truncated" : ""));
            }
            int fields = count("fingerprint fields", 2 * 4);
            Map<String, String> fingerprint = new LinkedHashMap<>();
            for (int i = 0; i < fields; i++) {
                String key = string();
                if (fingerprint.put(key, string()) != null) {
                    throw fail("the fingerprint names '" + key + "' twice");
                }
            }
            String settings = string();
            int iterations = in.readInt();
            int evaluations = in.readInt();
            long elapsedNanos = in.readLong();
            offset += 16;
            if (iterations < 0 || evaluations < 1 || elapsedNanos < 0) {
                throw fail("counts before offset " + offset + " must be iterations >= 0, evaluations >= 1 and a"
                        + " time >= 0, got " + iterations + ", " + evaluations + " and " + elapsedNanos + " ns");
            }
            double[] history = doubles("value history");
            if (history.length != iterations + 1L) {
                throw fail("the value history has " + history.length + " entries; " + iterations
                        + " iterations need " + (iterations + 1L));
            }
            int arrays = count("arrays", 4 + 4);
            Map<String, double[]> named = new LinkedHashMap<>();
            for (int i = 0; i < arrays; i++) {
                String name = string();
                if (named.put(name, doubles("array " + name)) != null) {
                    throw fail("the array '" + name + "' appears twice");
                }
            }
            if (offset != HEADER_SIZE + payload) {
                throw fail("the payload ends at offset " + offset + " but the header announces "
                        + (HEADER_SIZE + payload));
            }
            return new Checkpoint(fingerprint, new OptimizerState(settings, iterations, evaluations,
                    Duration.ofNanos(elapsedNanos), history, named));
        }

        private void requireMagic(byte[] start) throws CheckpointFormatException {
            if (!Arrays.equals(start, 0, start.length, MAGIC, 0, start.length)) {
                throw fail("not an sae4j checkpoint (it does not start with \"SAE4JCKP\")");
            }
        }

        /** A count of items, each at least {@code minBytes} long, checked against the bytes left. */
        private int count(String what, int minBytes) throws IOException {
            long at = offset;
            int count = in.readInt();
            offset += 4;
            if (count < 0 || (long) count * minBytes > left()) {
                throw fail("the number of " + what + " at offset " + at + " is " + count + ", more than the "
                        + left() + " bytes left can hold");
            }
            return count;
        }

        private String string() throws IOException {
            long at = offset;
            int length = in.readInt();
            offset += 4;
            if (length < 0 || length > left()) {
                throw fail("a string at offset " + at + " claims " + length + " bytes; " + left() + " are left");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            offset += length;
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw fail("the string at offset " + at + " is not valid UTF-8; the file is corrupt");
            }
        }

        private double[] doubles(String what) throws IOException {
            long at = offset;
            int length = in.readInt();
            offset += 4;
            if (length < 0 || 8L * length > left()) {
                throw fail("the " + what + " at offset " + at + " claims " + length + " values; the "
                        + left() + " bytes left hold at most " + left() / 8);
            }
            double[] values = new double[length];
            byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(length, 1))];
            for (int from = 0; from < length; from += CHUNK) {
                int n = Math.min(CHUNK, length - from);
                in.readFully(bytes, 0, 8 * n);
                ByteBuffer.wrap(bytes, 0, 8 * n).asDoubleBuffer().get(values, from, n);
            }
            offset += 8L * length;
            return values;
        }

        /** Payload bytes not yet read. */
        private long left() {
            return size - CHECKSUM_SIZE - offset;
        }

        private CheckpointFormatException fail(String problem) {
            return new CheckpointFormatException(file, problem);
        }
    }

    private static long payloadSize(Checkpoint checkpoint) {
        OptimizerState state = checkpoint.state();
        long bytes = 4;
        for (Map.Entry<String, String> e : checkpoint.fingerprint().entrySet()) {
            bytes += utfSize(e.getKey()) + utfSize(e.getValue());
        }
        bytes += utfSize(state.settings()) + 16 + 4 + 8L * (state.iterations() + 1L) + 4;
        for (String name : state.arrayNames()) {
            bytes += utfSize(name) + 4 + 8L * state.arrayLength(name);
        }
        return bytes;
    }

    /** The bytes {@link #writeString} writes for {@code s}. */
    private static long utfSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The UTF-8 bytes' count, then the bytes. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            bytes.clear();
            bytes.asDoubleBuffer().put(values, from, count);
            out.write(bytes.array(), 0, 8 * count);
        }
    }
}
