package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.TestStores;
import org.sae4j.data.ValueType;
import org.sae4j.optim.GradientCheck;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * The objective contract every backend must meet: gradient check, agreement with the plain reference,
 * bitwise determinism over thread counts, float32 within its documented tolerance. Each backend's test
 * class extends this and supplies {@link #backend()}.
 */
public abstract class ObjectiveSuite {

    /** Documented tolerance of f32 against f64: relative difference of J and of ‖∇J‖-normed gradient. */
    static final double F32_COST_TOLERANCE = 1e-5;
    static final double F32_GRADIENT_TOLERANCE = 1e-4;

    protected abstract MatrixBackend backend();

    /**
     * Whether a one-sample product gives the same bits as the same column of a wide product: true for
     * the java backend; OpenBLAS may take another kernel for n = 1.
     */
    protected boolean oneColumnProductsAreBitwise() {
        return true;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void theEncoderComputesTheHiddenActivationsOfTraining(Precision precision) {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(20, 7, 0.1, 1e-3, 3);
        int m = 45;
        int chunk = 16;
        Dataset x = randomData(config.visible(), m, 71).toPrecision(precision);
        double[] theta = theta(config, 72);
        double[] trained = new double[config.hidden() * m];
        ChunkWorkspaces workspaces = ChunkWorkspaces.of(config, precision, 1, chunk, false);
        ChunkKernel kernel = precision == Precision.F64
                ? new F64ChunkKernel(config, backend(), x, Chunks.of(m, chunk), 1, true, false, workspaces)
                : new F32ChunkKernel(config, backend(), x, Chunks.of(m, chunk), 1, true, false, workspaces);
        kernel.prepare(theta);
        double[] sums = new double[config.hidden()];
        for (int c = 0; c < kernel.chunks; c++) {
            kernel.activationSums(0, c, sums, 0);
        }
        for (int i = 0; i < trained.length; i++) {
            trained[i] = precision == Precision.F64 ? ((F64ChunkKernel) kernel).activationCache[i]
                    : ((F32ChunkKernel) kernel).activationCache[i];
        }

        Encoder encoder = new Encoder(config, theta, backend(), precision, chunk);
        double[] batch = new double[trained.length];
        if (precision == Precision.F64) {
            encoder.encode(x, batch);
        } else {
            float[] single = new float[trained.length];
            encoder.encode(x, single);
            for (int i = 0; i < single.length; i++) {
                batch[i] = single[i];
            }
        }
        assertArrayEquals(trained, batch, 0.0, "a batch in training's chunks gives training's bits");

        double tolerance = oneColumnProductsAreBitwise() ? 0 : precision == Precision.F64 ? 1e-13 : 1e-6;
        double[] sample = new double[config.visible()];
        float[] sampleF = new float[config.visible()];
        double[] out = new double[config.hidden()];
        float[] outF = new float[config.hidden()];
        for (int s = 0; s < m; s++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = x.get(i, s);
                sampleF[i] = (float) sample[i];
            }
            if (precision == Precision.F64) {
                encoder.encode(sample, out);
            } else {
                encoder.encode(sampleF, outF);
                for (int j = 0; j < out.length; j++) {
                    out[j] = outF[j];
                }
            }
            for (int j = 0; j < out.length; j++) {
                double expected = trained[s * config.hidden() + j];
                assertEquals(expected, out[j], tolerance * Math.abs(expected), "sample " + s + " unit " + j);
            }
        }
    }

    @Test
    void theEncoderRefusesMismatchedSizesAndPrecisions() {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(6, 3, 0.1, 1e-3, 3);
        Encoder encoder = new Encoder(config, theta(config, 1), backend(), Precision.F64, 8);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(new double[5], new double[3]));
        assertTrue(size.getMessage().contains("a sample has 5 values, the model expects 6"), size.getMessage());
        IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(new double[6], new double[2]));
        assertTrue(shortOut.getMessage().contains("the output holds 0 samples of 3 activations"), shortOut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new float[6], new float[2]));
        IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(randomData(6, 4, 1).toPrecision(Precision.F32), new float[12]));
        assertTrue(precision.getMessage().contains("needs an f32 batch and encoder"), precision.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(randomData(6, 4, 1), new double[11]));
    }

    @Test
    void theEncoderAllocatesNothingPerCallAfterWarmUp() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(64, 25, 0.1, 1e-3, 3);
        Dataset batch = randomData(64, 100, 3);
        for (Precision precision : Precision.values()) {
            Encoder encoder = new Encoder(config, theta(config, 2), backend(), precision, 512);
            double[] sample = new double[64];
            double[] out = new double[25];
            float[] sampleF = new float[64];
            float[] outF = new float[25];
            double[] outs = new double[25 * 100];
            float[] outsF = new float[25 * 100];
            Dataset batchInPrecision = batch.toPrecision(precision);
            // Until the JIT has compiled the path, the interpreter allocates; a round of calls after
            // that must allocate nothing. Rounds of 10 000 calls, up to 20 of them.
            long bytes = Long.MAX_VALUE;
            for (int round = 0; round < 20 && bytes >= 16 * 1024; round++) {
                long before = hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 10_000; i++) {
                    encoder.encode(sample, out);
                    encoder.encode(sampleF, outF);
                }
                for (int i = 0; i < 50; i++) {
                    if (precision == Precision.F64) {
                        encoder.encode(batchInPrecision, outs);
                    } else {
                        encoder.encode(batchInPrecision, outsF);
                    }
                }
                bytes = hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
            assertTrue(bytes < 16 * 1024, precision + ": " + bytes + " bytes in a round of 20 000 single-sample"
                    + " and 50 batch calls, after warm-up");
        }
    }

    /** A problem: sizes, hyper-parameters, chunk size. */
    record Problem(int v, int h, int m, double rho, double lambda, double beta, int chunk, OutputLayer outputLayer) {
        Problem(int v, int h, int m, double rho, double lambda, double beta, int chunk) {
            this(v, h, m, rho, lambda, beta, chunk, OutputLayer.SIGMOID);
        }

        SparseAutoencoderConfig config() {
            return new SparseAutoencoderConfig(v, h, rho, lambda, beta, outputLayer);
        }

        @Override
        public String toString() {
            return "v=" + v + " h=" + h + " m=" + m + " rho=" + rho + " lambda=" + lambda + " beta=" + beta + " chunk="
                    + chunk + " " + outputLayer.shortName();
        }
    }

    static Stream<Problem> problems() {
        return Stream.of(
                new Problem(8, 5, 23, 0.1, 1e-3, 3, 7),      // m not a multiple of the chunk
                new Problem(1, 3, 10, 0.2, 1e-3, 3, 4),      // v = 1
                new Problem(6, 1, 9, 0.05, 1e-3, 3, 4),      // h = 1
                new Problem(7, 4, 12, 0.1, 0, 3, 5),         // lambda = 0
                new Problem(7, 4, 12, 0.1, 1e-3, 0, 5),      // beta = 0
                new Problem(9, 6, 30, 0.01, 1e-4, 3, 64),    // one chunk: runs on the calling thread
                new Problem(8, 5, 23, 0.1, 1e-3, 3, 7, OutputLayer.LINEAR),
                new Problem(6, 1, 9, 0.05, 1e-3, 3, 4, OutputLayer.LINEAR),
                new Problem(9, 6, 30, 0.01, 1e-4, 3, 64, OutputLayer.LINEAR));
    }

    static Dataset randomData(int v, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    /** θ from the UFLDL initialisation plus small random biases, so the bias gradients are exercised. */
    static double[] theta(SparseAutoencoderConfig c, long seed) {
        double[] theta = c.initialParameters(seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        for (int i = c.b1Offset(); i < theta.length; i++) {
            theta[i] = rnd.nextDouble(-0.5, 0.5);
        }
        return theta;
    }

    EvaluationSettings settings(int threads, int chunk, Precision precision) {
        return new EvaluationSettings(backend(), threads, chunk, precision,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientCheckBelow1e9InDoublePrecision(Problem p) {
        Dataset data = randomData(p.v(), p.m(), 11);
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(p.config(), data,
                settings(2, p.chunk(), Precision.F64))) {
            GradientCheck.Result r = GradientCheck.check(f, theta(p.config(), 3));
            assertTrue(r.relativeDifference() < 1e-9, p + ": relative difference " + r.relativeDifference()
                    + ", worst " + java.util.Arrays.toString(r.worst()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void matchesThePlainReference(Problem p) {
        Dataset data = randomData(p.v(), p.m(), 5);
        double[] theta = theta(p.config(), 9);
        double[] expected = new double[theta.length];
        double cost = ReferenceObjective.evaluate(p.config(), data, theta, expected);
        for (int threads : new int[] {1, 3}) {
            for (long cacheBytes : new long[] {EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES, 0}) {
                EvaluationSettings s = settings(threads, p.chunk(), Precision.F64).withActivationCacheBytes(cacheBytes);
                try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(p.config(), data, s)) {
                    double[] grad = new double[theta.length];
                    double j = f.evaluate(theta, grad);
                    assertEquals(cost, j, 1e-12 * Math.abs(cost), p + " threads=" + threads + " cost");
                    assertTrue(relativeDifference(grad, expected) <= 1e-12,
                            p + " threads=" + threads + " cache=" + cacheBytes + ": gradient differs by "
                                    + relativeDifference(grad, expected));
                }
            }
        }
    }

    /** The one-pass form (Σ f′xᵀ returned, the sparsity term added afterwards) is the same function. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void theOnePassFormMatchesThePlainReference(Problem p) {
        Dataset data = randomData(p.v(), p.m(), 6);
        double[] theta = theta(p.config(), 10);
        double[] expected = new double[theta.length];
        double cost = ReferenceObjective.evaluate(p.config(), data, theta, expected);
        for (Precision precision : Precision.values()) {
            SparseAutoencoderConfig c = p.config();
            double[] grad = new double[theta.length];
            double[] activations = new double[c.hidden()];
            double[] fPrimeX = new double[c.hidden() * c.visible()];
            double[] fPrimeSums = new double[c.hidden()];
            double squaredError;
            try (ParallelRuntime threads = ParallelRuntime.create(2)) {
                BlockSums block = new BlockSums(c, data, settings(2, p.chunk(), precision), threads, true);
                squaredError = block.addOnePassSums(theta, grad, activations, fPrimeX, fPrimeSums);
            }
            SparsityPenalty penalty = new SparsityPenalty(c);
            penalty.update(activations, p.m());
            BlockSums.addSparsityTerm(c, grad, penalty.sparsity(), fPrimeX, fPrimeSums);
            double j = SparseAutoencoderObjective.finish(c, theta, grad, squaredError, penalty.divergence(), p.m());
            double costTolerance = precision == Precision.F64 ? 1e-12 : F32_COST_TOLERANCE;
            double gradientTolerance = precision == Precision.F64 ? 1e-11 : F32_GRADIENT_TOLERANCE;
            assertEquals(cost, j, costTolerance * Math.abs(cost), p + " " + precision + " cost");
            assertTrue(relativeDifference(grad, expected) <= gradientTolerance, p + " " + precision
                    + ": gradient differs by " + relativeDifference(grad, expected));
        }
    }

    /** 20 -> 9 commits each chunk whole; 64 -> 100 (12 964 parameters) commits it in slices. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"20, 9", "64, 100"})
    void bitwiseIdenticalForAnyThreadCountAndCacheSetting(int v, int h) {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(v, h, 0.05, 1e-4, 3);
        Dataset data = randomData(v, 1003, 21);
        double[] theta = theta(c, 4);
        for (Precision precision : Precision.values()) {
            double[] reference = null;
            long referenceCost = 0;
            for (int threads : new int[] {1, 2, 3, 8}) {
                for (long cacheBytes : new long[] {EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES, 0}) {
                    EvaluationSettings s = settings(threads, 64, precision).withActivationCacheBytes(cacheBytes);
                    try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, data, s)) {
                        double[] grad = new double[theta.length];
                        // Evaluate twice: the second run reuses the workspaces and must not see stale state.
                        f.evaluate(c.initialParameters(77), grad);
                        long cost = Double.doubleToRawLongBits(f.evaluate(theta, grad));
                        if (reference == null) {
                            reference = grad;
                            referenceCost = cost;
                        } else {
                            assertEquals(referenceCost, cost, precision + " threads=" + threads + ": cost bits differ");
                            assertArrayEquals(reference, grad, 0.0, precision + " threads=" + threads + ": gradient differs");
                        }
                    }
                }
            }
        }
    }

    /**
     * Blocks that take turns in one set of lent workspaces (as an executor's task slot lends its own to
     * every block it evaluates) give the bits of blocks that keep their own, whether they cache their
     * hidden activations or not, in both pass forms, when their evaluations interleave.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void blocksTakingTurnsInLentWorkspacesGiveTheBitsOfTheirOwn(Precision precision) {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(30, 11, 0.05, 1e-4, 3);
        Dataset[] blocks = {randomData(30, 300, 5).toPrecision(precision), randomData(30, 170, 6).toPrecision(precision)};
        long[] caches = {EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES, 0};
        double[][] thetas = {theta(c, 8), theta(c, 9)};
        for (boolean onePass : new boolean[] {false, true}) {
            try (ParallelRuntime rt = ParallelRuntime.create(2)) {
                BlockSums[] own = new BlockSums[2];
                BlockSums[] lent = new BlockSums[2];
                ChunkWorkspaces slot = ChunkWorkspaces.of(c, precision, 2, 64, onePass);
                for (int b = 0; b < 2; b++) {
                    EvaluationSettings s = settings(2, 64, precision).withActivationCacheBytes(caches[b]);
                    own[b] = new BlockSums(c, blocks[b], s, rt, onePass);
                    lent[b] = new BlockSums(c, blocks[b], s, rt, onePass, slot);
                }
                for (double[] theta : thetas) {
                    double[][] results = new double[2][];
                    for (BlockSums[] kind : List.of(own, lent)) {
                        double[] g = new double[theta.length];
                        double[] a = new double[c.hidden()];
                        double e = 0;
                        for (BlockSums b : kind) {
                            if (kind == lent) {
                                b.use(slot);
                            }
                            if (onePass) {
                                e += b.addOnePassSums(theta, g, a, new double[c.hidden() * c.visible()],
                                        new double[c.hidden()]);
                            } else {
                                b.addActivationSums(theta, a);
                            }
                        }
                        SparsityPenalty penalty = new SparsityPenalty(c);
                        penalty.update(a, 470);
                        double[] sparsity = penalty.sparsity();
                        for (BlockSums b : kind) {
                            if (!onePass) {
                                e += b.addGradientSums(theta, sparsity, g);
                            }
                        }
                        double[] all = java.util.Arrays.copyOf(g, g.length + a.length + 1);
                        System.arraycopy(a, 0, all, g.length, a.length);
                        all[all.length - 1] = e;
                        results[kind == own ? 0 : 1] = all;
                    }
                    assertArrayEquals(results[0], results[1], 0.0, precision + (onePass ? " one pass" : " two passes"));
                }
                assertTrue(own[0].caches() && !own[1].caches() || onePass, "one block caches, the other not");
            }
        }
    }

    /**
     * The same values from every kind of store give the same bits: a heap array, heap segments and a
     * mapped file cut where chunks cross them, and pixel bytes scaled as they are read against the same
     * scaled values stored in the precision computed in; on 1, 2 and 3 threads, in both pass forms.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyKindOfStoreGivesTheSameBits(Precision precision, @TempDir Path dir) throws IOException {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(20, 9, 0.05, 1e-4, 3);
        int m = 203;
        SplittableRandom rnd = new SplittableRandom(31);
        byte[] pixels = new byte[c.visible() * m];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rnd.nextInt(256);
        }
        double scale = 1 / 255.0;
        Dataset bytes = Dataset.ofBytes(c.visible(), m, ValueType.U8, pixels, precision).scaled(scale);
        double[] scaled = new double[pixels.length];
        float[] scaledF = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xFF) * scale;
            scaledF[i] = (float) scaled[i];
        }
        Dataset heap = precision == Precision.F64 ? Dataset.ofDoubles(c.visible(), m, scaled)
                : Dataset.ofFloats(c.visible(), m, scaledF);
        long window = 5L * c.visible() * (precision == Precision.F64 ? 8 : 4);
        Dataset segmented = TestStores.segmented(heap, 11);
        Dataset mapped = TestStores.mapped(heap, precision == Precision.F64 ? ValueType.F64 : ValueType.F32,
                dir.resolve("x.npy"), window);
        Dataset mappedBytes = TestStores.mapped(Dataset.ofBytes(c.visible(), m, ValueType.U8, pixels, precision),
                ValueType.U8, dir.resolve("u8.npy"), 5L * c.visible()).scaled(scale);
        assertTrue(TestStores.pieces(segmented) > 10 && TestStores.pieces(mapped) > 10, "chunks cross boundaries");
        double[] theta = theta(c, 17);
        for (boolean onePass : new boolean[] {false, true}) {
            double[] reference = null;
            for (Dataset store : new Dataset[] {heap, segmented, mapped, bytes, mappedBytes}) {
                for (int t : new int[] {1, 2, 3}) {
                    double[] sums = storeSums(c, store, theta, precision, t, onePass);
                    if (reference == null) {
                        reference = sums;
                    } else {
                        assertArrayEquals(reference, sums, 0.0, precision + " " + store + " threads=" + t
                                + (onePass ? " one pass" : " two passes"));
                    }
                }
            }
        }
    }

    /** J, ∇J (two passes) or the one-pass sums, as one array. */
    private double[] storeSums(SparseAutoencoderConfig c, Dataset data, double[] theta, Precision precision,
                               int threads, boolean onePass) {
        EvaluationSettings s = settings(threads, 16, precision);
        if (!onePass) {
            try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, data, s)) {
                double[] grad = new double[theta.length + 1];
                double[] g = new double[theta.length];
                grad[theta.length] = f.evaluate(theta, g);
                System.arraycopy(g, 0, grad, 0, g.length);
                return grad;
            }
        }
        int n = theta.length;
        int h = c.hidden();
        double[] all = new double[n + h + h * c.visible() + h + 1];
        double[] grad = new double[n];
        double[] act = new double[h];
        double[] fx = new double[h * c.visible()];
        double[] fs = new double[h];
        try (ParallelRuntime rt = ParallelRuntime.create(threads)) {
            all[all.length - 1] = new BlockSums(c, data, s, rt, true).addOnePassSums(theta, grad, act, fx, fs);
        }
        System.arraycopy(grad, 0, all, 0, n);
        System.arraycopy(act, 0, all, n, h);
        System.arraycopy(fx, 0, all, n + h, fx.length);
        System.arraycopy(fs, 0, all, n + h + fx.length, h);
        return all;
    }

    /** The one-pass sums of a model committed in slices: the same bits on 1, 2 and 3 threads. */
    @Test
    void onePassSumsAreBitwiseIdenticalForAnyThreadCount() {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(64, 100, 0.05, 1e-4, 3);
        Dataset data = randomData(64, 1003, 22);
        double[] theta = theta(c, 5);
        for (Precision precision : Precision.values()) {
            double[][] reference = null;
            for (int t : new int[] {1, 2, 3}) {
                double[][] sums = {new double[theta.length], new double[c.hidden()],
                    new double[c.hidden() * c.visible()], new double[c.hidden()], new double[1]};
                try (ParallelRuntime threads = ParallelRuntime.create(t)) {
                    BlockSums block = new BlockSums(c, data, settings(t, 64, precision), threads, true);
                    sums[4][0] = block.addOnePassSums(theta, sums[0], sums[1], sums[2], sums[3]);
                }
                if (reference == null) {
                    reference = sums;
                } else {
                    for (int i = 0; i < sums.length; i++) {
                        assertArrayEquals(reference[i], sums[i], 0.0, precision + " threads=" + t + " sum " + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void float32AgreesWithFloat64WithinTheDocumentedTolerance(Problem p) {
        Dataset data = randomData(p.v(), p.m(), 8);
        double[] theta = theta(p.config(), 12);
        double[] g64 = new double[theta.length];
        double[] g32 = new double[theta.length];
        double j64;
        double j32;
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(p.config(), data, settings(2, p.chunk(), Precision.F64))) {
            j64 = f.evaluate(theta, g64);
        }
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(p.config(), data, settings(2, p.chunk(), Precision.F32))) {
            j32 = f.evaluate(theta, g32);
        }
        assertEquals(j64, j32, F32_COST_TOLERANCE * Math.abs(j64), p + " cost");
        assertTrue(relativeDifference(g32, g64) <= F32_GRADIENT_TOLERANCE,
                p + ": f32 gradient differs by " + relativeDifference(g32, g64));
    }

    @Test
    void meanActivationsAreTheHiddenUnitMeans() {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(5, 3, 0.1, 0, 3);
        Dataset data = randomData(5, 17, 2);
        double[] theta = theta(c, 6);
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, data, settings(2, 4, Precision.F64))) {
            double[] rhoHat = f.meanActivations(theta);
            for (int j = 0; j < 3; j++) {
                double mean = 0;
                for (int s = 0; s < 17; s++) {
                    double z = theta[c.b1Offset() + j];
                    for (int i = 0; i < 5; i++) {
                        z += theta[j + i * 3] * data.get(i, s);
                    }
                    mean += 1 / (1 + Math.exp(-z)) / 17;
                }
                assertEquals(mean, rhoHat[j], 1e-14);
            }
        }
    }

    static double relativeDifference(double[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
