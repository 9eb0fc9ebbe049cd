package org.sae4j.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
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
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * sae4j's binary files, whatever they hold: an 8-byte magic, a big-endian int32 version, the body, and
 * a CRC32 of everything before it. Writing is atomic ({@link AtomicFiles}); reading checks the magic and
 * the version first, every count and length against the bytes the file still has before it allocates,
 * and the checksum at the end, and names the file and the problem in a {@link FileFormatException} of
 * the format's own kind. The model, classifier and checkpoint files are written and read through it.
 */
public final class BinaryFile {
    /** Magic and version. */
    public static final int PREAMBLE_SIZE = 12;
    public static final int CHECKSUM_SIZE = 4;
    private static final int CHUNK = 8192;

    /** How a format's refusals are made: its own exception type. */
    @FunctionalInterface
    public interface Failure {
        FileFormatException of(Path file, String problem);
    }

    /**
     * One format.
     *
     * @param magic     the first 8 bytes, ASCII
     * @param name      what a file of it holds, for messages: {@code "model"}
     * @param writtenBy what writes it, for the message about a folder: {@code "a model file written by sae train"}
     * @param failure   its exception
     */
    public record Format(String magic, String name, String writtenBy, Failure failure) {
        public Format {
            if (magic.length() != 8) {
                throw new IllegalArgumentException("a magic is 8 ASCII characters, got '" + magic + "'");
            }
        }

        FileFormatException fail(Path file, String problem) {
            return failure.of(file, problem);
        }
    }

    /** The body of a file: everything between the version and the checksum. */
    @FunctionalInterface
    public interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private BinaryFile() {
    }

