package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.ModelFile;
import org.sae4j.model.ModelFormatException;

/** Headers that lie, folders where files should be, other encodings: each refused naming the file. */
class HostileInputTest {
    @TempDir
    Path dir;

    private static void assertMessage(Exception e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void anNpyHeaderClaimingGigabytesInATinyFileIsRefusedBeforeAllocating() throws IOException {
        Path file = Files.write(dir.resolve("liar.npy"), NpyFiles.npy(1,
                NpyFiles.dict("|u1", false, "(40000, 40000)"), new byte[100]));
        DataFileException samples = assertThrows(DataFileException.class, () -> NpyReader.readSamples(file));
        assertMessage(samples, file.toString(), "truncated", "1600000000 bytes");
        Path stack = Files.write(dir.resolve("stack.npy"), NpyFiles.npy(1,
                NpyFiles.dict("|u1", false, "(10, 10000, 10000)"), new byte[100]));
        assertMessage(assertThrows(DataFileException.class, () -> NpyReader.read(stack)), stack.toString(),
                "truncated");
    }

    @Test
    void aGzipIdxHeaderClaimingBillionsOfPixelsIsReadOnlyAsFarAsItsData() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(raw);
        header.writeInt(0x00000803);
        header.writeInt(2_000_000);
        header.writeInt(32);
        header.writeInt(32);
        header.write(new byte[50]);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(packed)) {
            z.write(raw.toByteArray());
        }
        Path file = Files.write(dir.resolve("liar.idx.gz"), packed.toByteArray());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(file));
        assertMessage(e, file.toString(), "truncated", "only 50 are present");
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 512L << 20, "no 16 GB array: grew by " + (after - before) + " bytes");
    }

    @Test
    void anImageWhoseHeaderClaimsMorePixelsThanItsFileCanEncodeIsRefusedBeforeDecoding() throws IOException {
        Path images = Files.createDirectory(dir.resolve("images"));
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(4, 4,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        javax.imageio.ImageIO.write(grey, "png", images.resolve("a.png").toFile());
        byte[] png = Files.readAllBytes(images.resolve("a.png"));
        java.nio.ByteBuffer.wrap(png).putInt(16, 12_000).putInt(20, 12_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        Path liar = Files.write(images.resolve("b.png"), png);
        DataFileException e = assertThrows(DataFileException.class, () -> ImageStack.fromFolder(images));
        assertMessage(e, liar.toString(), "declares 12000x12000 pixels", "the file is damaged");
    }

    @Test
    void aFolderWhereAFileShouldBeIsNamed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("data.npy"));
        assertMessage(assertThrows(DataFileException.class, () -> NpyReader.readSamples(folder)), folder.toString(),
                "is a folder");
        assertMessage(assertThrows(DataFileException.class, () -> CsvReader.read(folder)), "is a folder");
        assertMessage(assertThrows(DataFileException.class, () -> IdxReader.readImages(folder)), "is a folder");
        assertMessage(assertThrows(ModelFormatException.class, () -> ModelFile.read(folder)), folder.toString(),
                "a folder");
    }

    @Test
    void aCsvInAnotherEncodingOrDialectSaysWhatWasFound() throws IOException {
        Path utf16 = Files.write(dir.resolve("u16.csv"), "1,2\n3,4\n".getBytes(StandardCharsets.UTF_16));
        assertMessage(assertThrows(DataFileException.class, () -> CsvReader.read(utf16)), utf16.toString(),
                "not UTF-8 text");
        Path semicolons = Files.writeString(dir.resolve("semi.csv"), "a;b;c\n1;2;3\n");
        assertMessage(assertThrows(DataFileException.class, () -> CsvReader.read(semicolons)), semicolons + ", line 1",
                "separated by ';'");
        Path tabs = Files.writeString(dir.resolve("tabs.csv"), "1\t2\n3\t4\n");
        assertMessage(assertThrows(DataFileException.class, () -> CsvReader.read(tabs)), "separated by tabs");
        Path header = Files.writeString(dir.resolve("h.csv"), "x,1\n2,3\n");
        assertMessage(assertThrows(DataFileException.class, () -> CsvReader.read(header)), "--csv-header yes");
        Path oneColumn = Files.writeString(dir.resolve("one.csv"), "1\n2\n");
        assertTrue(CsvReader.read(oneColumn).features() == 1, "a plain single column still reads");
    }

    @Test
    void writeFailuresNameTheTargetNotTheTemporaryFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model.sae"));
        IOException onFolder = assertThrows(IOException.class, () -> AtomicFiles.write(folder, out -> out.write(1)));
        assertMessage(onFolder, folder.toString(), "a folder");
        assertFalse(onFolder.getMessage().contains(".tmp"), onFolder.getMessage());
        Path nowhere = dir.resolve("no").resolve("such").resolve("f.png");
        IOException missing = assertThrows(IOException.class, () -> AtomicFiles.write(nowhere, out -> out.write(1)));
        assertMessage(missing, nowhere.toString(), "does not exist");
        assertFalse(missing.getMessage().contains(".tmp"), missing.getMessage());
    }
}
