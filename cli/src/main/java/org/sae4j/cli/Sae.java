package org.sae4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code sae} command and its subcommands. Build it with {@link #commandLine(Environment)} and run
 * it with {@link CommandLine#execute(String...)}, which returns the exit code: 0 on success, 1 when the
 * work failed, 2 for a usage error, 130 when training was interrupted.
 */
@Command(name = "sae", mixinStandardHelpOptions = true, versionProvider = Sae.Version.class,
        description = "Trains UFLDL sparse autoencoders fast on multicore machines.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, GradCheckCommand.class,
                ExportCommand.class, EncodeCommand.class, FeaturesCommand.class, ClassifyCommand.class, PredictCommand.class,
                SelfTaughtCommand.class, DeepCommand.class, SynthCommand.class, ConvertCommand.class, InfoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Sae implements Callable<Integer> {

    /** Exit code of a training run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int EXIT_INTERRUPTED = 130;

    private final Environment env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log the engine's choices and print stack traces with errors.")
    private boolean verbose;

    private Sae(Environment env) {
        this.env = env;
    }

    /** The command line with its subcommands, writing to {@code env}'s streams. */
    public static CommandLine commandLine(Environment env) {
        Objects.requireNonNull(env, "env");
        CommandLine cmd = new CommandLine(new Sae(env));
        ErrorReporter reporter = new ErrorReporter(env.err());
        cmd.setOut(env.out());
        cmd.setErr(env.err());
        cmd.setParameterExceptionHandler(reporter);
        cmd.setExecutionExceptionHandler(reporter);
        cmd.setExecutionStrategy(parseResult -> {
            Logging.configure(env.err(), ErrorReporter.verbose(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }

    Environment env() {
        return env;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of demo, train, eval, gradcheck,"
                + " export, encode, features, classify, predict, self-taught, convert, info, bench");
    }

    /** The version from the build (resource filtered by Maven). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Sae.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"sae4j " + p.getProperty("version", "(unknown version)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
