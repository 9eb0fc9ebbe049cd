package org.sae4j.cli;

/**
 * A command's work failed for a reason that is not a malformed data file: an output that cannot be
 * written, a result that is not finite, a checkpoint of another run, inputs that do not go together.
 * {@code sae} reports its message on one line and exits 1, as for a data file's fault.
 */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
