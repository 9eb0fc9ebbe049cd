package org.sae4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code sae} in-process with captured output, as a user would from a shell. */
final class Cli {
    private Cli() {
    }

    /** The outcome of one command. */
    record Run(int exitCode, String out, String err) {
        /** For assertion messages. */
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs with output redirected (not a terminal). */
    static Run run(String... args) {
        return run(false, args);
    }

    static Run run(boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sae.commandLine(new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                terminal, false)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
