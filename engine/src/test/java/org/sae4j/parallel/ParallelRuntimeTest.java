package org.sae4j.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.optim.Lbfgs;
import org.sae4j.precision.Precision;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

class ParallelRuntimeTest {

    /** Threads of sae4j's pools and of any other pool made with {@code new ForkJoinPool(...)}. */
    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("sae4j-.*|ForkJoinPool-\\d+-worker-.*"))
                .collect(Collectors.toSet());
    }

    private static Dataset data(int v, int m) {
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 + 0.8 * ((i * 2654435761L) % 1000) / 1000.0;
        }
        return Dataset.ofDoubles(v, m, x);
    }

    /** Work of several tasks on the runtime's pool, each noting the thread it ran on. */
    private static void runOnEveryThread(ParallelRuntime runtime, Set<String> seen) {
        runtime.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                RecursiveAction[] tasks = new RecursiveAction[30];
                for (int i = 0; i < tasks.length; i++) {
                    tasks[i] = new RecursiveAction() {
                        @Override
                        protected void compute() {
                            seen.add(Thread.currentThread().getName());
                        }
                    };
                }
                invokeAll(tasks);
            }
        });
    }

    @Test
    void noThreadOfARuntimeOutlivesClose() {
        Set<Thread> before = engineThreads();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ParallelRuntime runtime = ParallelRuntime.create(3)) {
            runOnEveryThread(runtime, seen);
            assertTrue(seen.stream().anyMatch(n -> n.startsWith("sae4j-")), seen.toString());
        }
        Set<Thread> after = engineThreads();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "still alive after close(): " + after);
    }

    @Test
    void closeWaitsForTheThreadsAlsoWhenTheCallerIsInterrupted() {
        Set<Thread> before = engineThreads();
        ParallelRuntime runtime = ParallelRuntime.create(2);
        runOnEveryThread(runtime, ConcurrentHashMap.newKeySet());
        Thread.currentThread().interrupt();
        try {
            runtime.close();
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        Set<Thread> after = engineThreads();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "still alive after an interrupted close(): " + after);
    }

    @Test
    void aTrainingRunSharesOneRuntimeAndLeavesNoThreadBehind() {
        Set<Thread> before = engineThreads();
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(300, 40, 0.1, 1e-3, 3);
        Set<String> pools = ConcurrentHashMap.newKeySet();
        TrainingResult r = Trainer.of(config, TrainingSpec.defaults()
                .withSettings(EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(2).withChunkSize(100))
                .withOptimizer(Lbfgs.builder().maxIterations(3).build())
                .withListener(it -> engineThreads()
                        .forEach(t -> pools.add(t.getName().replaceFirst("-worker-.*", "")))))
                .train(data(300, 600));
        assertEquals(3, r.iterations());
        pools.removeAll(before.stream().map(t -> t.getName().replaceFirst("-worker-.*", "")).toList());
        assertEquals(1, pools.size(), "one pool for the evaluation and the optimiser: " + pools);
        assertTrue(pools.iterator().next().startsWith("sae4j-"), pools.toString());
        Set<Thread> after = engineThreads();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "still alive after train(): " + after);
    }

    @Test
    void aCallersPoolIsUsedAndLeftRunning() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            try (ParallelRuntime runtime = ParallelRuntime.using(pool)) {
                assertEquals(2, runtime.threads());
                runOnEveryThread(runtime, seen);
                SparseAutoencoderConfig config = new SparseAutoencoderConfig(20, 5, 0.1, 1e-3, 3);
                TrainingResult r = Trainer.of(config, TrainingSpec.defaults()
                        .withRuntime(runtime)
                        .withSettings(EvaluationSettings.of(new JavaBackend(), Precision.F64).withChunkSize(50))
                        .withOptimizer(Lbfgs.builder().maxIterations(2).build())).train(data(20, 200));
                assertEquals(2, r.iterations());
            }
            assertTrue(seen.stream().allMatch(n -> n.startsWith("ForkJoinPool-")), seen.toString());
            assertFalse(pool.isShutdown(), "the caller's pool stays theirs");
        } finally {
            pool.shutdownNow();
        }
    }
}
