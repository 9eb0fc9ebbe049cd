/** The backend comparison report behind {@code sae bench}. */
module org.sae4j.report {
    requires org.sae4j.engine;
    // only the OpenBLAS bound needs them, in a child JVM; without them the report runs the java backend
    requires static org.sae4j.nativeblas;
    requires static dev.ludovic.netlib.blas;

    exports org.sae4j.report;
}
