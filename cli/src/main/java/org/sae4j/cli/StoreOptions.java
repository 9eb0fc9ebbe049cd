package org.sae4j.cli;

import picocli.CommandLine.Option;

/** How sample files are read: in place (mapped) by default, or into the heap. */
final class StoreOptions {
    @Option(names = "--load",
            description = "Read the samples into the heap instead of in place. By default an NPY file (C order) or an"
                    + " uncompressed IDX file is mapped: the operating system pages it in as training reads it, so it"
                    + " may be larger than the heap, and even than the memory (then every evaluation reads it from"
                    + " disk, at the disk's speed). gzip IDX and CSV files are always read into the heap; write a large"
                    + " one once as an NPY file with sae convert.")
    boolean load;
}
