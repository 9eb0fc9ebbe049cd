package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Synthetic data with planted features, and the score of a dictionary against them. */
class PlantedFeaturesTest {
    @Test
    void samplesAreSparseCombinationsOfUnitFeaturesTheSameForTheSameSeed() {
        PlantedFeatures p = PlantedFeatures.generate(16, 40, 300, 3, 7);
        PlantedFeatures again = PlantedFeatures.generate(16, 40, 300, 3, 7);
        assertArrayEquals(p.features(), again.features());
        assertArrayEquals(p.samples().doubles(), again.samples().doubles());
        assertTrue(PlantedFeatures.generate(16, 40, 300, 3, 8).features()[0] != p.features()[0], "another seed");
        for (int f = 0; f < 40; f++) {
            double norm = 0;
            for (int i = 0; i < 16; i++) {
                norm += p.features()[f * 16 + i] * p.features()[f * 16 + i];
            }
            assertEquals(1, norm, 1e-12, "feature " + f);
        }
        for (int s = 0; s < 300; s++) {
            Set<Integer> distinct = new HashSet<>();
            double[] rebuilt = new double[16];
            for (int j = 0; j < 3; j++) {
                int f = p.active()[s * 3 + j];
                double a = p.magnitudes()[s * 3 + j];
                assertTrue(a > 0 && a <= 1, "magnitude " + a);
                distinct.add(f);
                for (int i = 0; i < 16; i++) {
                    rebuilt[i] += a * p.features()[f * 16 + i];
                }
            }
            assertEquals(3, distinct.size(), "sample " + s + " has 3 distinct features");
            for (int i = 0; i < 16; i++) {
                assertEquals(rebuilt[i], p.samples().get(i, s), 1e-15);
            }
        }
    }

    /** The bits of one seed, recorded on JDK 17: StrictMath gives them on every JDK (CI runs 17 and 25). */
    @Test
    void theBitsOfASeedAreTheSameOnEveryJdk() {
        PlantedFeatures p = PlantedFeatures.generate(16, 40, 300, 3, 7);
        assertEquals(RECORDED_FEATURES_HASH, java.util.Arrays.hashCode(p.features()));
        assertEquals(RECORDED_SAMPLES_HASH, java.util.Arrays.hashCode(p.samples().doubles()));
    }

    private static final int RECORDED_FEATURES_HASH = 270095752;
    private static final int RECORDED_SAMPLES_HASH = -1145168619;

    @Test
    void everyFeatureIsUsedWhenSamplesAreMany() {
        PlantedFeatures p = PlantedFeatures.generate(8, 30, 2000, 2, 1);
        int[] uses = new int[30];
        for (int f : p.active()) {
            uses[f]++;
        }
        for (int f = 0; f < 30; f++) {
            // 4 000 draws of 30: about 133 each
            assertTrue(uses[f] > 80 && uses[f] < 190, "feature " + f + " used " + uses[f] + " times");
        }
    }

    @Test
    void theScoreIsOneForThePlantedDictionaryInAnyOrderAndScaleAndLowForRandomOnes() {
        int d = 64;
        int count = 100;
        PlantedFeatures p = PlantedFeatures.generate(d, count, 10, 2, 3);
        assertEquals(1, p.meanMaxCosine(p.features(), count), 1e-12);
        double[] shuffled = new double[d * (count + 5)];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int f = 0; f < count; f++) {
            double scale = 0.1 + 10 * rnd.nextDouble();
            int to = count - 1 - f;
            for (int i = 0; i < d; i++) {
                shuffled[to * d + i] = scale * p.features()[f * d + i];
            }
        }
        assertEquals(1, p.meanMaxCosine(shuffled, count + 5), 1e-12, "reordered, rescaled, five empty columns");
        double[] random = new double[d * count];
        for (int i = 0; i < random.length; i++) {
            random[i] = rnd.nextDouble(-1, 1);
        }
        double unrelated = p.meanMaxCosine(random, count);
        assertTrue(unrelated < 0.5, "random directions in 64 dimensions score " + unrelated);
        double[] half = p.features().clone();
        for (int i = d * (count / 2); i < half.length; i++) {
            half[i] = -half[i];
        }
        double signs = p.meanMaxCosine(half, count);
        assertTrue(signs > 0.5 && signs < 0.8, "half the columns flipped: a cosine is signed, got " + signs);
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlantedFeatures.generate(8, 4, 10, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedFeatures.generate(0, 4, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedFeatures.generate(65536, 4, 65536, 1, 1));
        PlantedFeatures p = PlantedFeatures.generate(8, 4, 10, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.meanMaxCosine(new double[7], 1));
        assertTrue(e.getMessage().contains("needs 8 values, got 7"), e.getMessage());
    }
}
