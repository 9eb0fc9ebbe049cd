package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.SharedData;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;

/**
 * The path of {@code spark-submit}: Spark's own {@code SparkSubmit} main class, from the class path the
 * build wrote, submitting the shaded jar on {@code local[2]} to train on the real patches.
 */
class SparkSubmitIT {
    @TempDir
    Path dir;

    @Test
    void sparkSubmitTrainsOnTheRealPatches() throws Exception {
        Path patches = SharedData.file("data/ufldl/patches_10000_seed0.npy");
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(Files.readString(Path.of(System.getProperty("sae4j.spark.jvmOptions"))).strip()
                .split("\\s+")));
        command.addAll(List.of("-cp", Files.readString(Path.of(System.getProperty("sae4j.spark.classpath"))).strip(),
                "org.apache.spark.deploy.SparkSubmit", "--class", "org.sae4j.spark.SparkTrain", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                System.getProperty("sae4j.spark.jar"),
                "--npy", patches.toUri().toString(), "--hidden", "25", "--iterations", "30", "--backend", "java",
                "--threads", "1", "--partitions", "2", "--out", out.toString(), "--json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.redirectError(dir.resolve("stderr.txt").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "SparkSubmit ends");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.contains("\"iterations\":30"), stdout);
        assertTrue(stderr.contains("iteration 30/30"), stderr);
        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(30, model.metadata().iterations());
        double[] costs = Files.readAllLines(out.resolve("cost.csv")).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        assertEquals(31, costs.length);
        assertTrue(costs[30] < 0.5 * costs[0], "J fell from " + costs[0] + " to " + costs[30]);
    }
}
