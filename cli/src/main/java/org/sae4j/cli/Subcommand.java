package org.sae4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code sae} subcommand has: the top command, for the streams and {@code --verbose}, and its
 * own picocli spec, for usage errors that name an option. Picocli fills both.
 */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    Sae sae;

    @Spec
    CommandSpec spec;
}
