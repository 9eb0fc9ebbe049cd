package org.sae4j.backend;

/**
 * How a run's backend was chosen: measured by {@code auto} (with what it measured), or named.
 *
 * @param measured whether {@code auto} chose it
 * @param summary  {@code auto}'s summary of the measurement, or the backend's name
 */
public record BackendChoice(boolean measured, String summary) {

    /** The choice of {@code auto}, as its {@link AutoSelection.Choice#summary()} says. */
    public static BackendChoice measured(AutoSelection.Choice choice) {
        return new BackendChoice(true, choice.summary());
    }

    /** A backend asked for by name. */
    public static BackendChoice named(MatrixBackend backend) {
        return new BackendChoice(false, backend.name());
    }

    /** As a model file records it: {@code auto: <summary>} or {@code --backend <name>}. */
    @Override
    public String toString() {
        return measured ? "auto: " + summary : "--backend " + summary;
    }
}
