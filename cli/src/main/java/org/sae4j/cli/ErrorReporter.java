package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import org.sae4j.backend.BackendUnavailableException;
import org.sae4j.data.DataFileException;
import org.sae4j.io.FileFormatException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns every failure into one line {@code sae: error: <message>} on stderr (plus the stack trace with
 * {@code --verbose}) and the exit code: 2 for usage errors, 1 for anything that went wrong while working.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private static final String VERBOSE = "--verbose";

    private final PrintWriter err;

    ErrorReporter(PrintWriter err) {
        this.err = err;
    }

    static boolean verbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        // picocli starts some of its messages with "Error: ", which our prefix already says
        String message = oneLine(ex.getMessage()).replaceFirst("^Error: ", "");
        err.println("sae: error: " + message + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (Arrays.asList(args).contains(VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        err.println("sae: error: " + oneLine(describe(ex)));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The user-facing explanation of a failure. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            return describe(ex.getCause());
        }
        if (ex instanceof NoSuchFileException) {
            return "file not found: " + ((NoSuchFileException) ex).getFile();
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ((AccessDeniedException) ex).getFile();
        }
        if (ex instanceof FileAlreadyExistsException) {
            return "file already exists: " + ((FileAlreadyExistsException) ex).getFile();
        }
        if (ex instanceof NotDirectoryException) {
            return "not a directory: " + ((NotDirectoryException) ex).getFile();
        }
        if (ex instanceof FileSystemException) {
            FileSystemException fs = (FileSystemException) ex;
            return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName());
        }
        if (ex instanceof DataFileException || ex instanceof FileFormatException || ex instanceof CommandFailure
                || ex instanceof IllegalArgumentException || ex instanceof BackendUnavailableException) {
            return messageOf(ex);
        }
        if (ex instanceof IOException) {
            return "I/O error: " + messageOf(ex);
        }
        if (ex instanceof InternalError && String.valueOf(ex.getMessage()).contains("unsafe memory access")) {
            // the JVM's report of a mapped page that is gone, when no reader was there to name the file
            return "a file read in place was cut short while it was read (" + messageOf(ex) + "); it must stay as it"
                    + " was until the command ends";
        }
        return "unexpected " + ex.getClass().getName() + ": " + messageOf(ex)
                + " (run with --verbose for the stack trace)";
    }

    private static String messageOf(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
