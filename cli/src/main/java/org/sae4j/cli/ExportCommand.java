package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.NpyWriter;
import org.sae4j.model.MatrixView;
import org.sae4j.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae export}: a model's parameters as NumPy arrays. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a model's parameters as float64 NPY files: theta.npy (1-D, the file layout),"
                + " W1.npy (h, v), b1.npy (h), W2.npy (v, h), b2.npy (v).",
                "Matrices are in C order, so W1[k].reshape(p, p) is the filter of hidden unit k in input pixel order."})
final class ExportCommand extends Subcommand {
    @Mixin
    private ModelArgument model;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Folder for the NPY files.")
    private Path dir;

    private static final String[] FILES = {"theta.npy", "W1.npy", "b1.npy", "W2.npy", "b2.npy"};

    @Override
    public Integer call() throws IOException, CommandFailure {
        TrainedModel m = model.read();
        SparseAutoencoderConfig c = m.config();
        Files.createDirectories(dir);
        // all or nothing: a file that cannot be written is found before any is
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (Files.isDirectory(file) || (Files.exists(file) && !Files.isWritable(file))) {
                throw new CommandFailure(file + (Files.isDirectory(file) ? " is a folder" : " is not writable")
                        + "; nothing was exported");
            }
        }
        double[] theta = m.theta();
        write("theta.npy", new int[] {theta.length}, theta);
        write("W1.npy", new int[] {c.hidden(), c.visible()}, rowMajor(m.w1()));
        write("b1.npy", new int[] {c.hidden()}, m.b1().toArray());
        write("W2.npy", new int[] {c.visible(), c.hidden()}, rowMajor(m.w2()));
        write("b2.npy", new int[] {c.visible()}, m.b2().toArray());
        sae.env().out().flush();
        return 0;
    }

    private void write(String name, int[] shape, double[] values) throws IOException {
        Path file = dir.resolve(name);
        NpyWriter.writeF64(file, shape, values);
        sae.env().out().println(file);
    }

    static double[] rowMajor(MatrixView m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i * m.cols() + j] = m.get(i, j);
            }
        }
        return out;
    }
}
