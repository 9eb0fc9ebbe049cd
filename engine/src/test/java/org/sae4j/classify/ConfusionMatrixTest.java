package org.sae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;

/** Counting a classifier's predictions: a classifier of one feature with known decisions. */
class ConfusionMatrixTest {
    @Test
    void countsRowsByTrueLabelAndKeepsUnseenLabels() {
        // two classes, labels 1 and 4: score(4) - score(1) = x, so x > 0 predicts 4
        SoftmaxClassifier c = new SoftmaxClassifier(new SoftmaxRegression(1, 2, 0), new double[] {0, 1, 0, 0},
                new int[] {1, 4});
        Dataset x = Dataset.ofDoubles(1, 6, new double[] {-1, -2, 3, 2, -5, 1});
        int[] truth = {1, 4, 4, 4, 9, 1};
        ConfusionMatrix m = ConfusionMatrix.of(c, x, truth);
        assertArrayEquals(new int[] {1, 4, 9}, m.labels(), "label 9 is in the test data only");
        long[][] expected = {{1, 1, 0}, {1, 2, 0}, {1, 0, 0}};
        assertArrayEquals(expected, m.counts());
        assertEquals(6, m.samples());
        assertEquals(3, m.correct());
        assertEquals(0.5, m.accuracy(), 0.0);
        double[] perClass = m.perClassAccuracy();
        assertEquals(0.5, perClass[0], 0.0);
        assertEquals(2 / 3.0, perClass[1], 0.0);
        assertEquals(0.0, perClass[2], 0.0);
        assertTrue(Double.isNaN(ConfusionMatrix.of(c, Dataset.ofDoubles(1, 1, new double[] {1}), new int[] {4})
                .perClassAccuracy()[0]), "a label without samples has no accuracy");
        assertArrayEquals(new int[] {1, 1, 4, 4, 1, 4}, c.predict(x));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(c, Dataset.ofDoubles(2, 1, new double[] {1, 2}), new int[] {4}));
        assertTrue(wrong.getMessage().contains("2 features per sample but the classifier has 1"), wrong.getMessage());
    }
}
