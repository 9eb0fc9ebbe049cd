package org.sae4j.cli;

import org.sae4j.autoencoder.Decoder;
import org.sae4j.autoencoder.SparseAutoencoder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The objective's constants {@code --rho --lambda --beta} and its {@code --decoder}, defaulting to the UFLDL exercise's. */
final class SparsityOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.01",
            description = "Target mean activation of each hidden unit, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay, >= 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "3",
            description = "Weight of the sparsity penalty, >= 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--decoder", paramLabel = "sigmoid|linear", defaultValue = "sigmoid",
            description = "Output layer: sigmoid (inputs in [0, 1]) or linear, a3 = W2 a2 + b2, for inputs that are"
                    + " not, such as whitened data (default: ${DEFAULT-VALUE}).")
    String decoder;

    /** The output layer, after {@link #check}. */
    Decoder decoder() {
        try {
            return Decoder.parse(decoder);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, "--decoder must be sigmoid or linear, got '" + decoder + "'");
        }
    }

    /** Checks the constants and {@code hidden}; invalid values are usage errors naming the option. */
    void check(int hidden) {
        decoder();
        Checks.require(spec, rho > 0 && rho < 1, "--rho must be in (0, 1), got " + rho);
        Checks.finiteNonNegative(spec, "--lambda", lambda);
        Checks.finiteNonNegative(spec, "--beta", beta);
        Checks.positive(spec, "--hidden", hidden);
    }

    /** The configuration for these constants and sizes, after {@link #check}. */
    SparseAutoencoder config(int visible, int hidden) {
        check(hidden);
        return new SparseAutoencoder(visible, hidden, rho, lambda, beta, decoder());
    }
}
