package org.sae4j.io;

import java.nio.file.Path;

/**
 * The per-user folder where sae4j keeps what it can rebuild at any time: the native libraries it
 * unpacks and the backend choices it measured. Deleting it costs only the time to rebuild it.
 *
 * <p>Where, first match: the system property {@value #PROPERTY}; the environment variable
 * {@value #ENVIRONMENT}; {@code $XDG_CACHE_HOME/sae4j}; {@code ~/.cache/sae4j}.
 */
public final class UserCache {

    /** System property naming the cache folder. */
    public static final String PROPERTY = "sae4j.cache";

    /** Environment variable naming the cache folder, when the property is not set. */
    public static final String ENVIRONMENT = "SAE4J_CACHE";

    private UserCache() {
    }

    /** The cache folder as configured; it may not exist yet. */
    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath();
        }
        String variable = System.getenv(ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.strip()).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sae4j");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sae4j");
    }

    /** How to move the cache, for error messages. */
    public static String howToMove() {
        return "set -D" + PROPERTY + "=DIR (or the environment variable " + ENVIRONMENT + ") to another folder";
    }
}
