package org.sae4j.cli;

import org.sae4j.options.Checks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --json --progress-every}: how a training command reports, shared by {@code train} and {@code demo}. */
final class ReportOptions {
    @Option(names = "--json", description = "Print one JSON object with the results on stdout.")
    boolean json;

    @Option(names = "--progress-every", paramLabel = "N", defaultValue = "10",
            description = "When stderr is not a terminal, print progress every N iterations (default: ${DEFAULT-VALUE}).")
    int progressEvery;

    /** Invalid settings are usage errors of {@code spec}'s command. */
    void check(CommandSpec spec) {
        Checks.positive(spec, "--progress-every", progressEvery);
    }
}
