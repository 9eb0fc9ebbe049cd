package org.sae4j.backend.java;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;

/** Registers the pure-Java backend; always available, lowest priority under {@code auto}. */
public final class JavaBackendProvider implements MatrixBackendProvider {
    @Override
    public String name() {
        return JavaBackend.NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        // Which kernel and blocking a new instance would use, so `sae info` can say it.
        return Availability.yes("pure Java, always available; " + create().info().kernel());
    }

    @Override
    public MatrixBackend create() {
        return new JavaBackend();
    }
}
