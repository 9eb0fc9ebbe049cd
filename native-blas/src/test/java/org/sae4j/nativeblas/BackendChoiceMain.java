package org.sae4j.nativeblas;

import java.util.stream.Collectors;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.BackendUnavailableException;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;

/**
 * Run in a forked JVM by the tests: prints, one per line, the registered providers, what {@code auto}
 * chose and what asking for {@code native} by name gave, plus the backend's info.
 */
public final class BackendChoiceMain {

    private BackendChoiceMain() {
    }

    public static void main(String[] args) {
        System.out.println("PROVIDERS=" + MatrixBackends.providers().stream()
                .map(MatrixBackendProvider::name).collect(Collectors.joining(",")));
        try {
            System.out.println("AUTO=" + MatrixBackends.get("auto").name());
        } catch (BackendUnavailableException e) {
            System.out.println("AUTO_FAILED=" + e.getMessage());
        }
        System.out.println("NATIVE_REASON=" + new NativeBlasProvider().availability().reason());
        try {
            BackendInfo info = MatrixBackends.get("native").info();
            System.out.println("NATIVE_THREADS=" + info.blasThreads());
            System.out.println("NATIVE_KERNEL=" + info.kernel());
            System.out.println("NATIVE_LIBRARY=" + info.nativeLibrary());
            System.out.println("BLAS_FILES=" + String.join(",", LinuxProcess.mappedFiles().stream()
                    .filter(BlasLibraryFile::isBlas).distinct().toList()));
        } catch (BackendUnavailableException e) {
            System.out.println("NATIVE_FAILED=" + e.getMessage());
        }
    }
}