    /** Writes the magic, {@code version}, the body and the checksum to {@code file}, replacing it atomically. */
    public static void write(Path file, Format format, int version, Body body) throws IOException {
        AtomicFiles.write(file, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(format.magic().getBytes(StandardCharsets.US_ASCII));
            data.writeInt(version);
            body.writeTo(data);
            data.flush();
            new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
        });
    }

    /** Writes {@code values} as big-endian float64, without a count. */
    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            bytes.clear();
            bytes.asDoubleBuffer().put(values, from, count);
            out.write(bytes.array(), 0, 8 * count);
        }
    }

    /** Writes the UTF-8 bytes' count, then the bytes. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The bytes {@link #writeString} writes for {@code s}. */
    public static long stringSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Opens {@code file} and reads its magic and version, refusing a folder, another file, a file too
     * short for them, and a version not among {@code versions}.
     *
     * @param minimumSize the size of the smallest valid file of the format, for the message about a short one
     */
    public static Input open(Path file, Format format, long minimumSize, int... versions) throws IOException {
        if (Files.isDirectory(file)) {
            throw format.fail(file, "a folder; expected " + format.writtenBy());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Input in = new Input(file, format, channel);
            in.preamble(minimumSize, versions);
            return in;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A file being read: the fields in order, each checked against what is left. Not thread-safe. */
    public static final class Input implements Closeable {
        private final Path file;
        private final Format format;
        private final FileChannel channel;
        private final long size;
        private final CRC32 crc = new CRC32();
        private final InputStream raw;
        private final DataInputStream in;
        private long offset;
        private int version;

        private Input(Path file, Format format, FileChannel channel) throws IOException {
            this.file = file;
            this.format = format;
            this.channel = channel;
            this.size = channel.size();
            this.raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            this.in = new DataInputStream(new CheckedInputStream(raw, crc));
        }

        private void preamble(long minimumSize, int[] versions) throws IOException {
            byte[] magic = format.magic().getBytes(StandardCharsets.US_ASCII);
            byte[] start = readBytes((int) Math.min(size, magic.length));
            if (!Arrays.equals(start, 0, start.length, magic, 0, start.length)) {
                throw fail("not an sae4j " + format.name() + " file (it does not start with \"" + format.magic()
                        + "\")");
            }
            if (size < PREAMBLE_SIZE + CHECKSUM_SIZE) {
                throw fail("truncated: expected at least " + minimumSize + " bytes (header and checksum), got " + size);
            }
            version = readInt();
            if (Arrays.stream(versions).noneMatch(v -> v == version)) {
                throw fail("unsupported " + format.name() + " format version " + version + " (this version of sae4j"
                        + " reads version"
                        + (versions.length > 1 ? "s " : " ") + joined(versions) + ")");
            }
        }

        private static String joined(int[] versions) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < versions.length; i++) {
                s.append(i == 0 ? "" : i == versions.length - 1 ? " and " : ", ").append(versions[i]);
            }
            return s.toString();
        }

        public Path file() {
            return file;
        }

        /** The version the file says it is in. */
        public int version() {
            return version;
        }

        /** The file's size in bytes. */
        public long size() {
            return size;
        }

        /** The offset of the next byte. */
        public long offset() {
            return offset;
        }

        /** The bytes before the checksum not yet read. */
        public long left() {
            return size - CHECKSUM_SIZE - offset;
        }

        public int readInt() throws IOException {
            int v = guarded(() -> in.readInt());
            offset += 4;
            return v;
        }

        public long readLong() throws IOException {
            long v = guarded(() -> in.readLong());
            offset += 8;
            return v;
        }

        public double readDouble() throws IOException {
            double v = guarded(() -> in.readDouble());
            offset += 8;
            return v;
        }

        /** {@code length} bytes; more than the file has left is refused before allocating. */
        public byte[] readBytes(int length, String what) throws IOException {
            if (length < 0 || length > size - offset) {
                throw fail(what + " at offset " + offset + " claims " + length + " bytes; " + Math.max(0, left())
                        + " are left");
            }
            return readBytes(length);
        }

        private byte[] readBytes(int length) throws IOException {
            byte[] bytes = new byte[length];
            guarded(() -> {
                in.readFully(bytes);
                return null;
            });
            offset += length;
            return bytes;
        }

        /** {@code count} big-endian float64; more than the file has left is refused before allocating. */
        public double[] readDoubles(long count, String what) throws IOException {
            if (count < 0 || count > Integer.MAX_VALUE - 8 || 8 * count > left()) {
                throw fail(what + " at offset " + offset + " claims " + count + " values; the " + Math.max(0, left())
                        + " bytes left hold at most " + Math.max(0, left()) / 8);
            }
            int n = (int) count;
            double[] values = new double[n];
            byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(n, 1))];
            for (int from = 0; from < n; from += CHUNK) {
                int k = Math.min(CHUNK, n - from);
                guarded(() -> {
                    in.readFully(bytes, 0, 8 * k);
                    return null;
                });
                ByteBuffer.wrap(bytes, 0, 8 * k).asDoubleBuffer().get(values, from, k);
            }
            offset += 8L * n;
            return values;
        }

        /** A count and that many bytes of UTF-8, checked against what is left and for valid UTF-8. */
        public String readString(String what) throws IOException {
            long at = offset;
            int length = readInt();
            if (length < 0 || length > left()) {
                throw fail(what + " at offset " + at + " claims " + length + " bytes; " + left() + " are left");
            }
            byte[] bytes = readBytes(length);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw fail(what + " at offset " + at + " is not valid UTF-8; the file is corrupt");
            }
        }

        /** A count of items, each at least {@code minBytes} long, checked against the bytes left. */
        public int readCount(String what, int minBytes) throws IOException {
            long at = offset;
            int count = readInt();
            if (count < 0 || (long) count * minBytes > left()) {
                throw fail("the number of " + what + " at offset " + at + " is " + count + ", more than the "
                        + left() + " bytes left can hold");
            }
            return count;
        }

        /** After the last field: the stored checksum must be what the bytes before it give. */
        public void requireChecksum() throws IOException {
            int computed = (int) crc.getValue();
            int stored = guarded(() -> new DataInputStream(raw).readInt());
            if (computed != stored) {
                throw fail(String.format("checksum mismatch: stored CRC32 0x%08x, computed 0x%08x; the file is"
                        + " corrupt", stored, computed));
            }
        }

        /** A refusal of this file, in the format's exception. */
        public FileFormatException fail(String problem) {
            return format.fail(file, problem);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        private interface Read<T> {
            T get() throws IOException;
        }

        /** A read at the end of the file is the file's fault, reported as such. */
        private <T> T guarded(Read<T> read) throws IOException {
            try {
                return read.get();
            } catch (EOFException e) {
                throw fail("truncated: the file ended while it was being read (it has " + size + " bytes, or it"
                        + " changed while being read)");
            }
        }
    }
}
