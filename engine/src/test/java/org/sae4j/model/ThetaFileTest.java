package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.DataFileException;
import org.sae4j.data.NpyWriter;

class ThetaFileTest {
    @TempDir
    Path dir;

    private Path theta(String name, int[] shape, int length) throws IOException {
        Path file = dir.resolve(name);
        NpyWriter.writeF64(file, shape, new double[length]);
        return file;
    }

    @Test
    void theHiddenUnitsFollowFromTheLengthOrAreCheckedAgainstIt() throws IOException {
        // v = 6: h = 2 needs 2*2*6 + 2 + 6 = 32 values
        Path t = theta("t.npy", new int[] {32}, 32);
        assertEquals(2, ThetaFile.read(t, 6, null, "x.npy").hidden());
        assertEquals(32, ThetaFile.read(t, 6, 2, "x.npy").values().length);
        String wrong = assertThrows(DataFileException.class, () -> ThetaFile.read(t, 6, 3, "x.npy")).getMessage();
        assertEquals(t + ": 32 values, but v = 6 (from x.npy) and h = 3 need 2hv + h + v = 45", wrong);
        String none = assertThrows(DataFileException.class, () -> ThetaFile.read(t, 5, null, "y.npy")).getMessage();
        assertEquals(t + ": length 32 is not 2hv + h + v for any h with v = 5 (from y.npy)", none);
        Path matrix = theta("m.npy", new int[] {4, 8}, 32);
        String rank = assertThrows(DataFileException.class, () -> ThetaFile.read(matrix, 6, null, "x.npy"))
                .getMessage();
        assertTrue(rank.contains("expected a 1-D array θ of length 2hv + h + v, got shape [4, 8]"), rank);
    }
}
