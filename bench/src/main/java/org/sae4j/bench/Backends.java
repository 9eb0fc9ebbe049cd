package org.sae4j.bench;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.backend.java.JavaBackend;

/** Benchmark backend names: the registered ones plus {@code java-scalar} and {@code java-vector}. */
final class Backends {
    private Backends() {
    }

    static MatrixBackend byName(String name) {
        return switch (name) {
            case "java-scalar" -> new JavaBackend(JavaBackend.Kernel.SCALAR);
            case "java-vector" -> new JavaBackend(JavaBackend.Kernel.VECTOR);
            default -> MatrixBackends.get(name);
        };
    }
}
