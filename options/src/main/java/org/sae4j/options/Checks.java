package org.sae4j.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks that picocli cannot express; a failed check is a usage error (exit code 2). */
public final class Checks {
    private Checks() {
    }

    public static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw usage(spec, message);
        }
    }

    /** A usage error of {@code spec}'s command, to throw. */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    public static void positive(CommandSpec spec, String option, long value) {
        require(spec, value >= 1, option + " must be >= 1, got " + value);
    }

    /** {@link #positive} for an option without a default ({@code null} when not given). */
    public static void positiveIfGiven(CommandSpec spec, String option, Integer value) {
        if (value != null) {
            positive(spec, option, value);
        }
    }

    public static void finiteNonNegative(CommandSpec spec, String option, double value) {
        require(spec, value >= 0 && Double.isFinite(value), option + " must be finite and >= 0, got " + value);
    }
}
