package org.sae4j.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata block of a model file (layout in docs/model-format.md). */
final class MetadataCodec {

    private MetadataCodec() {
    }

    static byte[] encode(ModelMetadata meta) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, "termination reason", meta.terminationReason());
            out.writeInt(meta.iterations());
            out.writeInt(meta.evaluations());
            out.writeDouble(meta.finalCost());
            out.writeDouble(meta.seconds());
            writeString(out, "backend", meta.backend());
            out.writeInt(meta.threads());
            out.writeLong(meta.seed());
            out.writeLong(meta.created().getEpochSecond());
            out.writeInt(meta.created().getNano());
            out.writeInt(meta.extra().size());
            for (Map.Entry<String, String> e : meta.extra().entrySet()) {
                writeString(out, "extra key", e.getKey());
                writeString(out, "extra value of " + e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a whole metadata block whose checksum has already been verified.
     *
     * @param start file offset of the block, for error messages
     */
    static ModelMetadata decode(Path file, byte[] block, long start) throws ModelFormatException {
        Cursor in = new Cursor(file, ByteBuffer.wrap(block), start);
        String reason = in.string("termination reason");
        int iterations = in.buffer(4, "iterations").getInt();
        int evaluations = in.buffer(4, "evaluations").getInt();
        double finalCost = in.buffer(8, "final cost").getDouble();
        double seconds = in.buffer(8, "seconds").getDouble();
        String backend = in.string("backend");
        int threads = in.buffer(4, "threads").getInt();
        long seed = in.buffer(8, "seed").getLong();
        long epochSecond = in.buffer(8, "created (seconds)").getLong();
        int nano = in.buffer(4, "created (nanoseconds)").getInt();
        Instant created = instant(in, epochSecond, nano);
        Map<String, String> extra = extra(in);
        if (in.buffer.hasRemaining()) {
            throw in.error("metadata block has " + in.buffer.remaining() + " unused bytes at its end");
        }
        try {
            return new ModelMetadata(reason, iterations, evaluations, finalCost, seconds, backend, threads, seed,
                    created, extra);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid " + e.getMessage());
        }
    }

    private static Instant instant(Cursor in, long epochSecond, int nano) throws ModelFormatException {
        if (nano < 0 || nano > 999_999_999) {
            throw in.error("metadata created (nanoseconds) must be in [0, 999999999], got "
                    + nano);
        }
        try {
            return Instant.ofEpochSecond(epochSecond, nano);
        } catch (DateTimeException e) {
            throw in.error("metadata created (seconds) " + epochSecond
                    + " is outside the range of java.time.Instant");
        }
    }

    private static Map<String, String> extra(Cursor in) throws ModelFormatException {
        long countOffset = in.offset();
        int count = in.buffer(4, "extra count").getInt();
        if (count < 0) {
            throw in.error("metadata extra count at offset " + countOffset
                    + " must be >= 0, got " + count);
        }
        Map<String, String> extra = new LinkedHashMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            long keyOffset = in.offset();
            String key = in.string("extra key " + i);
            if (previous != null && previous.compareTo(key) >= 0) {
                throw in.error("metadata extra key " + i + " at offset " + keyOffset
                        + " ('" + key + "') must sort after the previous key ('" + previous + "')");
            }
            extra.put(key, in.string("extra value " + i));
            previous = key;
        }
        return extra;
    }

    private static void writeString(DataOutputStream out, String field, String value) throws IOException {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("metadata " + field + " is not valid Unicode (unpaired surrogate)");
        }
        out.writeInt(utf8.remaining());
        out.write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
    }

    /** Reads fields in order, turning every overrun or bad value into a message with its file offset. */
    private static final class Cursor {
        final Path file;
        final ByteBuffer buffer;
        final long start;

        Cursor(Path file, ByteBuffer buffer, long start) {
            this.file = file;
            this.buffer = buffer;
            this.start = start;
        }

        long offset() {
            return start + buffer.position();
        }

        /** The buffer, after checking that {@code size} bytes of {@code field} remain. */
        ByteBuffer buffer(int size, String field) throws ModelFormatException {
            if (buffer.remaining() < size) {
                throw error("metadata " + field + " at offset " + offset() + " needs " + size
                        + " bytes, only " + buffer.remaining() + " remain in the metadata block");
            }
            return buffer;
        }

        String string(String field) throws ModelFormatException {
            long lengthOffset = offset();
            int length = buffer(4, field + " length").getInt();
            if (length < 0) {
                throw error("metadata " + field + " length at offset " + lengthOffset + " is negative: " + length);
            }
            ByteBuffer bytes = buffer(length, field).slice();
            bytes.limit(length);
            try {
                String value = StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
                buffer.position(buffer.position() + length);
                return value;
            } catch (CharacterCodingException e) {
                throw error("metadata " + field + " at offset " + offset() + " is not valid UTF-8");
            }
        }

        ModelFormatException error(String problem) {
            return new ModelFormatException(file, problem);
        }
    }
}
