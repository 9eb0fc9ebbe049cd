package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.data.CsvReader;
import org.sae4j.data.IdxReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;
import org.sae4j.options.Checks;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae convert}: a gzip IDX or CSV file, once, as an NPY file that is read in place. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a gzip or plain IDX image file, or a CSV file, as an NPY array (m, v), streaming: the"
                + " input may be larger than the heap. Train on the NPY afterwards: it is read in place (mapped), so"
                + " it may also be larger than the heap, and than the memory.",
                "IDX pixels stay bytes (u8, one byte a pixel: give --scale 1/255 when training); CSV values become"
                        + " f64, or the --dtype asked for. The file appears whole or not at all."})
final class ConvertCommand extends Subcommand {
    /** Images or CSV rows held at a time. */
    static final int BLOCK = 4096;

    static final class Input {
        @Option(names = "--idx", paramLabel = "FILE", required = true, description = "IDX images, plain or gzip.")
        Path idx;

        @Option(names = "--csv", paramLabel = "FILE", required = true, description = "CSV numbers, one sample a line.")
        Path csv;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (exactly one):%n")
    private Input input;

    @Mixin
    private CsvHeaderOption csvHeader;

    @Option(names = "--out", paramLabel = "FILE.npy", required = true, description = "The NPY file to write.")
    private Path out;

    @Option(names = "--dtype", paramLabel = "keep|f64|f32|u8|...",
            description = "The NPY element type: keep (default: u8 for IDX, f64 for CSV), or f64, f32, u8, i8, u16,"
                    + " i16, i32, i64 (integer types need whole numbers in their range).")
    private String dtype;

    @Override
    public Integer call() throws IOException {
        CsvReader.Header header = csvHeader.header();
        ValueType type = type();
        long rows;
        int columns;
        Path in = input.idx != null ? input.idx : input.csv;
        if (input.idx != null) {
            RowWriterHolder holder = new RowWriterHolder();
            try {
                columns = IdxReader.forEachImages(input.idx, BLOCK, (pixels, count, size) -> {
                    if (holder.writer == null) {
                        holder.writer = NpyWriter.rows(out, type, size);
                    }
                    holder.writer.append(pixels, 0, count);
                });
                rows = holder.writer.rows();
                holder.writer.commit();
            } finally {
                holder.close();
            }
        } else {
            RowWriterHolder holder = new RowWriterHolder();
            try {
                CsvReader.forEachRow(input.csv, header, row -> {
                    if (holder.writer == null) {
                        holder.writer = NpyWriter.rows(out, type, row.length);
                    }
                    holder.writer.append(row, 0, 1);
                });
                rows = holder.writer.rows();
                columns = holder.columns();
                holder.writer.commit();
            } finally {
                holder.close();
            }
        }
        sae.env().err().printf(Locale.ROOT, "wrote %d samples of %d values (%s) from %s%n", rows, columns,
                type.shortName(), in);
        sae.env().out().println(out);
        sae.env().out().flush();
        return 0;
    }

    private ValueType type() {
        if (dtype == null || dtype.strip().equalsIgnoreCase("keep")) {
            return input.idx != null ? ValueType.U8 : ValueType.F64;
        }
        for (ValueType t : ValueType.values()) {
            if (t != ValueType.F16 && t.shortName().equals(dtype.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw Checks.usage(spec, "--dtype must be keep, f64, f32, u8, i8, u16, i16, i32 or i64, got '" + dtype + "'");
    }

    /** The writer, made at the first block (when the width is known), closed (deleted unless committed) at the end. */
    private static final class RowWriterHolder implements AutoCloseable {
        NpyWriter.RowWriter writer;

        int columns() {
            return writer.columns();
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
