package org.sae4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.sae4j.classify.ClassifierFile;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.IdxReader;
import org.sae4j.data.ImageStack;
import org.sae4j.data.Labels;
import org.sae4j.data.NpyReader;
import org.sae4j.deep.NetworkFile;
import org.sae4j.model.ModelFile;
import org.sae4j.train.CheckpointFile;

/**
 * A fuzz target per reader, each held to {@link ReaderProperty}. {@code mvn verify} runs every target on
 * its committed seeds and past findings (regression mode), in
 * src/test/resources/org/sae4j/fuzz/ReadersFuzzTestInputs/TARGET/; the README gives the command that
 * fuzzes one target for a while.
 */
class ReadersFuzzTest {
    /** More than any seed decompresses to; a gzip input that expands beyond it is bounded by it. */
    private static final int GZIP_DECODE_CAP = 64 << 20;
    private static final long PIXELS_PER_IMAGE_FILE_BYTE = 16_384;

    /**
     * Any NPY array, and the same bytes as training samples (2-D): read into the heap, as the Spark parts
     * and {@code --load} read them, and mapped and then read through, as sae train reads them by default.
     */
    @FuzzTest
    void npy(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.npy", input.length, NpyReader::read);
        ReaderProperty.check(input, "input.npy", input.length, NpyReader::readSamples);
        ReaderProperty.check(input, "input.npy", input.length, f -> readThrough(NpyReader.openSamples(f), f));
    }

    /**
     * Plain IDX bytes, or gzip ones when the input starts with the gzip magic, as the reader decides; read
     * into the heap, and read in place (mapped when plain).
     */
    @FuzzTest
    void idx(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.idx", decodedGzipOrPlain(input), IdxReader::readImages);
        ReaderProperty.check(input, "input.idx", decodedGzipOrPlain(input), f -> readThrough(IdxReader.openImages(f), f));
    }

    /** Every value of a set, through a reader, checked as a run checks them (its failure is the file's). */
    private static Dataset readThrough(Dataset data, Path file) throws DataFileException {
        try {
            return data.requireFinite(file.toString());
        } catch (IllegalArgumentException e) {
            throw new DataFileException(e.getMessage(), e);
        }
    }

    /** The input gzip-compressed: the fuzzer's mutations reach the IDX parser behind the gzip layer. */
    @FuzzTest
    void idxGzip(byte[] input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(input);
        }
        ReaderProperty.check(bytes.toByteArray(), "input.idx.gz", input.length, IdxReader::readImages);
    }

    @FuzzTest
    void csv(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.csv", input.length, CsvReader::read);
    }

    /**
     * The input as one image in a folder beside a valid 4x4 grey PNG, so that both the decoding and the
     * comparison of sizes are exercised. An image may declare at most 16 384 pixels per byte of its file
     * (set here, not taken from {@link ImageStack#MAX_PIXELS_PER_FILE_BYTE}, so that raising that limit
     * fails this test), and each pixel becomes a double.
     */
    @FuzzTest
    void imageFolder(byte[] input) throws IOException {
        Path dir = ReaderProperty.scratch("images");
        Path reference = dir.resolve("a.png");
        if (!Files.exists(reference)) {
            try (InputStream seed = ReadersFuzzTest.class.getResourceAsStream(
                    "ReadersFuzzTestInputs/imageFolder/grey-4x4.png")) {
                Files.write(reference, seed.readAllBytes());
            }
        }
        boolean jpeg = input.length > 1 && (input[0] & 0xff) == 0xff && (input[1] & 0xff) == 0xd8;
        Path image = dir.resolve(jpeg ? "b.jpg" : "b.png");
        Files.deleteIfExists(dir.resolve(jpeg ? "b.png" : "b.jpg"));
        Files.write(image, input);
        long decoded = 8L * PIXELS_PER_IMAGE_FILE_BYTE * (input.length + Files.size(reference));
        ReaderProperty.check(dir, decoded, ImageStack::fromFolder);
    }

    /** IDX or NPY labels, as the content says; gzip IDX bounded by its decompressed size. */
    @FuzzTest
    void labels(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.labels", decodedGzipOrPlain(input), Labels::read);
    }

    @FuzzTest
    void modelFile(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.sae", input.length, ModelFile::read);
    }

    /** A CSV table whose first column is taken as the labels, as {@code sae classify --label-column 0} does. */
    @FuzzTest
    void csvLabelColumn(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.csv", input.length, f -> Labels.takeColumn(CsvReader.read(f), 0, f));
    }

    @FuzzTest
    void classifierFile(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.smx", input.length, ClassifierFile::read);
    }

    @FuzzTest
    void networkFile(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.sdn", input.length, NetworkFile::read);
    }

    @FuzzTest
    void checkpointFile(byte[] input) throws IOException {
        ReaderProperty.check(input, "input.ckpt", input.length, CheckpointFile::read);
    }

    private static long decodedGzipOrPlain(byte[] input) {
        if (input.length < 2 || (input[0] & 0xff) != 0x1f || (input[1] & 0xff) != 0x8b) {
            return input.length;
        }
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(input))) {
            int n;
            while ((n = in.read(buffer)) > 0 && total < GZIP_DECODE_CAP) {
                total += n;
            }
        } catch (IOException e) {
            // damaged gzip: what decoded before the damage is all a reader can have seen
        }
        return Math.max(total, input.length);
    }
}
