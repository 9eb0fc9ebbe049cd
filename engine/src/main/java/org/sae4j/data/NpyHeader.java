package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The preamble of an NPY file: magic, version, and the Python-literal header dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (10000, 64), }}.
 */
record NpyHeader(String source, NpyDtype dtype, boolean fortranOrder, int[] shape, long dataOffset) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_CHARS = 1 << 20;

    /** Reads and validates the preamble at the start of {@code ch}. */
    static NpyHeader read(SeekableByteChannel ch, String source) throws IOException {
        ByteBuffer pre = readAt(ch, 0, 12);
        if (pre.remaining() < 10 || !hasMagic(pre)) {
            throw new DataFileException(source
                    + ": not an NPY file: expected the magic string \\x93NUMPY at byte 0, found "
                    + hex(pre, Math.min(pre.remaining(), MAGIC.length)));
        }
        int major = pre.get(6) & 0xFF;
        int minor = pre.get(7) & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new DataFileException(source + ": unsupported NPY format version " + major + "." + minor
                    + " (bytes 6-7); supported: 1.0, 2.0, 3.0");
        }
        pre.order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else {
            if (pre.remaining() < 12) {
                throw new DataFileException(source + ": truncated NPY preamble: version " + major
                        + ".0 needs 12 bytes, the file has " + pre.remaining());
            }
            headerLen = pre.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        }
        if (headerLen > MAX_HEADER_CHARS) {
            throw new DataFileException(source + ": NPY header length " + headerLen
                    + " (at byte 8) is implausible; at most "
                    + MAX_HEADER_CHARS + " bytes are accepted");
        }
        ByteBuffer raw = readAt(ch, headerStart, (int) headerLen);
        if (raw.remaining() < headerLen) {
            throw new DataFileException(source + ": truncated NPY header: expected " + headerLen
                    + " header bytes at byte "
                    + headerStart + ", the file has " + raw.remaining());
        }
        // Versions 1 and 2 store the header in latin-1; version 3 switched to UTF-8.
        Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = cs.decode(raw).toString();
        Map<String, Object> dict = new DictParser(text, source + ": malformed NPY header dict (starting at byte "
                + headerStart + ")").parse();
        return fromDict(dict, source, headerStart + headerLen);
    }

    private static NpyHeader fromDict(Map<String, Object> dict, String source, long dataOffset)
            throws DataFileException {
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new DataFileException(source + ": NPY header dict lacks the key '" + key + "'; it has "
                        + dict.keySet());
            }
        }
        if (dict.size() != 3) {
            throw new DataFileException(source + ": NPY header dict has unexpected keys " + dict.keySet()
                    + "; expected exactly descr, fortran_order, shape");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw new DataFileException(source + ": unsupported dtype " + descr
                    + " (structured dtypes are not supported); supported: " + NpyDtype.supportedList());
        }
        NpyDtype dtype = NpyDtype.parse((String) descr, source);
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new DataFileException(source + ": NPY header 'fortran_order' must be True or False, got " + fortran);
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof int[])) {
            throw new DataFileException(source + ": NPY header 'shape' must be a tuple of integers, got " + shape);
        }
        return new NpyHeader(source, dtype, (Boolean) fortran, (int[]) shape, dataOffset);
    }

    /** Number of elements; rejects empty arrays and arrays too large for one Java array. */
    int elementCount() throws DataFileException {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new DataFileException(source + ": array of shape " + shapeText(shape) + " is too large: at most "
                        + (Integer.MAX_VALUE - 8) + " elements are supported");
            }
        }
        if (n == 0) {
            throw new DataFileException(source + ": empty array: shape " + shapeText(shape));
        }
        return (int) n;
    }

    /**
     * Number of elements of an array that is read in ranges, never as one Java array: any count a long
     * holds. Rejects empty arrays.
     */
    long valueCount() throws DataFileException {
        long n = 1;
        for (int d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                throw new DataFileException(source + ": array of shape " + shapeText(shape) + " is too large: its"
                        + " element count overflows 64 bits");
            }
            n *= d;
        }
        if (n == 0) {
            throw new DataFileException(source + ": empty array: shape " + shapeText(shape));
        }
        return n;
    }

    /**
     * Refuses a shape with a negative dimension, or whose element count is not {@code values}.
     *
     * @throws IllegalArgumentException naming the shape
     */
    static void requireValues(int[] shape, long values) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeText(shape));
            }
            n *= d;
        }
        if (n != values) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " needs " + n + " values, got "
                    + values);
        }
    }

    /** Python tuple notation: {@code ()}, {@code (5,)}, {@code (10000, 64)}. */
    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return IntStream.of(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static boolean hasMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(ByteBuffer b, int n) {
        if (n == 0) {
            return "an empty file";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("\\x%02x", b.get(i) & 0xFF));
        }
        return s.toString();
    }

    /** Reads up to {@code len} bytes at {@code pos}; fewer only at end of file. */
    private static ByteBuffer readAt(SeekableByteChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            ch.position(pos + b.position());
            int n = ch.read(b);
            if (n < 0) {
                break;
            }
        }
        return b.flip();
    }

    /** Parser for the small Python-literal subset NumPy writes: strings, True/False, integer tuples. */
    private static final class DictParser {
        private final String text;
        private final String context;
        private int pos;

        DictParser(String text, String context) {
            this.text = text;
            this.context = context;
        }

        Map<String, Object> parse() throws DataFileException {
            Map<String, Object> dict = new HashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            while (peek() != '}') {
                int keyAt = pos;
                String key = parseString();
                skipSpace();
                expect(':');
                skipSpace();
                if (dict.put(key, parseValue()) != null) {
                    throw error(keyAt, "duplicate key '" + key + "'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw error(pos, "expected ',' or '}'");
                }
            }
            pos++;
            skipSpace();
            if (pos != text.length()) {
                throw error(pos, "unexpected text after the closing '}'");
            }
            return dict;
        }

        private Object parseValue() throws DataFileException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return parseString();
            }
            if (c == '(') {
                return parseTuple();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw error(pos, "expected a string, True, False or a tuple");
        }

        private String parseString() throws DataFileException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error(pos, "expected a quoted string");
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error(pos, "unterminated string");
            }
            String s = text.substring(pos + 1, end);
            if (s.indexOf('\\') >= 0) {
                throw error(pos, "escape sequences in strings are not supported");
            }
            pos = end + 1;
            return s;
        }

        private int[] parseTuple() throws DataFileException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            skipSpace();
            while (peek() != ')') {
                dims.add(parseDimension());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw error(pos, "expected ',' or ')' in the shape tuple");
                }
            }
            pos++;
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private int parseDimension() throws DataFileException {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(start, "expected a non-negative integer dimension");
            }
            String digits = text.substring(start, pos);
            if (peek() == 'L') {
                pos++; // Python 2 long suffix, as old NumPy wrote it
            }
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw error(start, "dimension " + digits + " exceeds " + Integer.MAX_VALUE);
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) throws DataFileException {
            if (peek() != c) {
                throw error(pos, "expected '" + c + "'");
            }
            pos++;
        }

        private DataFileException error(int at, String what) {
            return new DataFileException(context + ", character " + at + ": " + what + "; header: " + text.strip());
        }
    }
}
