package org.sae4j.bench;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.backend.java.JavaBackend;

/**
 * Benchmark backend names: the registered ones plus {@code java-scalar}, {@code java-vector}, and
 * {@code java-2x4} and {@code java-2x8}, the Vector API kernel of that shape (vectors × columns) whatever
 * the vector width would choose.
 */
final class Backends {
    private Backends() {
    }

    static MatrixBackend byName(String name) {
        return switch (name) {
            case "java-scalar" -> new JavaBackend(JavaBackend.Kernel.SCALAR);
            case "java-vector" -> new JavaBackend(JavaBackend.Kernel.VECTOR);
            case "java-2x4" -> JavaBackend.withVectorColumns(4);
            case "java-2x8" -> JavaBackend.withVectorColumns(8);
            default -> MatrixBackends.get(name);
        };
    }
}
