package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes the engine's {@code System.Logger} output (java.util.logging by default) to stderr as short
 * {@code sae: info: ...} lines: warnings always, information only with {@code --verbose}.
 */
final class Logging {
    private Logging() {
    }

    static void configure(PrintWriter err, boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new LineHandler(err);
        handler.setLevel(level);
        root.setLevel(level);
        root.addHandler(handler);
    }

    private static final class LineHandler extends Handler {
        private final PrintWriter err;
        private final Formatter formatter = new SimpleFormatter();

        LineHandler(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                err.println("sae: " + record.getLevel().getName().toLowerCase(Locale.ROOT) + ": "
                        + formatter.formatMessage(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
