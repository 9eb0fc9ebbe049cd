package org.sae4j.backend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds backends with {@link ServiceLoader} and picks one by name.
 *
 * <p>Selection: an explicit name ({@code java}, {@code native}, ...) or {@code auto}. {@code auto}
 * takes the available provider with the highest priority. The system property {@value #PROPERTY}
 * overrides {@code auto} for the whole JVM. The choice and its reason are logged once per name at INFO.
 * Asking by name for a backend that cannot run throws {@link BackendUnavailableException} with the
 * provider's explanation; there is never a silent fallback for an explicit request.
 */
public final class MatrixBackends {

    /** System property that forces a backend when the caller asks for {@code auto}. */
    public static final String PROPERTY = "sae4j.backend";
    public static final String AUTO = "auto";

    private static final System.Logger LOG = System.getLogger(MatrixBackends.class.getName());
    private static final ConcurrentHashMap<String, MatrixBackend> CACHE = new ConcurrentHashMap<>();

    private MatrixBackends() {
    }

    /** The backend chosen by {@value #PROPERTY}, or {@code auto} when it is not set. */
    public static MatrixBackend defaultBackend() {
        return get(AUTO);
    }

    /**
     * The backend with this name, or the automatic choice for {@code auto} (or {@code null}).
     *
     * @throws BackendUnavailableException if the named backend is unknown or cannot run here
     */
    public static MatrixBackend get(String name) {
        String key = normalise(name);
        if (key.equals(AUTO)) {
            String forced = normalise(System.getProperty(PROPERTY));
            if (!forced.equals(AUTO)) {
                return CACHE.computeIfAbsent("auto=" + forced,
                        k -> logChoice(byName(forced), "forced by -D" + PROPERTY + "=" + forced));
            }
            return CACHE.computeIfAbsent(AUTO, k -> chooseAutomatically());
        }
        return CACHE.computeIfAbsent(key, k -> logChoice(byName(key), "requested by name"));
    }

    private static String normalise(String name) {
        return name == null || name.isBlank() ? AUTO : name.trim().toLowerCase(Locale.ROOT);
    }

    /** Every registered provider, highest priority first, whether or not it can run here. */
    public static List<MatrixBackendProvider> providers() {
        List<MatrixBackendProvider> list = new ArrayList<>();
        ServiceLoader.load(MatrixBackendProvider.class, MatrixBackends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(MatrixBackendProvider::priority).reversed()
                .thenComparing(MatrixBackendProvider::name));
        return list;
    }

    /** Names of the providers that can run here, highest priority first. */
    public static List<String> availableNames() {
        List<String> names = new ArrayList<>();
        for (MatrixBackendProvider p : providers()) {
            if (p.availability().available()) {
                names.add(p.name());
            }
        }
        return names;
    }

    private static MatrixBackend byName(String name) {
        List<String> known = new ArrayList<>();
        for (MatrixBackendProvider p : providers()) {
            known.add(p.name());
            if (p.name().equals(name)) {
                MatrixBackendProvider.Availability a = p.availability();
                if (!a.available()) {
                    throw new BackendUnavailableException("Backend '" + name + "' is not available: " + a.reason());
                }
                return p.create();
            }
        }
        String hint = name.equals("native")
                ? " Put the sae4j-native-blas jar on the class path to make 'native' available."
                : "";
        throw new BackendUnavailableException("Unknown backend '" + name + "'; registered backends: " + known + "." + hint);
    }

    private static MatrixBackend chooseAutomatically() {
        List<String> skipped = new ArrayList<>();
        for (MatrixBackendProvider p : providers()) {
            MatrixBackendProvider.Availability a = p.availability();
            if (a.available()) {
                String reason = "auto: highest-priority available backend"
                        + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
                return logChoice(p.create(), reason);
            }
            skipped.add(p.name() + " (" + a.reason() + ")");
        }
        throw new BackendUnavailableException("No matrix backend is available; skipped " + String.join("; ", skipped));
    }

    private static MatrixBackend logChoice(MatrixBackend backend, String reason) {
        LOG.log(Level.INFO, "sae4j matrix backend: {0} [{1}]", backend.info(), reason);
        return backend;
    }
}
