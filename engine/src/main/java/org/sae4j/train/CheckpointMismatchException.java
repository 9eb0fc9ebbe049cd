package org.sae4j.train;

/** A checkpoint is of another run: its message names the first fingerprint field that differs. */
public final class CheckpointMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CheckpointMismatchException(String difference) {
        super(difference);
    }
}
