package org.sae4j.backend;

/**
 * Service-provider interface: a jar registers an implementation in
 * {@code META-INF/services/org.sae4j.backend.MatrixBackendProvider} and its backend becomes selectable
 * by {@link #name()}.
 */
public interface MatrixBackendProvider {

    /** The selection name. */
    String name();

    /** Preference under {@code auto}: the available provider with the highest priority wins. */
    int priority();

    /**
     * Whether the backend can run here. Must not throw; an unavailable backend explains why and how to
     * make it available.
     */
    Availability availability();

    /** Creates the backend; only called when {@link #availability()} says it is available. */
    MatrixBackend create();

    /** Whether a backend can run, and if not, why and what to do about it. */
    record Availability(boolean available, String reason) {
        public static Availability yes(String reason) {
            return new Availability(true, reason);
        }

        public static Availability no(String reasonAndRemedy) {
            return new Availability(false, reasonAndRemedy);
        }
    }
}
