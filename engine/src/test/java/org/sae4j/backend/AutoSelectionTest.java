package org.sae4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.BackendCalibration.Measurement;

class AutoSelectionTest {

    private static final GemmWorkload SMALL = new GemmWorkload(List.of(
            new GemmWorkload.Product(false, false, 32, 48, 64), new GemmWorkload.Product(true, false, 48, 32, 64)),
            false);
    private static final Duration BUDGET = Duration.ofMillis(150);

    /**
     * A backend of known speed: each product spins for its flops at {@code gflops}, so the calibration
     * has a right answer. Counts its calls.
     */
    static final class FakeBackend implements MatrixBackend {
        private final String name;
        private final double gflops;
        final AtomicLong calls = new AtomicLong();

        FakeBackend(String name, double gflops) {
            this.name = name;
            this.gflops = gflops;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo(name, FakeBackend.class.getName(), "spins at " + gflops + " GFLOP/s", null, 1);
        }

        private void spin(int m, int n, int k) {
            calls.incrementAndGet();
            long until = System.nanoTime() + (long) (2.0 * m * n * k / gflops);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
                          int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
            spin(m, n, k);
        }

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int offA,
                          int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
            spin(m, n, k);
        }
    }

    @Test
    void theHigherPriorityBackendStaysUnlessAnotherIsAtLeastTwentyPercentFaster() {
        assertEquals("native", AutoSelection.pick(List.of("native", "java"), List.of(40.0, 47.9)));
        assertEquals("java", AutoSelection.pick(List.of("native", "java"), List.of(40.0, 48.0)));
        assertEquals("java", AutoSelection.pick(List.of("native", "java"), List.of(8.2, 26.5)),
                "a generic OpenBLAS kernel loses to the Java kernel");
        assertEquals("native", AutoSelection.pick(List.of("native", "java"), List.of(40.0, 10.0)));
        // with three, each must beat the one kept so far by the factor
        assertEquals("c", AutoSelection.pick(List.of("a", "b", "c"), List.of(10.0, 13.0, 15.6)));
        assertEquals("b", AutoSelection.pick(List.of("a", "b", "c"), List.of(10.0, 13.0, 15.5)));
        assertEquals("only", AutoSelection.pick(List.of("only"), List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> AutoSelection.pick(List.of("a", "b"), List.of(1.0)));
    }

    @Test
    void measuringFindsTheFasterFakeAndItsSpeed(@TempDir Path dir) {
        FakeBackend slow = new FakeBackend("slow", 2);
        FakeBackend fast = new FakeBackend("fast", 8);
        AutoSelection.Choice choice = AutoSelection.choose(List.of(new AutoSelection.Candidate(fast, 10),
                new AutoSelection.Candidate(slow, 100)), SMALL, dir.resolve("choices.properties"), BUDGET);
        assertEquals("fast", choice.backend().name(), choice.summary());
        assertFalse(choice.remembered());
        assertEquals(List.of("slow", "fast"), choice.measurements().stream().map(Measurement::backend).toList(),
                "measurements come in priority order");
        assertEquals(2, choice.measurements().get(0).gflops(), 0.6, choice.summary());
        assertEquals(8, choice.measurements().get(1).gflops(), 2.5, choice.summary());
        assertTrue(choice.summary().startsWith("fast ("), choice.summary());
    }

    @Test
    void aSlightlyFasterLowPriorityBackendDoesNotWin(@TempDir Path dir) {
        FakeBackend preferred = new FakeBackend("preferred", 5);
        FakeBackend other = new FakeBackend("other", 5.5);
        AutoSelection.Choice choice = AutoSelection.choose(List.of(new AutoSelection.Candidate(other, 1),
                new AutoSelection.Candidate(preferred, 2)), SMALL, null, BUDGET);
        assertEquals("preferred", choice.backend().name(), choice.summary());
    }

    @Test
    void aRememberedChoiceTakesNoMeasurementAndDoesNotFlip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("choices.properties");
        FakeBackend a = new FakeBackend("a", 3);
        FakeBackend b = new FakeBackend("b", 9);
        List<AutoSelection.Candidate> candidates = List.of(new AutoSelection.Candidate(a, 2),
                new AutoSelection.Candidate(b, 1));
        AutoSelection.Choice first = AutoSelection.choose(candidates, SMALL, file, BUDGET);
        assertEquals("b", first.backend().name());
        assertTrue(Files.isRegularFile(file), "the choice is remembered");

        long callsBefore = a.calls.get() + b.calls.get();
        AutoSelection.Choice second = AutoSelection.choose(candidates, SMALL, file, BUDGET);
        assertEquals(callsBefore, a.calls.get() + b.calls.get(), "no product ran the second time");
        assertTrue(second.remembered());
        assertEquals("b", second.backend().name());
        assertEquals(first.measurements().get(1).gflops(), second.measurements().get(1).gflops(), 1e-3);
        assertTrue(second.summary().contains("remembered"), second.summary());

        // another precision is another shape class: measured anew
        GemmWorkload single = new GemmWorkload(SMALL.products(), true);
        assertFalse(AutoSelection.choose(candidates, single, file, BUDGET).remembered());
        // another backend description (say, a new library version) is another key
        FakeBackend a2 = new FakeBackend("a", 3.1);
        assertFalse(AutoSelection.choose(List.of(new AutoSelection.Candidate(a2, 2),
                new AutoSelection.Candidate(b, 1)), SMALL, file, BUDGET).remembered());
    }

    @Test
    void aDamagedFileCostsAMeasurementAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("choices.properties");
        FakeBackend a = new FakeBackend("a", 3);
        FakeBackend b = new FakeBackend("b", 9);
        List<AutoSelection.Candidate> candidates = List.of(new AutoSelection.Candidate(a, 2),
                new AutoSelection.Candidate(b, 1));
        String key = AutoSelection.key(List.of(a, b), SMALL);
        assertTrue(key.contains("spins at 3.0 GFLOP/s, 1 thread(s) per product"), "BLAS threads are part of the key: " + key);
        java.util.Properties damaged = new java.util.Properties();
        damaged.setProperty(key, "a=oops b=-1");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            damaged.store(out, null);
        }
        AutoSelection.Choice choice = AutoSelection.choose(candidates, SMALL, file, BUDGET);
        assertFalse(choice.remembered());
        assertEquals("b", choice.backend().name());
        // a folder where the file should be: still a choice, just not remembered
        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertEquals("b", AutoSelection.choose(candidates, SMALL, folder, BUDGET).backend().name());
    }

    @Test
    void aSingleCandidateIsNotMeasured() {
        FakeBackend only = new FakeBackend("only", 1);
        AutoSelection.Choice choice = AutoSelection.choose(List.of(new AutoSelection.Candidate(only, 1)), SMALL,
                null, BUDGET);
        assertEquals("only", choice.backend().name());
        assertEquals(0, only.calls.get());
        assertTrue(choice.measurements().isEmpty());
    }

    @Test
    void calibrationWarmsUpBeforeTimingAndStaysNearItsBudget() {
        FakeBackend a = new FakeBackend("a", 4);
        FakeBackend b = new FakeBackend("b", 4);
        long start = System.nanoTime();
        List<Measurement> m = BackendCalibration.measure(SMALL, List.of(a, b), Duration.ofMillis(300));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.3 && seconds < 0.3 + 1.0, "took " + seconds + " s");
        assertEquals(a.calls.get(), b.calls.get(), "the backends take turns");
        assertTrue(m.get(0).timedPasses() >= 2, m.toString());
    }

    @Test
    void shapeClassesRoundToPowersOfTwo() {
        assertEquals(1024, GemmWorkload.roundToPowerOfTwo(784));
        assertEquals(512, GemmWorkload.roundToPowerOfTwo(640));
        assertEquals(256, GemmWorkload.roundToPowerOfTwo(196));
        assertEquals(1, GemmWorkload.roundToPowerOfTwo(1));
        assertEquals("f64 256x512x1024NN 1024x512x256NN 256x512x1024TN 1024x256x512NT 256x1024x512NT",
                GemmWorkload.standard(false).shapeClass());
        assertEquals(5 * 2.0 * 784 * 196 * 512, GemmWorkload.standard(true).flops(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> new GemmWorkload.Product(false, false, 0, 1, 1));
    }

    @Test
    void cpuinfoGivesTheModelAndFlags() {
        Cpu cpu = Cpu.parse(List.of("processor\t: 0", "vendor_id\t: GenuineIntel",
                "model name\t: Intel(R) Xeon(R) Platinum 8581C CPU @ 2.10GHz", "flags\t\t: fpu sse2 avx2 avx512f fma",
                "", "processor\t: 1", "model name\t: other"), "x");
        assertEquals("Intel(R) Xeon(R) Platinum 8581C CPU @ 2.10GHz", cpu.model());
        assertTrue(cpu.has("AVX512F") && cpu.has("avx2"));
        assertEquals("AVX-512", cpu.vectorExtension());
        assertEquals("AVX2", Cpu.of("m", java.util.Set.of("avx2")).vectorExtension());
        assertEquals("", Cpu.parse(List.of(), "amd64 processor").vectorExtension());
        assertEquals("amd64 processor", Cpu.parse(List.of(), "amd64 processor").model());
    }
}
