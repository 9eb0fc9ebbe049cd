package org.sae4j.backend.java;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Where the JVM puts a large array, so packed panels can start on a cache-line boundary.
 *
 * <p>Vector loads that straddle two cache lines cost about twice as much; measured here, the same
 * micro-kernel ran between 19 and 32 GFLOP/s depending only on where its packed panel happened to
 * start. Java gives no addresses, but under G1 an array of at least half a heap region is a
 * "humongous" object: it starts at a region boundary and is never moved. Its element data then
 * starts {@value #ARRAY_DATA_OFFSET} bytes past that boundary. Nothing here changes any result,
 * only the speed; with another collector the panels are simply not aligned.
 */
final class HeapLayout {
    /** Bytes from an array's start to its first element (mark word, class word, length, padding). */
    static final int ARRAY_DATA_OFFSET = 16;
    static final int CACHE_LINE = 64;

    private HeapLayout() {
    }

    /** The smallest array size in bytes that G1 places at a region boundary, or 0 if unknown. */
    static long humongousBytes() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(bean.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(bean.getVMOption("G1HeapRegionSize").getValue()) / 2 + 1;
        } catch (RuntimeException | LinkageError e) {
            // No management module or another VM: keep the default layout.
            return 0;
        }
    }
}
