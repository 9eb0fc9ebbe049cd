/** The backend comparison report behind {@code sae bench}. */
module org.sae4j.report {
    requires org.sae4j.engine;
    requires org.sae4j.nativeblas;
    requires dev.ludovic.netlib.blas;

    exports org.sae4j.report;
}
