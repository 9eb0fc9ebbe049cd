package org.sae4j.backend;

/** A registered provider that can never run here: exercises the "not available" paths of selection. */
public final class UnavailableTestProvider implements MatrixBackendProvider {
    static final String NAME = "test-unavailable";

    @Override
    public String name() {
        return NAME;
    }

    /** Above every real backend, so {@code auto} must skip it rather than pick it. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Availability availability() {
        return Availability.no("libtest.so not found; install it with 'apt-get install libtest'");
    }

    @Override
    public MatrixBackend create() {
        throw new AssertionError("create() must not be called on an unavailable provider");
    }
}
