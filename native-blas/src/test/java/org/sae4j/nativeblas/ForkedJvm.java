package org.sae4j.nativeblas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test sources in a fresh JVM: same java binary, same class path. */
final class ForkedJvm {

    private static final long TIMEOUT_SECONDS = 120;

    private ForkedJvm() {
    }

    /** What the child printed (stdout and stderr, where the JDK logger writes, interleaved). */
    record Result(int exitCode, String output) {
        /** The text after {@code key=} on the first line that starts with it. */
        Optional<String> value(String key) {
            return output.lines().filter(l -> l.startsWith(key + "=")).findFirst()
                    .map(l -> l.substring(key.length() + 1));
        }
    }

    static Result run(Class<?> mainClass, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return run(mainClass, environment, Set.of(), jvmOptions);
    }

    /**
     * Runs {@code mainClass} with {@code environment} added and {@code unset} removed. The child uses
     * this JVM's sae4j cache folder unless {@code jvmOptions} name another.
     */
    static Result run(Class<?> mainClass, Map<String, String> environment, Set<String> unset, List<String> jvmOptions,
                      String... args) throws IOException, InterruptedException {
        return run(List.of(), mainClass, environment, unset, jvmOptions, args);
    }

    /** The same, with the java command run through {@code wrapper} (e.g. {@code unshare -m sh -c ...}). */
    static Result run(List<String> wrapper, Class<?> mainClass, Map<String, String> environment, Set<String> unset,
                      List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java binary runs this JVM"));
        List<String> command = new ArrayList<>(wrapper);
        command.add(java);
        String cache = System.getProperty("sae4j.cache");
        if (cache != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-Dsae4j.cache="))) {
            command.add("-Dsae4j.cache=" + cache);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("sae4j-forked-jvm", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().keySet().removeAll(unset);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("forked JVM " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
