package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;
import org.sae4j.data.ValueType;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.precision.Precision;

/** The commands on sets read in place, in their own type, and converted once. */
class SampleStoreCommandsTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--hidden", "4", "--iterations", "6", "--threads", "2", "--backend", "java"};

    /** A gzip IDX file of {@code count} random images of 6 x 6 pixels. */
    private Path gzipImages(String name, int count, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(6).putInt(6).array());
            byte[] pixels = new byte[count * 36];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) rnd.nextInt(256);
            }
            out.write(pixels);
        }
        return file;
    }

    private StoredModel train(String out, String... args) throws Exception {
        Cli.Run run = Cli.run(DemoCommandTest.concat(DemoCommandTest.concat(new String[] {"train"}, args),
                DemoCommandTest.concat(SMALL, "--out", dir.resolve(out).toString())));
        assertEquals(0, run.exitCode(), run.transcript());
        return ModelFile.read(dir.resolve(out).resolve("model.sae"));
    }

    @Test
    void convertedImagesTrainInPlaceBitwiseAsTheGzipFileReadIntoTheHeap() throws Exception {
        Path gz = gzipImages("images-idx3-ubyte.gz", 300, 1);
        Path npy = dir.resolve("images.npy");
        Cli.Run convert = Cli.run("convert", "--idx", gz.toString(), "--out", npy.toString());
        assertEquals(0, convert.exitCode(), convert.transcript());
        assertTrue(convert.err().contains("wrote 300 samples of 36 values (u8)"), convert.transcript());
        assertEquals(npy.toString(), convert.out().strip());
        Dataset mapped = NpyReader.mapSamples(npy);
        assertEquals(ValueType.U8, mapped.storedType(), "pixels stay bytes");
        assertEquals(128 + 300 * 36, Files.size(npy), "a 128-byte header, then one byte a pixel");

        StoredModel fromGzip = train("gz", "--idx", gz.toString(), "--scale", "1/255");
        StoredModel fromNpy = train("npy", "--npy", npy.toString(), "--scale", "1/255");
        StoredModel loaded = train("loaded", "--npy", npy.toString(), "--scale", "1/255", "--load");
        assertArrayEquals(fromGzip.model().theta(), fromNpy.model().theta(), 0.0, "mapped bytes, as the heap's");
        assertArrayEquals(fromGzip.model().theta(), loaded.model().theta(), 0.0);
        for (String precision : new String[] {"f32"}) {
            StoredModel a = train("a" + precision, "--idx", gz.toString(), "--scale", "1/255", "--precision", precision);
            StoredModel b = train("b" + precision, "--npy", npy.toString(), "--scale", "1/255", "--precision", precision);
            assertArrayEquals(a.model().theta(), b.model().theta(), 0.0, precision);
        }
    }

    @Test
    void trainSaysHowTheSetIsHeldAndShowsTheMegabytesReadFromAMappedFile() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(8, 400, 3));
        Cli.Run mapped = Cli.run(DemoCommandTest.concat(new String[] {"train", "--npy", x.toString(), "--out",
            dir.resolve("m").toString(), "--progress-every", "2"}, SMALL));
        assertEquals(0, mapped.exitCode(), mapped.transcript());
        assertTrue(mapped.err().contains("reading in place 400 samples of 8 values from " + x
                + " (f64, 0.0 MiB mapped, not on the heap)"), mapped.transcript());
        var progress = mapped.err().lines().filter(l -> l.startsWith("iteration ")).toList();
        assertEquals(3, progress.size(), mapped.transcript());
        assertTrue(progress.stream().allMatch(l -> l.matches(".* read \\d+ MB/s")), mapped.transcript());
        Cli.Run loaded = Cli.run(DemoCommandTest.concat(new String[] {"train", "--npy", x.toString(), "--load", "--out",
            dir.resolve("l").toString(), "--progress-every", "2"}, SMALL));
        assertTrue(loaded.err().contains("read 400 samples of 8 values from " + x + " (f64, 0.0 MiB on the heap)"),
                loaded.transcript());
        var plain = loaded.err().lines().filter(l -> l.startsWith("iteration ")).toList();
        assertEquals(3, plain.size(), loaded.transcript());
        assertTrue(plain.stream().noneMatch(l -> l.contains("MB/s")), loaded.transcript());
        StoredModel m = ModelFile.read(dir.resolve("m").resolve("model.sae"));
        assertEquals("200", m.metadata().extra().get("chunk"), "400 samples: 2 chunks of 200 (at most 256 each)");
    }

    @Test
    void evalReportsTheTimeAndTheRateItReadAndGivesTheSameJFromTheHeap() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(6, 50, 4));
        double[] theta = TestData.distinctTheta(6, 2, 5);
        Path thetaFile = dir.resolve("theta.npy");
        org.sae4j.data.NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        Cli.Run mapped = Cli.run("eval", "--npy", x.toString(), "--theta", thetaFile.toString(), "--json",
                "--backend", "java");
        Cli.Run loaded = Cli.run("eval", "--npy", x.toString(), "--theta", thetaFile.toString(), "--json", "--load",
                "--backend", "java");
        assertEquals(0, mapped.exitCode(), mapped.transcript());
        Map<String, Object> m = MiniJson.parseObject(mapped.out());
        Map<String, Object> l = MiniJson.parseObject(loaded.out());
        assertEquals(m.get("cost"), l.get("cost"), "the same J from the mapped file and from the heap");
        assertEquals(2.0 * 50 * 6 * 8, ((Number) m.get("bytesRead")).doubleValue(), "two passes over 2400 bytes");
        assertTrue(((Number) m.get("readMegabytesPerSecond")).doubleValue() > 0, mapped.out());
        assertEquals(null, l.get("readMegabytesPerSecond"), "nothing is read from a file on the heap");
        assertTrue(((Number) m.get("seconds")).doubleValue() > 0);
        assertTrue(((String) m.get("store")).contains("mapped"), mapped.out());
    }

    @Test
    void encodeStreamsTheActivationsAndScalesLikeTraining() throws Exception {
        Path gz = gzipImages("images-idx3-ubyte.gz", 120, 7);
        Path npy = dir.resolve("images.npy");
        assertEquals(0, Cli.run("convert", "--idx", gz.toString(), "--out", npy.toString()).exitCode());
        StoredModel model = train("t", "--npy", npy.toString(), "--scale", "1/255");
        Path h = dir.resolve("h.npy");
        Cli.Run run = Cli.run("encode", dir.resolve("t").resolve("model.sae").toString(), "--npy", npy.toString(),
                "--scale", "1/255", "--out", h.toString(), "--backend", "java");
        assertEquals(0, run.exitCode(), run.transcript());
        NpyArray a = NpyReader.read(h);
        assertArrayEquals(new int[] {120, 4}, a.shape());
        var encoder = model.model().encoder(org.sae4j.autoencoder.EvaluationSettings.of(
                new org.sae4j.backend.java.JavaBackend(), Precision.F64));
        double[] expected = new double[4 * 120];
        encoder.encode(NpyReader.readSamples(npy).scaled(1 / 255.0), expected);
        assertArrayEquals(expected, a.values(), 0.0, "the activations of the model's own encoder");
    }

    @Test
    void convertStreamsCsvAndLeavesNothingBehindWhenTheInputIsBad() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n4.5,5,6\n");
        Path out = dir.resolve("x.npy");
        Cli.Run run = Cli.run("convert", "--csv", csv.toString(), "--out", out.toString(), "--dtype", "f32");
        assertEquals(0, run.exitCode(), run.transcript());
        Dataset d = NpyReader.readSamples(out);
        assertEquals(ValueType.F32, d.storedType());
        assertEquals(2, d.samples());
        assertEquals(4.5, d.get(0, 1), 0.0);

        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
        Path none = dir.resolve("none.npy");
        Cli.Run bad = Cli.run("convert", "--csv", ragged.toString(), "--out", none.toString());
        assertEquals(1, bad.exitCode(), bad.transcript());
        assertTrue(bad.err().contains("ragged.csv, line 2: expected 2 columns, got 1"), bad.transcript());
        Cli.Run notBytes = Cli.run("convert", "--csv", csv.toString(), "--out", none.toString(), "--dtype", "u8");
        assertEquals(1, notBytes.exitCode(), notBytes.transcript());
        assertTrue(notBytes.err().contains("value 4.5 of row 1 is not a u8"), notBytes.transcript());
        assertFalse(Files.exists(none));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
        Cli.Run usage = Cli.run("convert", "--csv", csv.toString(), "--out", none.toString(), "--dtype", "f16");
        assertEquals(2, usage.exitCode(), usage.transcript());
        assertTrue(usage.err().contains("--dtype must be keep, f64, f32"), usage.transcript());
    }

    @Test
    void aGzipFileTooLargeForTheHeapIsRefusedBeforeItIsReadWithTheWayOut() throws Exception {
        Path gz = dir.resolve("huge-idx3-ubyte.gz");
        int count = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 784 * 2);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(28).putInt(28).array());
        }
        Cli.Run run = Cli.run(DemoCommandTest.concat(new String[] {"train", "--idx", gz.toString(), "--out",
            dir.resolve("o").toString()}, SMALL));
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(gz + ": its values take") && run.err().contains("more than the")
                && run.err().contains("sae convert --idx " + gz), run.transcript());
    }

    @Test
    void chunkIsAutoOrAPositiveNumber() {
        Cli.Run zero = Cli.run("train", "--npy", "x.npy", "--chunk", "0");
        assertEquals(2, zero.exitCode(), zero.transcript());
        assertTrue(zero.err().contains("expected auto or a number of samples >= 1, got 0"), zero.transcript());
    }
}
