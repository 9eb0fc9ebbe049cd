package org.sae4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Runs a Spark command the way {@code sae} runs its own: a usage error is exit 2 with the usage, a
 * failure is one line {@code sae4j-spark: error: ...} and exit 1.
 */
final class Commands {
    private Commands() {
    }

    static int execute(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            err.println("sae4j-spark: error: " + describe(ex));
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The one-line explanation: the message of the failure that a Spark job wrapped, where there is one. */
    static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof org.apache.spark.SparkException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (t instanceof org.apache.spark.SparkException && message != null) {
            // a task's failure reaches the driver as text: "Job aborted ... : org.sae4j...Exception: what\n\tat ..."
            for (String known : new String[] {"org.sae4j.data.DataFileException: ",
                    "java.lang.IllegalArgumentException: ", "java.io.UncheckedIOException: "}) {
                int at = message.indexOf(known);
                if (at >= 0) {
                    String rest = message.substring(at + known.length());
                    int end = rest.indexOf('\n');
                    return (end < 0 ? rest : rest.substring(0, end)).strip();
                }
            }
        }
        if (t instanceof IOException && !(t instanceof org.sae4j.data.DataFileException)
                && !(t instanceof org.sae4j.io.FileFormatException)) {
            message = "I/O error: " + message;
        }
        return (message == null ? t.getClass().getSimpleName() : message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
