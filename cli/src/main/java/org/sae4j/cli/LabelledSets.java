package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import org.sae4j.data.Preprocessing;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Labelled training data and its test set, as {@code classify} and {@code deep} take them: one of
 * --idx/--npy/--csv with --labels or --label-column, then a test file with --test-labels, or a part held
 * out with --test-fraction and --seed; and the scale of the values.
 */
final class LabelledSets {
    static final double DEFAULT_TEST_FRACTION = 0.2;

    /** The test samples: {@link SampleFiles}' three options, named for the test set. */
    static final class TestFiles {
        @Option(names = "--test-idx", paramLabel = "FILE", required = true, description = "IDX test images.")
        Path idx;

        @Option(names = "--test-npy", paramLabel = "FILE", required = true, description = "NPY test samples.")
        Path npy;

        @Option(names = "--test-csv", paramLabel = "FILE", required = true,
                description = "CSV test samples (same --label-column, or --test-labels).")
        Path csv;

        SampleFiles files() {
            SampleFiles f = new SampleFiles();
            f.idx = idx;
            f.npy = npy;
            f.csv = csv;
            return f;
        }
    }

    /**
     * The sets as read, before scaling.
     *
     * @param all the whole training file
     */
    record Split(Labels.Labelled all, Labels.Labelled train, Labels.Labelled test) {
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Training data (exactly one):%n")
    SampleFiles train;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The training labels: an IDX label file or a 1-D integer NPY, one per sample.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "N",
            description = "CSV: the column holding the label, counting from 0; the other columns are the values.")
    Integer labelColumn;

    @Mixin
    CsvHeaderOption csvHeader;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Test data (at most one; else --test-fraction):%n")
    TestFiles test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "The test labels (IDX or NPY).")
    Path testLabels;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Without a test file: hold out this fraction of the samples, chosen with --seed, as the"
                    + " test set (default: " + DEFAULT_TEST_FRACTION + ").")
    Double testFraction;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every input value by X first (default: 1/255 for IDX images, else 1). Use the"
                    + " scale the model was trained with.")
    Double scale;

    @Mixin
    StoreOptions store;

    void check(CommandSpec spec) {
        boolean csv = train.csv != null;
        Checks.require(spec, labelColumn == null || csv, "--label-column applies to --csv only");
        Checks.require(spec, !(labelColumn != null && labels != null), "give the labels once: --labels or"
                + " --label-column, not both");
        Checks.require(spec, labels != null || labelColumn != null, csv ? "--csv needs --label-column N or --labels"
                + " FILE" : "--idx and --npy need --labels FILE");
        if (labelColumn != null) {
            Checks.require(spec, labelColumn >= 0, "--label-column must be >= 0, got " + labelColumn);
        }
        if (test != null) {
            Checks.require(spec, testFraction == null, "--test-fraction holds out part of the training data; it"
                    + " cannot go with a test file");
            boolean columnLabels = test.csv != null && labelColumn != null;
            Checks.require(spec, testLabels != null || columnLabels, "the test data needs --test-labels FILE"
                    + (test.csv != null ? " (or --label-column for CSV)" : ""));
            Checks.require(spec, !(testLabels != null && columnLabels), "the test CSV's labels come from"
                    + " --label-column; drop --test-labels");
        } else {
            Checks.require(spec, testLabels == null, "--test-labels needs test data: --test-idx, --test-npy or"
                    + " --test-csv");
        }
        if (testFraction != null) {
            Checks.require(spec, testFraction > 0 && testFraction < 1, "--test-fraction must be in (0, 1), got "
                    + testFraction);
        }
        Checks.require(spec, scale == null || scale != 0, "--scale must not be 0");
    }

    /** The factor the values are multiplied by. */
    double factor() {
        return scale != null ? scale : train.idx != null ? 1 / 255.0 : 1;
    }

    /** The file the test samples come from. */
    Path testPath() {
        return test != null ? test.files().path() : train.path();
    }

    /** Reads the training file, and the test file or the held-out part, reporting each on {@code err}. */
    Split read(PrintWriter err, long seed) throws IOException, CommandFailure {
        CsvReader.Header header = csvHeader.header();
        Labels.Labelled all = read(train, labels, header, err);
        if (test != null) {
            Labels.Labelled testSet = read(test.files(), testLabels, header, err);
            if (testSet.samples().features() != all.samples().features()) {
                throw new DataFileException(test.files().path() + ": " + testSet.samples().features()
                        + " values per sample, but the training data " + train.path() + " has "
                        + all.samples().features());
            }
            return new Split(all, all, testSet);
        }
        Labels.Labelled[] parts = holdOut(all, testFraction != null ? testFraction : DEFAULT_TEST_FRACTION, seed);
        err.printf(Locale.ROOT, "held out %d of %d samples as the test set (seed %d)%n", parts[1].samples().samples(),
                all.samples().samples(), seed);
        return new Split(all, parts[0], parts[1]);
    }

    private Labels.Labelled read(SampleFiles files, Path labelsFile, CsvReader.Header header, PrintWriter err)
            throws IOException {
        Path file = files.path();
        Dataset samples = files.read(header, store.load);
        Labels.Labelled l = LabelledFiles.labelled(samples, file, labelsFile, files.csv != null ? labelColumn : null);
        err.printf(Locale.ROOT, "read %d samples of %d values and their labels from %s%n", l.samples().samples(),
                l.samples().features(), file);
        return l;
    }

    /** [train, test]: a seeded shuffle, the first (1 − fraction) for training. */
    static Labels.Labelled[] holdOut(Labels.Labelled all, double fraction, long seed) throws CommandFailure {
        int m = all.samples().samples();
        int testCount = (int) Math.round(fraction * m);
        if (testCount < 1 || testCount >= m) {
            throw new CommandFailure("cannot hold out " + fraction + " of " + m + " samples: that leaves "
                    + testCount + " for testing and " + (m - testCount) + " for training");
        }
        int[] order = all.shuffledIndices(seed);
        return new Labels.Labelled[] {all.subset(Arrays.copyOfRange(order, 0, m - testCount)),
                all.subset(Arrays.copyOfRange(order, m - testCount, m))};
    }

    /** The set scaled by {@link #factor()}, in the settings' precision, checked finite. */
    Labels.Labelled prepare(Labels.Labelled l, EvaluationSettings settings, EngineOptions engine, Path file) {
        double factor = factor();
        Dataset d = factor == 1 ? l.samples() : Preprocessing.scale(l.samples(), factor);
        String precision = settings.precision().shortName();
        return new Labels.Labelled(engine.requireFinite(d.toPrecision(settings.precision()), file + " in " + precision),
                l.labels());
    }
}
