package org.sae4j.nativeblas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which BLAS was loaded, told from the files mapped into the process (Linux) or else from the name
 * that was asked for.
 *
 * @param file   the library file loaded, as precisely as known
 * @param kernel the implementation, e.g. {@code OpenBLAS 0.3.21 pthread}
 */
record BlasLibraryFile(String file, String kernel) {

    private static final Pattern OPENBLAS_VERSION = Pattern.compile("-r(\\d+(?:\\.\\d+)+)");
    private static final Pattern DEBIAN_VARIANT = Pattern.compile("/openblas-(pthread|openmp|serial)/");

    /**
     * @param requested   the name or path netlib was told to load
     * @param mappedFiles what {@link LinuxProcess#mappedFiles()} lists after loading (empty off Linux)
     */
    static BlasLibraryFile identify(String requested, List<String> mappedFiles) {
        String file = loadedFile(requested, mappedFiles);
        List<String> candidates = mappedFiles.isEmpty() ? List.of(file) : mappedFiles;
        return new BlasLibraryFile(file, kernel(candidates));
    }

    private static String loadedFile(String requested, List<String> mappedFiles) {
        Path requestedPath = Path.of(requested);
        if (requestedPath.isAbsolute() && Files.exists(requestedPath)) {
            try {
                return requestedPath.toRealPath().toString();
            } catch (IOException e) {
                return requested;
            }
        }
        String requestedName = requestedPath.getFileName().toString();
        for (String mapped : mappedFiles) {
            if (fileName(mapped).equals(requestedName)) {
                return mapped;
            }
        }
        for (String mapped : mappedFiles) {
            if (isBlas(mapped)) {
                return mapped;
            }
        }
        return requested;
    }

    private static String kernel(List<String> files) {
        for (String file : files) {
            String name = fileName(file).toLowerCase(Locale.ROOT);
            if (name.contains("openblas")) {
                return openBlasKernel(file, name);
            }
        }
        for (String file : files) {
            String lower = fileName(file).toLowerCase(Locale.ROOT);
            if (lower.contains("mkl")) {
                return "Intel MKL";
            } else if (lower.contains("blis")) {
                return "BLIS";
            } else if (lower.contains("flexiblas")) {
                return "FlexiBLAS";
            } else if (lower.contains("atlas")) {
                return "ATLAS";
            } else if (file.contains("Accelerate.framework")) {
                return "Apple Accelerate";
            }
        }
        return "BLAS of unknown kind";
    }

    private static String openBlasKernel(String file, String name) {
        StringBuilder kernel = new StringBuilder("OpenBLAS");
        Matcher version = OPENBLAS_VERSION.matcher(name);
        if (version.find()) {
            kernel.append(' ').append(version.group(1));
        }
        Matcher debian = DEBIAN_VARIANT.matcher(file);
        if (debian.find()) {
            kernel.append(' ').append(debian.group(1));
        } else if (name.startsWith("libopenblasp")) {
            kernel.append(" pthread");
        } else if (name.startsWith("libopenblaso")) {
            kernel.append(" openmp");
        }
        return kernel.toString();
    }

    /** Whether a mapped file is a BLAS shared library other than netlib's own JNI glue. */
    static boolean isBlas(String file) {
        String name = fileName(file).toLowerCase(Locale.ROOT);
        return name.contains("blas") && name.contains(".so") && !isNetlibGlue(file);
    }

    /** Whether a mapped file is the JNI library netlib unpacks from its jar. */
    static boolean isNetlibGlue(String file) {
        return fileName(file).startsWith("libnetlibblasjni");
    }

    private static String fileName(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
