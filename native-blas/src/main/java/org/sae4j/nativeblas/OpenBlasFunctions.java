package org.sae4j.nativeblas;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * OpenBLAS's own functions that netlib's JNI glue does not expose: its thread setting and what it
 * says of itself (core, build configuration), reached through the Foreign Function API
 * ({@code java.lang.foreign}, final in JDK 22). This module is compiled for Java 17, so the API is
 * looked up reflectively and used only on JDK 22 or later.
 *
 * <p>Native access is restricted: on JDK 22+ the JVM prints a warning unless it runs with
 * {@code --enable-native-access=ALL-UNNAMED} (JDK 24+ prints it anyway for netlib's {@code System.load}),
 * and where native access is denied this control is simply absent.
 */
final class OpenBlasFunctions {

    /** What {@code openblas_get_parallel()} answers for an OpenMP build (0 is serial, 1 pthreads). */
    static final int OPENMP = 2;

    private static final int FIRST_FEATURE_RELEASE_WITH_FFM = 22;

    private final MethodHandle getNumThreads;
    private final MethodHandle setNumThreads;
    private final MethodHandle getParallel;
    private final MethodHandle getCorename;
    private final MethodHandle getConfig;
    private final Method reinterpret;
    private final Method getString;

    private OpenBlasFunctions(MethodHandle[] handles, Method reinterpret, Method getString) {
        this.getNumThreads = handles[0];
        this.setNumThreads = handles[1];
        this.getParallel = handles[2];
        this.getCorename = handles[3];
        this.getConfig = handles[4];
        this.reinterpret = reinterpret;
        this.getString = getString;
    }

    /**
     * The functions of the OpenBLAS that {@code library} resolves to, which is the one netlib loaded
     * because the dynamic loader hands out the already loaded copy; empty before JDK 22, where native
     * access is denied, or where the library is not OpenBLAS.
     */
    static Optional<OpenBlasFunctions> open(String library) {
        if (Runtime.version().feature() < FIRST_FEATURE_RELEASE_WITH_FFM) {
            return Optional.empty();
        }
        try {
            return Optional.of(link(library));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Threads OpenBLAS uses for one product started on the calling thread. */
    int numThreads() {
        try {
            return (int) getNumThreads.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_num_threads failed", t);
        }
    }

    /** Sets the thread count; for an OpenMP build it only affects the calling thread. */
    void setNumThreads(int threads) {
        try {
            setNumThreads.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads(" + threads + ") failed", t);
        }
    }

    /** How this OpenBLAS was built to run threads: 0 serial, 1 pthreads, {@link #OPENMP}. */
    int parallelMode() {
        try {
            return (int) getParallel.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_parallel failed", t);
        }
    }

    /** {@code openblas_get_corename()}: the kernel family in use, e.g. {@code Haswell} or {@code Prescott}. */
    String corename() {
        return string(getCorename, "openblas_get_corename");
    }

    /** {@code openblas_get_config()}, e.g. {@code OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64}. */
    String config() {
        return string(getConfig, "openblas_get_config");
    }

    private String string(MethodHandle function, String name) {
        try {
            Object pointer = function.invoke();
            Object whole = reinterpret.invoke(pointer, 4096L);
            return ((String) getString.invoke(whole, 0L)).strip();
        } catch (Throwable t) {
            throw new IllegalStateException(name + " failed", t);
        }
    }

    private static OpenBlasFunctions link(String library) throws ReflectiveOperationException {
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
        Class<?> symbolLookupType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> linkerOptionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> memorySegmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> memoryLayoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> functionDescriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");

        Object globalArena = arenaType.getMethod("global").invoke(null);
        Object lookup = symbolLookupType.getMethod("libraryLookup", String.class, arenaType)
                .invoke(null, library, globalArena);
        Method find = symbolLookupType.getMethod("find", String.class);
        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Method downcallHandle = linkerType.getMethod("downcallHandle",
                memorySegmentType, functionDescriptorType, linkerOptionType.arrayType());

        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Object javaInt = valueLayoutType.getField("JAVA_INT").get(null);
        Object pointerLayout = valueLayoutType.getField("ADDRESS").get(null);
        Object noLayouts = Array.newInstance(memoryLayoutType, 0);
        Object oneInt = Array.newInstance(memoryLayoutType, 1);
        Array.set(oneInt, 0, javaInt);
        Object returnsInt = functionDescriptorType.getMethod("of", memoryLayoutType, memoryLayoutType.arrayType())
                .invoke(null, javaInt, noLayouts);
        Object takesInt = functionDescriptorType.getMethod("ofVoid", memoryLayoutType.arrayType())
                .invoke(null, oneInt);
        Object returnsPointer = functionDescriptorType.getMethod("of", memoryLayoutType, memoryLayoutType.arrayType())
                .invoke(null, pointerLayout, noLayouts);
        Object noOptions = Array.newInstance(linkerOptionType, 0);

        String[] symbols = {"openblas_get_num_threads", "openblas_set_num_threads", "openblas_get_parallel",
            "openblas_get_corename", "openblas_get_config"};
        Object[] descriptors = {returnsInt, takesInt, returnsInt, returnsPointer, returnsPointer};
        MethodHandle[] handles = new MethodHandle[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            Optional<?> address = (Optional<?>) find.invoke(lookup, symbols[i]);
            if (address.isEmpty()) {
                throw new NoSuchMethodException(symbols[i] + " not found in " + library + ": not OpenBLAS");
            }
            handles[i] = (MethodHandle) downcallHandle.invoke(linker, address.get(), descriptors[i], noOptions);
        }
        return new OpenBlasFunctions(handles, memorySegmentType.getMethod("reinterpret", long.class),
                memorySegmentType.getMethod("getString", long.class));
    }
}
