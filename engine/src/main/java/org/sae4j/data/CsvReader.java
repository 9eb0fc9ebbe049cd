package org.sae4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads comma-separated numbers, one sample per line, into an F64 dataset (features = columns).
 * Fields may carry surrounding spaces; quoting is not supported. Blank lines at the end are ignored.
 */
public final class CsvReader {

    /** Whether the first line holds column names. */
    public enum Header {
        /** The first line is a header when none of its fields is a number. */
        AUTO,
        /** The first line is a header and is skipped. */
        PRESENT,
        /** Every line is data. */
        ABSENT
    }

    private CsvReader() {
    }

    /** Reads {@code file}, detecting a header line ({@link Header#AUTO}). */
    public static Dataset read(Path file) throws IOException {
        return read(file, Header.AUTO);
    }

    /**
     * Reads {@code file} with the given header handling into the heap: one array of doubles, so at most
     * 2³¹ values; a larger file streams into an NPY file once ({@link #forEachRow}, {@code sae convert}).
     *
     * @throws DataFileException naming the file and line for ragged rows, fields that are not decimal
     *                           numbers, NaN or infinite values, blank lines between data lines, a file
     *                           without data lines, or more values than one array holds
     */
    public static Dataset read(Path file, Header header) throws IOException {
        Values values = new Values(file);
        int[] columns = {0};
        int samples = forEachRow(file, header, row -> {
            columns[0] = row.length;
            for (double x : row) {
                values.add(x);
            }
        });
        return Dataset.ofDoubles(columns[0], samples, values.toArray());
    }

    /** What a stream of rows goes to; the array is reused for the next row. */
    @FunctionalInterface
    public interface RowSink {
        void accept(double[] row) throws IOException;
    }

    /**
     * Streams the data rows of {@code file} to {@code sink}, one at a time, holding no more than a line:
     * for files of any size.
     *
     * @return the number of data rows
     * @throws DataFileException as {@link #read(Path, Header)}, but for the size
     */
    public static int forEachRow(Path file, Header header, RowSink sink) throws IOException {
        String source = file.toString();
        int columns = -1;
        int samples = 0;
        int firstBlank = 0;
        double[] row = null;
        DataFiles.requireFile(file);
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    firstBlank = firstBlank == 0 ? lineNo : firstBlank;
                    continue;
                }
                if (firstBlank != 0) {
                    throw new DataFileException(source + ", line " + firstBlank
                            + ": blank line before more data at line " + lineNo
                            + "; only trailing blank lines are allowed");
                }
                String[] fields = line.split(",", -1);
                if (fields.length == 1 && columns < 0) {
                    requireCommas(line, source, lineNo);
                }
                if (lineNo == 1 && isHeader(fields, header)) {
                    continue;
                }
                if (columns < 0) {
                    columns = fields.length;
                    row = new double[columns];
                } else if (fields.length != columns) {
                    throw new DataFileException(source + ", line " + lineNo + ": expected " + columns + " columns, got "
                            + fields.length);
                }
                for (int c = 0; c < fields.length; c++) {
                    row[c] = parse(fields[c], source, lineNo, c, header);
                }
                if (samples == Integer.MAX_VALUE) {
                    throw new DataFileException(source + ": more than " + Integer.MAX_VALUE + " data lines");
                }
                sink.accept(row);
                samples++;
            }
        } catch (CharacterCodingException e) {
            throw new DataFileException(source + ": not UTF-8 text (an invalid byte sequence after line " + lineNo
                    + "; UTF-16 or Latin-1, perhaps); save the file as UTF-8", e);
        }
        if (samples == 0) {
            throw new DataFileException(source + ": no data lines; expected one sample per line");
        }
        return samples;
    }

    /**
     * A first line without commas but with another separator is a file in another dialect, not one
     * column: say what was found rather than taking it for a header and failing on the next line.
     */
    private static void requireCommas(String line, String source, int lineNo) throws DataFileException {
        for (char separator : new char[] {';', '\t', '|'}) {
            if (line.indexOf(separator) >= 0) {
                String name = separator == '\t' ? "tabs" : "'" + separator + "'";
                throw new DataFileException(source + ", line " + lineNo + ": the values are separated by " + name
                        + ", not commas; sae reads comma-separated values (replace the separators)");
            }
        }
    }

    private static boolean isHeader(String[] fields, Header header) {
        switch (header) {
            case PRESENT: return true;
            case ABSENT: return false;
            default: return Arrays.stream(fields).noneMatch(f -> isDecimal(f.strip()));
        }
    }

    private static double parse(String raw, String source, int lineNo, int column, Header header)
            throws DataFileException {
        String f = raw.strip();
        String where = source + ", line " + lineNo + ", column " + (column + 1) + ": ";
        if (isDecimal(f)) {
            double x = Double.parseDouble(f);
            if (Double.isInfinite(x)) {
                throw new DataFileException(where + "value '" + f + "' overflows a double; expected a finite number");
            }
            return x;
        }
        String lower = f.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
            throw new DataFileException(where + "value '" + f + "' is not finite; expected a finite number");
        }
        String hint = lineNo == 1 && header == Header.AUTO
                ? " (if line 1 is a header, say so: --csv-header yes, or CsvReader.Header.PRESENT in code)" : "";
        throw new DataFileException(where + "field '" + f + "' is not a number" + hint);
    }

    /** Plain decimal notation, {@code [+-]digits[.digits][e[+-]digits]}; none of Java's suffixes or hex. */
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A growable double array. */
    private static final class Values {
        private final Path file;
        private double[] data = new double[1024];
        private int size;

        Values(Path file) {
            this.file = file;
        }

        void add(double x) throws DataFileException {
            if (size == data.length) {
                if (data.length >= Integer.MAX_VALUE - 8) {
                    throw new DataFileException(file + ": more values than one heap array holds (2³¹); write it"
                            + " once as an NPY file, which streams and is then read in place: sae convert --csv "
                            + file + " --out SAMPLES.npy");
                }
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, 2L * data.length));
            }
            data[size++] = x;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
