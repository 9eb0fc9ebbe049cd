/** The {@code native} backend: OpenBLAS (bundled or the system's) through dev.ludovic.netlib's JNI. */
module org.sae4j.nativeblas {
    requires org.sae4j.engine;
    requires dev.ludovic.netlib.blas;

    // BareNativeBlas, for the report's OpenBLAS bound
    exports org.sae4j.nativeblas to org.sae4j.report;

    provides org.sae4j.backend.MatrixBackendProvider with org.sae4j.nativeblas.NativeBlasProvider;
}
