/**
 * The sae4j engine: the sparse autoencoder objective and its parallel evaluation, the optimisers, the
 * backend SPI with the pure-Java backend, data readers, the model and its file format.
 */
module org.sae4j.engine {
    requires static jdk.incubator.vector;
    requires transitive java.desktop;
    requires jdk.management;

    exports org.sae4j.autoencoder;
    exports org.sae4j.backend;
    exports org.sae4j.classify;
    exports org.sae4j.data;
    exports org.sae4j.deep;
    exports org.sae4j.image;
    exports org.sae4j.io;
    exports org.sae4j.model;
    exports org.sae4j.optim;
    exports org.sae4j.parallel;
    exports org.sae4j.precision;
    exports org.sae4j.train;
    // the pure-Java GEMM and its kernels: for the benchmarks and the report, not an API
    exports org.sae4j.backend.java to org.sae4j.report, org.sae4j.bench;

    uses org.sae4j.backend.MatrixBackendProvider;
    provides org.sae4j.backend.MatrixBackendProvider with org.sae4j.backend.java.JavaBackendProvider;
}
