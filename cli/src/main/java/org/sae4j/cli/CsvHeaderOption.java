package org.sae4j.cli;

import java.util.Locale;
import org.sae4j.data.CsvReader;
import org.sae4j.options.Checks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --csv-header auto|yes|no}, for every command that reads CSV files. */
final class CsvHeaderOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--csv-header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether a CSV file's first line is a header (default: ${DEFAULT-VALUE}: a first line"
                    + " without any number).")
    private String value;

    /** The rule for the header line; any other value is a usage error. */
    CsvReader.Header header() {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> CsvReader.Header.AUTO;
            case "yes" -> CsvReader.Header.PRESENT;
            case "no" -> CsvReader.Header.ABSENT;
            default -> throw Checks.usage(spec, "--csv-header must be auto, yes or no, got '" + value + "'");
        };
    }
}
