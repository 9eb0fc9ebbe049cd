package org.sae4j.nativeblas;

import java.nio.file.Path;

/** Run in forked JVMs by the tests: unpacks the bundled OpenBLAS into the folder given, twice at once. */
public final class UnpackMain {

    private UnpackMain() {
    }

    public static void main(String[] args) throws Exception {
        BundledOpenBlas bundle = BundledOpenBlas.forThisPlatform().orElseThrow();
        Path cache = Path.of(args[0]);
        Thread other = new Thread(() -> {
            try {
                bundle.unpack(cache);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        Path folder = bundle.unpack(cache);
        other.join();
        System.out.println("UNPACKED=" + folder);
    }
}
