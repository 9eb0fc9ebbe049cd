package org.sae4j.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.optim.GradientDescent;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The shared options as any command gets them: defaults, values, and usage errors (exit 2) naming the option. */
class OptionsTest {
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SparsityOptions sparsity;

        @Mixin
        OptimizerOptions optimizer;

        @Mixin
        EngineOptions engine;

        SparseAutoencoderConfig config;
        Optimizer built;

        @Override
        public Integer call() {
            sparsity.check(5);
            engine.check();
            config = sparsity.config(7, 5);
            built = optimizer.build(spec);
            return 0;
        }
    }

    private record Run(int exit, String err, Probe probe) {
    }

    private static Run run(String... args) {
        Probe probe = new Probe();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(probe);
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString(), probe);
    }

    @Test
    void theDefaultsAreTheUfldlExercisesAndTheEnginesOwn() {
        Run r = run();
        assertEquals(0, r.exit(), r.err());
        assertEquals(new SparseAutoencoderConfig(7, 5, 0.01, 1e-4, 3, OutputLayer.SIGMOID), r.probe().config);
        assertTrue(r.probe().built instanceof Lbfgs);
        assertEquals(400, r.probe().built.maxIterations());
        assertEquals(Precision.F64, r.probe().engine.precision());
        assertEquals(256, EvaluationSettings.defaultChunkSize(1000, 7, 5));
        assertEquals(250, r.probe().engine.chunkFor(1000, 7, 5), "1000 samples at most 256 a chunk: 4 of 250");
        assertEquals(Runtime.getRuntime().availableProcessors(), r.probe().engine.threads());
        assertEquals(3, r.probe().engine.threadsOr(3), "an executor's cores when --threads is not given");
    }

    @Test
    void valuesAreTaken() {
        Run r = run("--rho", "0.1", "--lambda", "3e-3", "--beta", "5", "--decoder", "linear", "--optimizer", "gd",
                "--iterations", "7", "--learning-rate", "0.5", "--threads", "3", "--precision", "f32", "--chunk", "64");
        assertEquals(0, r.exit(), r.err());
        assertEquals(new SparseAutoencoderConfig(7, 5, 0.1, 3e-3, 5, OutputLayer.LINEAR), r.probe().config);
        assertTrue(r.probe().built instanceof GradientDescent);
        assertEquals(7, r.probe().built.maxIterations());
        assertEquals(3, r.probe().engine.threadsOr(8));
        assertEquals(Precision.F32, r.probe().engine.precision());
        assertEquals(63, r.probe().engine.chunkFor(1000, 7, 5), "1000 samples at most 64 a chunk: 16 of 62 or 63");
    }

    @Test
    void aValueTheLibraryRefusesIsAUsageErrorNamingTheOption() {
        String[][] cases = {
            {"--rho", "2", "--rho must be in (0, 1), got 2.0"},
            {"--lambda", "-1", "--lambda must be finite and >= 0, got -1.0"},
            {"--beta", "NaN", "--beta must be finite and >= 0, got NaN"},
            {"--decoder", "tanh", "--decoder must be sigmoid or linear, got 'tanh'"},
            {"--iterations", "0", "--iterations must be >= 1, got 0"},
            {"--history", "0", "--history must be >= 1, got 0"},
            {"--gradient-tolerance", "-1", "--gradient-tolerance must be finite and >= 0, got -1.0"},
            {"--optimizer", "adam", "--optimizer must be lbfgs or gd, got 'adam'"},
            {"--threads", "0", "--threads must be >= 1, got 0"},
            {"--chunk", "0", "expected auto or a number of samples >= 1, got 0"},
            {"--precision", "f16", "expected f32 or f64, got 'f16'"},
            {"--backend", "gpu", "--backend: unknown backend 'gpu'"},
        };
        for (String[] c : cases) {
            Run r = run(c[0], c[1]);
            assertEquals(2, r.exit(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[2]), String.join(" ", c) + ": " + r.err());
        }
    }
}
