package org.sae4j.options;

import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The objective's constants {@code --rho --lambda --beta} and its {@code --decoder}, defaulting to the
 * UFLDL exercise's. They are checked where the library checks them, by {@link SparseAutoencoderConfig}'s own
 * rules, and a value it refuses is a usage error naming the option.
 */
public final class SparsityOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.01",
            description = "Target mean activation of each hidden unit, in (0, 1) (default: ${DEFAULT-VALUE}).")
    private double rho;

    @Option(names = "--lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay, >= 0 (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "3",
            description = "Weight of the sparsity penalty, >= 0 (default: ${DEFAULT-VALUE}).")
    private double beta;

    @Option(names = "--decoder", paramLabel = "sigmoid|linear", defaultValue = "sigmoid",
            description = "Output layer: sigmoid (inputs in [0, 1]) or linear, a3 = W2 a2 + b2, for inputs that are"
                    + " not, such as whitened data (default: ${DEFAULT-VALUE}).")
    private String decoder;

    /** The output layer. */
    public OutputLayer outputLayer() {
        try {
            return OutputLayer.parse(decoder);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, "--" + e.getMessage());
        }
    }

    /** Checks the constants and {@code hidden} before any data is read: usage errors naming the option. */
    public void check(int hidden) {
        config(1, hidden);
    }

    /** The configuration for these constants and sizes; a value the configuration refuses is a usage error. */
    public SparseAutoencoderConfig config(int visible, int hidden) {
        OutputLayer output = outputLayer();
        Checks.positive(spec, "--hidden", hidden);
        try {
            return new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta, output);
        } catch (IllegalArgumentException e) {
            // its messages begin with the field, the option's name: "rho must be in (0, 1), got 2.0"
            String m = e.getMessage();
            boolean option = m.startsWith("rho ") || m.startsWith("lambda ") || m.startsWith("beta ");
            throw Checks.usage(spec, option ? "--" + m : m);
        }
    }
}
