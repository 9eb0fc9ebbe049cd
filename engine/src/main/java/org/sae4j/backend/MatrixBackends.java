package org.sae4j.backend;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.sae4j.io.UserCache;

/**
 * Finds backends with {@link ServiceLoader} and picks one by name.
 *
 * <p>Selection: an explicit name ({@code java}, {@code native}, ...) or {@code auto}. {@code auto}
 * measures every available backend on the job's products and keeps the highest-priority one unless
 * another is clearly faster ({@link AutoSelection}); the measurement is remembered per machine, so
 * it is made once. The system property {@value #PROPERTY} overrides {@code auto} for the whole JVM,
 * with no measuring. The choice and its reason are logged once per name at INFO.
 * Asking by name for a backend that cannot run throws {@link BackendUnavailableException} with the
 * provider's explanation; there is never a silent fallback for an explicit request.
 */
public final class MatrixBackends {

    /** System property that forces a backend when the caller asks for {@code auto}. */
    public static final String PROPERTY = "sae4j.backend";
    public static final String AUTO = "auto";

    private static final System.Logger LOG = System.getLogger(MatrixBackends.class.getName());
    private static final ConcurrentHashMap<String, MatrixBackend> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AutoSelection.Choice> AUTO_CHOICES = new ConcurrentHashMap<>();

    private MatrixBackends() {
    }

    /** The backend chosen by {@value #PROPERTY}, or {@code auto} on the standard workload when it is not set. */
    public static MatrixBackend defaultBackend() {
        return get(AUTO);
    }

    /**
     * The backend with this name, or for {@code auto} (or {@code null}) the automatic choice for
     * {@link GemmWorkload#standard(boolean) the standard workload} in f64.
     *
     * @throws BackendUnavailableException if the named backend is unknown or cannot run here
     */
    public static MatrixBackend get(String name) {
        return get(name, GemmWorkload.standard(false));
    }

    /**
     * The backend with this name; for {@code auto}, the one {@link #auto(GemmWorkload)} chooses for
     * {@code workload}. A named backend is never measured, and no other backend is loaded for it.
     *
     * @throws BackendUnavailableException if the named backend is unknown or cannot run here
     */
    public static MatrixBackend get(String name, GemmWorkload workload) {
        String key = normalise(name);
        if (key.equals(AUTO)) {
            return auto(workload).backend();
        }
        return CACHE.computeIfAbsent(key, k -> logChoice(byName(key), "requested by name"));
    }

    /**
     * The automatic choice for the products of a job: {@value #PROPERTY} when set; else every available
     * backend measured on {@code workload} (about a second, once per machine: the result is remembered
     * in {@link UserCache#root()}/{@value AutoSelection#CHOICES_FILE}) and picked by {@link AutoSelection}.
     * Made once per JVM and shape class, so every evaluation of a run uses the same backend.
     */
    public static AutoSelection.Choice auto(GemmWorkload workload) {
        String forced = normalise(System.getProperty(PROPERTY));
        if (!forced.equals(AUTO)) {
            MatrixBackend backend = CACHE.computeIfAbsent("auto=" + forced,
                    k -> logChoice(byName(forced), "forced by -D" + PROPERTY + "=" + forced));
            return new AutoSelection.Choice(backend, workload, List.of(), false, "-D" + PROPERTY + "=" + forced);
        }
        return AUTO_CHOICES.computeIfAbsent(workload.shapeClass(), k -> chooseAutomatically(workload));
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

    private static AutoSelection.Choice chooseAutomatically(GemmWorkload workload) {
        List<String> skipped = new ArrayList<>();
        List<AutoSelection.Candidate> candidates = new ArrayList<>();
        for (MatrixBackendProvider p : providers()) {
            MatrixBackendProvider.Availability a = p.availability();
            if (a.available()) {
                candidates.add(new AutoSelection.Candidate(CACHE.computeIfAbsent(p.name(), k -> p.create()),
                        p.priority()));
            } else {
                skipped.add(p.name() + " (" + a.reason() + ")");
            }
        }
        if (candidates.isEmpty()) {
            throw new BackendUnavailableException("No matrix backend is available; skipped "
                    + String.join("; ", skipped));
        }
        Path choices = UserCache.root().resolve(AutoSelection.CHOICES_FILE);
        AutoSelection.Choice choice = AutoSelection.choose(candidates, workload, choices,
                BackendCalibration.DEFAULT_BUDGET);
        logChoice(choice.backend(), "auto: " + choice.summary()
                + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
        return choice;
    }

    private static MatrixBackend logChoice(MatrixBackend backend, String reason) {
        LOG.log(Level.INFO, "sae4j matrix backend: {0} [{1}]", backend.info(), reason);
        return backend;
    }
}
