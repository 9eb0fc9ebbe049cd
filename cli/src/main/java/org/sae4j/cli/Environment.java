package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Where the commands write and how they behave towards the user; injected so that tests can run the
 * commands in-process with captured output.
 *
 * @param out              results (and the single JSON object with {@code --json})
 * @param err              progress, notes and error lines
 * @param terminal         whether a person watches: progress is then one line rewritten in place
 * @param cancelOnShutdown whether training installs a JVM shutdown hook so that Ctrl-C stops it and
 *                         saves the best model; only for a real process, never in tests
 */
public record Environment(PrintWriter out, PrintWriter err, boolean terminal, boolean cancelOnShutdown) {
    public Environment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
