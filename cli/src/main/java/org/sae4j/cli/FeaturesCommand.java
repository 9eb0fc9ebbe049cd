package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.image.FeatureImage;
import org.sae4j.image.Png;
import org.sae4j.model.TrainedModel;
import org.sae4j.options.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae features}: draws a model's filters. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Draws the filter of every hidden unit (a row of W1) as a grey tile, in one PNG picture.")
final class FeaturesCommand extends Subcommand {
    @Mixin
    private ModelArgument model;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "features.png",
            description = "The picture (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--patch-width", paramLabel = "W", description = "Tile width (default: sqrt(v), or v / height).")
    private Integer width;

    @Option(names = "--patch-height", paramLabel = "H", description = "Tile height (default: sqrt(v), or v / width).")
    private Integer height;

    @Override
    public Integer call() throws IOException {
        TrainedModel m = model.read();
        SparseAutoencoderConfig c = m.config();
        int v = c.visible();
        int w;
        int h;
        if (width == null && height == null) {
            w = TrainCommand.squareSide(v);
            h = w;
            Checks.require(spec, w > 0, "the model has " + v + " inputs, not a square number; give --patch-width and"
                    + " --patch-height");
        } else {
            w = width != null ? width : height > 0 && v % height == 0 ? v / height : -1;
            h = height != null ? height : width > 0 && v % width == 0 ? v / width : -1;
            Checks.require(spec, w > 0 && h > 0 && (long) w * h == v, "--patch-width x --patch-height must equal the"
                    + " model's " + v + " inputs, got " + describe(width) + " x " + describe(height));
        }
        Png.write(FeatureImage.render(m.w1(), w, h), out);
        sae.env().out().println(out);
        sae.env().out().flush();
        return 0;
    }

    private static String describe(Integer side) {
        return side == null ? "?" : side.toString();
    }
}
