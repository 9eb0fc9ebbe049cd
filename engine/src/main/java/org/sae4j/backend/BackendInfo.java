package org.sae4j.backend;

/**
 * What a backend is made of, as reported by {@code sae info} and the benchmark report.
 *
 * @param name           the selection name ({@code java}, {@code native})
 * @param implementation the class or library doing the products
 * @param kernel         which kernel is active (e.g. {@code vector-api 256-bit} or {@code scalar})
 * @param nativeLibrary  path or name of the native library, or {@code null} for pure Java
 * @param blasThreads    threads one product may use, as the backend configured it
 */
public record BackendInfo(String name, String implementation, String kernel, String nativeLibrary, int blasThreads) {
    @Override
    public String toString() {
        return name + " (" + implementation + ", kernel " + kernel
                + (nativeLibrary == null ? "" : ", library " + nativeLibrary)
                + ", " + blasThreads + " thread(s) per product)";
    }
}
