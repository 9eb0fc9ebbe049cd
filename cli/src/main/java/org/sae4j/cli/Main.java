package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Entry point of {@code sae.jar}: runs the command line on the process's own streams and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, charset());
        PrintWriter err = new PrintWriter(System.err, true, charset());
        int code;
        try {
            code = Sae.commandLine(new Environment(out, err, System.console() != null, true)).execute(args);
        } catch (OutOfMemoryError e) {
            // Reported without a stack trace: the remedy is a JVM option, not a code change.
            err.println("sae: error: out of memory (" + e.getMessage()
                    + "); give the JVM more with JAVA_OPTS=-Xmx<size>, e.g. JAVA_OPTS=-Xmx8g ./sae ...");
            code = 1;
        } catch (InternalError e) {
            err.println("sae: error: " + ErrorReporter.describe(e));
            code = 1;
        }
        out.flush();
        if (out.checkError() && code != Sae.EXIT_INTERRUPTED) {
            // PrintWriter keeps write failures to itself; a result that never arrived is a failure
            err.println("sae: error: the output could not be written to standard output (a full disk, or a"
                    + " closed pipe)");
            code = 1;
        }
        err.flush();
        System.exit(code);
    }

    /** The console's encoding, so that non-ASCII file names print correctly on a terminal. */
    private static Charset charset() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
