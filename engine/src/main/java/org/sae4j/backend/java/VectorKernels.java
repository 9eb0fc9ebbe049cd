package org.sae4j.backend.java;

import jdk.incubator.vector.VectorShape;

/**
 * Chooses the Vector API micro-kernels' shape: 2 vectors × 8 columns where the preferred vectors are
 * 512 bits or wider (such CPUs have 32 vector registers, room for 16 accumulators), 2 × 4 below (16
 * registers: more accumulators would spill), unless {@value #COLUMNS_PROPERTY} says otherwise. Both
 * precisions get the same shape.
 *
 * <p>Only loaded when the module {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorKernels {
    /** Forces the kernels' column count, 4 or 8, instead of the choice by vector width (for measuring). */
    static final String COLUMNS_PROPERTY = "sae4j.java.kernelColumns";
    private static final int WIDE_BITS = 512;

    private VectorKernels() {
    }

    /** 8 or 4: the columns for this JVM's preferred vector width, or as the property forces. */
    static int columnsForPreferredWidth() {
        String forced = System.getProperty(COLUMNS_PROPERTY, "").trim();
        return switch (forced) {
            case "" -> VectorShape.preferredShape().vectorBitSize() >= WIDE_BITS ? 8 : 4;
            case "4" -> 4;
            case "8" -> 8;
            default -> throw new IllegalArgumentException("-D" + COLUMNS_PROPERTY + " must be 4 or 8, got '"
                    + forced + "'");
        };
    }

    /** The f64 kernel of 2 vectors × {@code columns} (4 or 8), whatever the width. */
    static F64MicroKernel f64(int columns) {
        return switch (columns) {
            case 4 -> new F64VectorKernel2x4();
            case 8 -> new F64VectorKernel2x8();
            default -> throw notAShape(columns);
        };
    }

    /** The f32 kernel of 2 vectors × {@code columns} (4 or 8), whatever the width. */
    static F32MicroKernel f32(int columns) {
        return switch (columns) {
            case 4 -> new F32VectorKernel2x4();
            case 8 -> new F32VectorKernel2x8();
            default -> throw notAShape(columns);
        };
    }

    private static IllegalArgumentException notAShape(int columns) {
        return new IllegalArgumentException("vector kernels have 4 or 8 columns, not " + columns);
    }
}
