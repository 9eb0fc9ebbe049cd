package org.sae4j.backend;

/** A backend was asked for by name but cannot run here; the message says how to make it available. */
public final class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }
}
