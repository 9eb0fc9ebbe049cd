package org.sae4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sae4j.backend.BackendChoice;

/**
 * Where a model came from, beyond its numbers: typed here, and recorded in its file as the metadata's
 * named strings ({@link #toMetadata()}).
 *
 * @param source    what it was trained on: a file, or the demo's images
 * @param optimizer the optimiser and its settings
 * @param chunk     the samples of the largest chunk
 * @param backend   how the backend was chosen
 */
public record Provenance(String source, String optimizer, int chunk, BackendChoice backend) {
    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(backend, "backend");
    }

    /** The fields as a model file's metadata holds them: source, optimizer, chunk, backendChoice. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("optimizer", optimizer);
        m.put("chunk", Integer.toString(chunk));
        m.put("backendChoice", backend.toString());
        return m;
    }
}
